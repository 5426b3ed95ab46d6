# A document whose URL is the page of a folder of documents (a section).
MESSAGE="src/reports\.md: same URL 'reports/' as the page of the folder 'reports'"
prepare() {
	mkdir -p src/reports
	printf '# التقارير\n\nنص.\n' >src/reports.md
	printf '# تقرير\n\nنص.\n' >src/reports/one.md
}
