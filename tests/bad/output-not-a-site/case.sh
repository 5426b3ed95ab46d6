# An output folder holding files but no site is not replaced.
MESSAGE='notes: output folder holds files but no site'
ARGS='--output notes'
prepare() { printf '# A\n' >src/a.md; mkdir notes; echo keep >notes/keep.txt; }
