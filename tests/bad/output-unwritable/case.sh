# An output folder whose parent the build's user cannot write to.
REQUIRE_ROOT=1
RUN='setpriv --reuid=65534 --regid=65534 --clear-groups'
MESSAGE='\.site\.tmp-[A-Za-z0-9]{6}: cannot create the build folder: Permission denied'
prepare() { printf '# A\n\nنص.\n' >src/a.md; chmod 755 . src; chmod 644 src/a.md; }
