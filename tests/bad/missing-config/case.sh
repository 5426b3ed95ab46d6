# A configuration named on the command line must exist.
MESSAGE='nope\.yml: configuration file not found'
ARGS='--config nope.yml'
prepare() { printf '# A\n' >src/a.md; }
