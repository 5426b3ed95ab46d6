# 20,000 quotes inside quotes.
MESSAGE='src/deep\.md:3:[0-9]+: nested deeper than 100 levels'
prepare() { printf '# Deep\n\n' >src/deep.md; i=0; while [ $i -lt 20000 ]; do printf '> '; i=$((i + 1)); done >>src/deep.md; echo text >>src/deep.md; }
