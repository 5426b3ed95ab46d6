# A PNG file named .md: its first byte is not UTF-8.
MESSAGE='src/image\.md:1:1: invalid UTF-8 byte 0x89'
prepare() { printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >src/image.md; }
