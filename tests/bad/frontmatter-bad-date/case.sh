MESSAGE="src/a\.md:2:7: front matter 'date' must be a date"
prepare() { printf -- '---\ndate: yesterday\n---\nBody\n' >src/a.md; }
