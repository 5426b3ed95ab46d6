MESSAGE="warraq\.yml:2:17: 'summary_length' must be a number from 0 to 10000"
prepare() { printf '# A\n' >src/a.md; printf 'lang: ar\nsummary_length: .NAN\n' >warraq.yml; }
