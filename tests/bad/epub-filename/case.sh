# The book's file name must stay a plain name inside the output folder.
MESSAGE="warraq\.yml:3:13: 'filename' must be a plain ASCII file name"
prepare() { printf '# A\n' >src/a.md; printf 'title: t\nepub:\n  filename: ../../evil\n' >warraq.yml; }
