# Only UTF-8 text can be included.
MESSAGE="error: src/a\.md:3:5: include 'logo\.bin' is not UTF-8 text"
prepare() {
	printf '\211PNG\r\n\032\n\000\000' >src/logo.bin
	printf '# A\n\nSee {{#include logo.bin}} here.\n' >src/a.md
}
