# A missing image is a warning: the build goes on and the page keeps the
# image as written.
EXIT=0
MESSAGE="warning: src/a\.md:3:6: image 'nope\.png' not found"
prepare() { printf '# A\n\nصورة ![x](nope.png)\n' >src/a.md; }
