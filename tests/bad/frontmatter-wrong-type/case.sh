MESSAGE="src/a\.md:3:8: front matter 'title' must be text"
prepare() { printf -- '---\nlang: ar\ntitle: [1, 2]\n---\nBody\n' >src/a.md; }
