# The output folder may not be the source folder: it would be replaced.
EXIT=2
MESSAGE='the output folder would replace src'
ARGS='--output src'
prepare() { printf '# A\n' >src/a.md; }
