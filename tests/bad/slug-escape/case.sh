MESSAGE="src/a\.md:2:7: front matter 'slug' must be a single path segment"
prepare() { printf -- '---\nslug: ../../x\n---\nA\n' >src/a.md; }
