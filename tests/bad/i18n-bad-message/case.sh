# A site's UI string override with a broken ICU MessageFormat pattern.
MESSAGE='i18n/ar\.yml:2:15: not a valid ICU MessageFormat pattern'
prepare() {
	printf '# A\n\nنص عربي.\n' >src/a.md
	printf 'title: t\n' >warraq.yml
	mkdir -p i18n
	printf '# broken\nreading_time: "{0, plural, one {# x}"\n' >i18n/ar.yml
}
