# A site's own template with a section that is never closed.
MESSAGE='layouts/article\.mustache:2:[0-9]+: .*unclosed'
prepare() { printf '# A\n' >src/a.md; mkdir -p layouts; printf '<p>\n{{#article}}\n' >layouts/article.mustache; printf 'title: t\n' >warraq.yml; }
