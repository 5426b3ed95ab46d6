# A missing image is a warning; --strict makes it an error.
ARGS=--strict
MESSAGE="error: src/a\.md:3:6: image 'nope\.png' not found"
prepare() { printf '# A\n\nصورة ![x](nope.png)\n' >src/a.md; }
