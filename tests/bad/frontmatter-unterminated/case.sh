MESSAGE='src/a\.md:1:1: front matter is not closed'
prepare() { printf -- '---\ntitle: x\n\nBody\n' >src/a.md; }
