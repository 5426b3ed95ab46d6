MESSAGE="src/a\.md:2:9: front matter 'weight' must be a finite number"
prepare() { printf -- '---\nweight: -.inf\n---\nBody\n' >src/a.md; }
