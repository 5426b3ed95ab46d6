# strict: true in the configuration makes every warning an error.
MESSAGE="error: src/a\.md:3:1: link to 'missing\.md': no such file in the source folder"
prepare() {
	printf 'strict: true\n' >warraq.yml
	printf '# A\n\n[x](missing.md)\n' >src/a.md
}
