MESSAGE="warraq\.yml:2:8: 'title' must be a string"
prepare() { printf '# A\n' >src/a.md; printf 'lang: ar\ntitle: [1]\n' >warraq.yml; }
