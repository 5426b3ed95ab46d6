# YAML forbids tabs for indentation.
MESSAGE='src/a\.md:[34]:[0-9]+: YAML'
prepare() { printf -- '---\ntags:\n\t- a\n---\nBody\n' >src/a.md; }
