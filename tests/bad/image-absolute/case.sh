# An image given by an absolute path is looked up in the source folder,
# never on the disk; not found there, it is a warning and the build goes on.
EXIT=0
MESSAGE="warning: src/a\.md:3:1: image '/etc/hostname\.png' not found"
prepare() { printf '# A\n\n![x](/etc/hostname.png)\n' >src/a.md; }
