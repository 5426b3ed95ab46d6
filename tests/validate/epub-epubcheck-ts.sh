#!/bin/sh
# epub.epubcheck-ts.<book>: @likecoin/epubcheck-ts (a TypeScript port of
# EPUBCheck that follows EPUB 3.3 and EPUBCheck 5's rules) as a second
# opinion beside Debian's EPUBCheck 4.2.6 (EPUB 3.2 rules).
#   usage: epub-epubcheck-ts.sh WARRAQ SRCDIR   exit 0 pass, 1 fail, 77 skipped
# Runs `node tests/tools/node_modules/@likecoin/epubcheck-ts/bin/epubcheck.js
# BOOK.epub --json REPORT --quiet` and reads the JSON report.
#
# Fatals and errors fail the test. Warnings fail it too (the book must be
# warning-free under both checkers), except those whose message ID is
# listed in tests/validate/epubcheck-ts.allow: a port can disagree with the
# reference EPUBCheck (it says it agrees on about 95% of the spec fixtures),
# so a warning shown to be a false positive of the port goes there, one ID a
# line with the reason in a comment, rather than into a change of the book.
# Infos and usages are printed, never counted.
set -eu
# shellcheck source=tests/validate/common.sh
. "$(dirname -- "$0")/common.sh"
# shellcheck source=tests/validate/epub-common.sh
. "$(dirname -- "$0")/epub-common.sh"

need_node @likecoin/epubcheck-ts
build_epub
allow=$root/tests/validate/epubcheck-ts.allow
rc=0
node "$tools/@likecoin/epubcheck-ts/bin/epubcheck.js" "$epub" \
	--json "$tmp/ts.json" --quiet >"$tmp/ts.log" 2>&1 || rc=$?
if [ ! -s "$tmp/ts.json" ]; then
	cat "$tmp/ts.log" >&2
	echo "FAIL: epubcheck-ts wrote no JSON report (exit $rc)" >&2
	exit 1
fi
# The report: {messages: [{ID, severity, message, locations: [{path, line,
# column}]}], fatals, errors, warnings, ...}.
node - "$tmp/ts.json" "$allow" "$book" "$rc" <<'JS'
const fs = require('fs');
const [report, allowFile, book, rc] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(report, 'utf8'));
const allowed = new Set();
if (fs.existsSync(allowFile)) {
	for (const line of fs.readFileSync(allowFile, 'utf8').split('\n')) {
		const id = line.replace(/#.*/, '').trim();
		if (id) allowed.add(id);
	}
}
const where = (m) => (m.locations || []).map((l) =>
	l.path + (l.line > 0 ? `:${l.line}` + (l.column > 0 ? `:${l.column}` : '') : '')).join(', ');
const counts = { fatal: 0, error: 0, warning: 0, allowed: 0, other: 0 };
for (const m of r.messages || []) {
	const sev = String(m.severity).toLowerCase();
	let tag = sev.toUpperCase();
	if (sev === 'fatal' || sev === 'error') counts[sev]++;
	else if (sev === 'warning' && allowed.has(m.ID)) { counts.allowed++; tag = 'WARNING (allowed)'; }
	else if (sev === 'warning') counts.warning++;
	else counts.other++;
	const line = `${tag}(${m.ID}): ${where(m)}: ${m.message}`;
	(tag === 'FATAL' || tag === 'ERROR' || tag === 'WARNING' ? console.error : console.log)(line);
}
const bad = counts.fatal + counts.error + counts.warning;
const summary = `${counts.fatal} fatals / ${counts.error} errors / ${counts.warning} warnings` +
	` (${counts.allowed} allowed warnings, ${counts.other} infos/usages; report says ` +
	`${r.fatals} fatals / ${r.errors} errors / ${r.warnings} warnings)`;
if (bad > 0 || (r.fatals || 0) + (r.errors || 0) > 0 || rc !== '0' && bad + counts.allowed === 0) {
	console.error(`FAIL: epubcheck-ts ${r.checker ? r.checker.version : ''} on ${book} (exit ${rc}): ${summary}`);
	process.exit(1);
}
console.log(`ok: epubcheck-ts ${r.checker ? r.checker.version : ''} on ${book} (EPUB ${r.publication ? r.publication.version : '?'}): ${summary}`);
JS
