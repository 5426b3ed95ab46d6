MESSAGE="src/b\.md: same URL 'one/' as src/a\.md"
prepare() { printf -- '---\nslug: one\n---\nA\n' >src/a.md; printf -- '---\nslug: one\n---\nB\n' >src/b.md; }
