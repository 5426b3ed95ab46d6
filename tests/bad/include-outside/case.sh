# An include may not leave the source folder.
MESSAGE="error: src/a\.md:3:1: include '\.\./secret\.md' is outside the source folder"
prepare() {
	printf 'secret\n' >secret.md
	printf '# A\n\n[!INCLUDE [s](../secret.md)]\n' >src/a.md
}
