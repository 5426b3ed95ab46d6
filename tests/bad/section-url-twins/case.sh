# Two folders whose names transliterate to the same URL under slugs: ascii.
MESSAGE="src/(Field Notes|field-notes): the folders '[^']*' and '[^']*' have the same URL 'field-notes/'"
prepare() {
	mkdir -p 'src/Field Notes' src/field-notes
	printf '# A\n\nText.\n' >'src/Field Notes/a.md'
	printf '# B\n\nText.\n' >src/field-notes/b.md
	printf 'slugs: ascii\n' >warraq.yml
}
