# An unknown front matter key is a warning: the build goes on.
EXIT=0
MESSAGE="warning: src/a\.md:3: unknown front matter key 'colour' \(ignored\)"
prepare() { printf -- '---\ntitle: A\ncolour: red\n---\nBody\n' >src/a.md; }
