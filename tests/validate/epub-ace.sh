#!/bin/sh
# epub.ace.<book>: Ace by DAISY (@daisy/ace-cli, in tests/tools/) reports
# no accessibility violation on the book warraq writes.
#   usage: epub-ace.sh WARRAQ SRCDIR      exit 0 pass, 1 fail, 77 skipped
# Runs, with Debian's chromium (PUPPETEER_EXECUTABLE_PATH; Ace's runner
# already passes --no-sandbox, needed as root, and runs headless):
#   node tests/tools/node_modules/@daisy/ace-cli/bin/ace.js -E -f -s -o OUT BOOK.epub
# -E: exit 2 when there are violations, -f: overwrite OUT, -s: silent.
# Then reads OUT/report.json: "earl:result" must be "pass" and no
# assertion may have the outcome "fail"; each violation is printed with
# its document, rule, impact, message and element.
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

need_node @daisy/ace-cli
need_chromium
build_epub

# Ace gives the browser 5 s to start by default: not enough on a busy
# two-core CI machine.
rc=0
PUPPETEER_EXECUTABLE_PATH=$chromium PUPPETEER_SKIP_DOWNLOAD=1 \
	ACE_TIMEOUT_INITIAL=${ACE_TIMEOUT_INITIAL:-60000} \
	node "$tools/@daisy/ace-cli/bin/ace.js" -E -f -s -o "$tmp/ace" "$epub" \
	>"$tmp/ace.log" 2>&1 || rc=$?
if [ ! -s "$tmp/ace/report.json" ]; then
	cat "$tmp/ace.log" >&2
	echo "FAIL: Ace wrote no report (exit $rc)" >&2
	exit 1
fi
node - "$tmp/ace/report.json" "$book" "$rc" <<'JS'
const fs = require('fs');
const [report, book, rc] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const outcome = r['earl:result'] && r['earl:result']['earl:outcome'];
const fails = [];
for (const doc of r.assertions || []) {
	const url = doc['earl:testSubject'] ? doc['earl:testSubject'].url : '?';
	for (const a of doc.assertions || []) {
		if (!a['earl:result'] || a['earl:result']['earl:outcome'] !== 'fail') continue;
		const t = a['earl:test'] || {};
		const res = a['earl:result'];
		const ptr = res['earl:pointer'] || {};
		const css = (ptr.css || []).join(' ');
		const html = (res.html || '').replace(/\s+/g, ' ').slice(0, 160);
		fails.push(`${url}: ${t['dct:title']} (${t['earl:impact']}): ${res['dct:description']}` +
			(css ? `\n    at ${css}` : '') + (html ? `\n    ${html}` : ''));
	}
}
const version = r['earl:assertedBy'] ? r['earl:assertedBy']['doap:release']['doap:revision'] : '?';
const meta = r['a11y-metadata'] || {};
if (fails.length || outcome !== 'pass' || rc !== '0') {
	for (const f of fails) console.error('VIOLATION: ' + f);
	console.error(`FAIL: Ace ${version} on ${book}: ${fails.length} violations, outcome "${outcome}", exit ${rc}`);
	process.exit(1);
}
console.log(`a11y metadata present: ${(meta.present || []).join(', ') || '(none)'}`);
console.log(`ok: Ace ${version} on ${book}: 0 violations`);
JS
