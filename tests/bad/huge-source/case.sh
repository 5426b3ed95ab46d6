# A 50 MB source is refused by size before it is read.
MESSAGE='src/huge\.md: source too large \(52428800 bytes; the limit is 8 MiB\)'
prepare() { head -c 52428800 /dev/zero | tr '\000' 'a' >src/huge.md; }
