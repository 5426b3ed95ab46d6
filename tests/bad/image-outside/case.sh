# An image outside the source folder is never read: a warning, the build goes on.
EXIT=0
MESSAGE="warning: src/a\.md:3:1: image '\.\./\.\./etc/x\.png' is outside the source folder"
prepare() { printf '# A\n\n![x](../../etc/x.png)\n' >src/a.md; }
