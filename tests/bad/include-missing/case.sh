# A missing include is a warning; the directive is dropped from the text.
EXIT=0
MESSAGE="warning: src/a\.md:3:1: include 'nope\.md' not found"
prepare() { printf '# A\n\n[!INCLUDE [n](nope.md)]\n\nText.\n' >src/a.md; }
check() { ! grep -rq "INCLUDE" site; }
