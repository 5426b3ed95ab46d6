# Two links pointing at each other.
MESSAGE='src/loop[12]\.md: symbolic link cannot be followed'
prepare() { printf '# A\n' >src/a.md; ln -s loop2.md src/loop1.md; ln -s loop1.md src/loop2.md; }
