# A folder of documents named like the site's own search page.
MESSAGE="src/search: the folder name 'search' is reserved"
prepare() {
	mkdir -p src/search
	printf '# بحث\n\nنص.\n' >src/search/a.md
}
