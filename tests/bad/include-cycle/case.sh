# An include cycle is an error naming the chain.
MESSAGE="error: src/b\.md:1:1: include cycle: a\.md -> b\.md -> a\.md"
prepare() {
	printf '# A\n\n{{#include b.md}}\n' >src/a.md
	printf '{{#include a.md}}\n' >src/b.md
}
