# A configured book cover that does not exist.
MESSAGE='nope\.png: cannot read'
prepare() { printf '# A\n' >src/a.md; printf 'title: t\nepub:\n  cover: nope.png\n' >warraq.yml; }
