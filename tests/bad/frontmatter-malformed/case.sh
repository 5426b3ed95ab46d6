MESSAGE='src/a\.md:4:1: YAML: .*quoted scalar \(started at line 2, column 8\)'
prepare() { printf -- '---\ntitle: "unclosed\ndate: 2024-01-01\n---\nBody\n' >src/a.md; }
