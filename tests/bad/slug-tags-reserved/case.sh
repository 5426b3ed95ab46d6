# An article at tags/, where the pages of the tags go.
MESSAGE="src/tags\.md: the slug 'tags' is reserved for the site's own files"
prepare() { printf -- '---\ntags: [a]\n---\n# وسوم\n\nنص.\n' >src/tags.md; }
