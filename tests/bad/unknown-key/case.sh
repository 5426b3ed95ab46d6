# A front matter key one or two edits from a known one is a warning with
# a suggestion; the build goes on.
EXIT=0
MESSAGE="warning: src/a\.md:3:1: unknown front matter key 'titel': did you mean 'title'\?"
prepare() { printf -- '---\ntitle: A\ntitel: B\n---\nBody\n' >src/a.md; }
