# A stray byte that is not UTF-8: named by file, line and column (in characters).
MESSAGE='src/bad\.md:3:5: invalid UTF-8 byte 0xFF'
prepare() { printf '# Title\n\nسلام\377 world\n' >src/bad.md; }
