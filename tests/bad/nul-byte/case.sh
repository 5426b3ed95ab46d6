# A NUL byte (a binary file named .md).
MESSAGE='src/bin\.md:1:3: NUL byte'
prepare() { printf 'ab\000cd\n' >src/bin.md; }
