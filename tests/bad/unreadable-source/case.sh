# A source the build's user cannot read (the build runs as nobody).
REQUIRE_ROOT=1
RUN='setpriv --reuid=65534 --regid=65534 --clear-groups'
MESSAGE='src/secret\.md: cannot read: Permission denied'
prepare() {
	printf '# A\n' >src/a.md
	printf '# Secret\n' >src/secret.md
	chmod 000 src/secret.md
	chmod 755 . src
	chmod 644 src/a.md
}
