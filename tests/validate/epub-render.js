#!/usr/bin/env node
// Render the first chapter of an EPUB with epub.js in headless Chromium,
// save a screenshot and check the computed direction of the chapter's body.
//   usage: node epub-render.js BOOK.epub NODE_MODULES SCREENSHOT.png [DIR]
// DIR is the expected direction (default rtl). Exit 0 pass, 1 fail, 2 usage.
// CHROMIUM overrides the browser (default /usr/bin/chromium).
//
// A page served on 127.0.0.1 (random port, node's http module) loads
// epubjs/dist/epub.min.js and jszip/dist/jszip.min.js from NODE_MODULES,
// opens the book, displays the first chapter (the "bodymatter" landmark,
// else the first entry of the table of contents, else the first spine item)
// and reports, from inside epub.js's iframe, the computed `direction` of
// <body>. Every await has its own timeout, and a watchdog ends the process
// after 60 s whatever happens.
'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');

const WATCHDOG_MS = 60000;
const STEP_MS = 20000;

if (process.argv.length < 5 || process.argv.length > 6) {
	console.error('usage: node epub-render.js BOOK.epub NODE_MODULES SCREENSHOT.png [DIR]');
	process.exit(2);
}
const [bookPath, modules, shotPath] = process.argv.slice(2, 5);
const want = process.argv[5] || 'rtl';
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

let browser = null;
let server = null;
const logs = []; // the page's console messages, errors and blocked requests

function finish(code, msg) {
	if (msg) (code === 0 ? console.log : console.error)(msg);
	const closing = [];
	if (browser) closing.push(browser.close().catch(() => {}));
	if (server) closing.push(new Promise((r) => server.close(() => r())));
	// Do not wait for ever on a browser that does not close.
	const t = setTimeout(() => process.exit(code), 5000);
	Promise.all(closing).then(() => { clearTimeout(t); process.exit(code); });
}

const watchdog = setTimeout(() => {
	console.error(`FAIL: epub-render did not finish within ${WATCHDOG_MS / 1000} s`);
	process.exit(1);
}, WATCHDOG_MS);

// step(what, promise): the promise, or a rejection naming WHAT after STEP_MS.
function step(what, promise, ms = STEP_MS) {
	let t;
	const timeout = new Promise((_, reject) => {
		t = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>epub.js render test</title>
<style>html,body{margin:0;background:#fff}#area{width:600px;height:800px}</style>
<script src="/jszip.min.js"></script>
<script src="/epub.min.js"></script>
</head><body><div id="area"></div>
<script>
window.renderResult = (async () => {
  const book = ePub('/book.epub', { openAs: 'epub' });
  await book.ready;
  const nav = book.navigation;
  const body = nav && nav.landmark && nav.landmark('bodymatter');
  let target = body && body.href ? body.href : (nav && nav.toc.length ? nav.toc[0].href : undefined);
  const rendition = book.renderTo('area', { width: 600, height: 800, flow: 'paginated', spread: 'none' });
  window.rendition = rendition;
  // epub.js resolves nav hrefs against the nav document; a chapter href
  // with a fragment is fine for display().
  await rendition.display(target);
  const contents = rendition.getContents();
  if (!contents.length) throw new Error('epub.js displayed nothing for ' + target);
  const c = contents[0];
  const doc = c.document;
  const cs = c.window.getComputedStyle(doc.body);
  const bodyDirection = cs.direction;
  // epub.js writes the spine's page-progression-direction (default ltr)
  // into <html style="direction: ..">, which overrides the document's own
  // dir attributes: take the computed direction once more without it.
  const html = doc.documentElement;
  const forced = html.style.direction;
  html.style.removeProperty('direction');
  const ownDirection = c.window.getComputedStyle(doc.body).direction;
  if (forced) html.style.direction = forced;
  return {
    target: target || '(first spine item)',
    section: c.sectionIndex,
    href: rendition.location && rendition.location.start ? rendition.location.start.href : '',
    htmlDir: doc.documentElement.getAttribute('dir'),
    htmlLang: doc.documentElement.getAttribute('lang'),
    bodyDirection,
    ownDirection,
    forced,
    ppd: book.package && book.package.metadata ? book.package.metadata.direction : '',
    text: (doc.body.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 80),
  };
})().then((r) => ({ ok: true, r }), (e) => ({ ok: false, error: String(e && e.stack || e) }));
</script></body></html>
`;

const files = {
	'/': { type: 'text/html; charset=utf-8', file: null, body: PAGE },
	'/epub.min.js': { type: 'text/javascript', file: path.join(modules, 'epubjs/dist/epub.min.js') },
	'/jszip.min.js': { type: 'text/javascript', file: path.join(modules, 'jszip/dist/jszip.min.js') },
	'/book.epub': { type: 'application/epub+zip', file: bookPath },
};

async function main() {
	for (const f of Object.values(files)) {
		if (f.file && !fs.existsSync(f.file)) return finish(1, `FAIL: no ${f.file}`);
	}
	let pw;
	try {
		pw = require(path.join(modules, 'playwright-core'));
	} catch (e) {
		return finish(1, `FAIL: cannot load playwright-core from ${modules}: ${e.message}`);
	}

	server = http.createServer((req, res) => {
		const u = new URL(req.url, 'http://127.0.0.1');
		const f = files[u.pathname];
		if (!f) { res.writeHead(404); res.end(); return; }
		const body = f.file ? fs.readFileSync(f.file) : f.body;
		res.writeHead(200, { 'Content-Type': f.type, 'Cache-Control': 'no-store' });
		res.end(body);
	});
	await step('start the HTTP server', new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	}));
	const origin = `http://127.0.0.1:${server.address().port}`;

	browser = await step('launch ' + chromium, pw.chromium.launch({
		executablePath: chromium,
		headless: true,
		timeout: STEP_MS,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update', '--disable-sync', '--no-first-run'],
	}));
	const page = await step('open a page', browser.newPage({ viewport: { width: 600, height: 800 } }));
	page.setDefaultTimeout(STEP_MS);
	page.on('console', (m) => logs.push(`console.${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
	// Nothing leaves the machine: only our server (and the blob: / data:
	// URLs epub.js makes for the chapter's resources) may be loaded.
	await step('install the request filter', page.route('**/*', (route) => {
		const u = route.request().url();
		if (u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:')) {
			return route.continue();
		}
		logs.push(`blocked: ${u}`);
		return route.abort();
	}));
	await step('load the test page', page.goto(origin + '/', { waitUntil: 'load' }));
	const out = await step('render the first chapter with epub.js',
		page.evaluate(() => window.renderResult));
	// Let fonts and layout settle before the screenshot.
	await step('wait for fonts', page.evaluate(() => {
		const c = window.rendition && window.rendition.getContents()[0];
		return c ? c.document.fonts.ready.then(() => true) : true;
	}));
	await step('settle', page.waitForTimeout(300));
	fs.mkdirSync(path.dirname(path.resolve(shotPath)), { recursive: true });
	await step('take the screenshot', page.screenshot({ path: shotPath }));
	console.log(`screenshot: ${path.resolve(shotPath)}`);

	if (!out.ok) {
		return finish(1, `FAIL: epub.js could not render the book: ${out.error}\n${logs.join('\n')}`);
	}
	const r = out.r;
	const where = r.href || r.target;
	console.log(`chapter: ${where} (spine item ${r.section}); <html lang="${r.htmlLang}" dir="${r.htmlDir}">; ` +
		`page-progression-direction: ${r.ppd || '(none)'}`);
	console.log(`computed direction of <body>: ${r.bodyDirection} as displayed (epub.js sets ` +
		`direction: ${r.forced || '(nothing)'} on <html>), ${r.ownDirection} from the document's own markup`);
	console.log(`text: ${r.text}`);
	const fails = [];
	if (!r.text) fails.push(`the chapter ${where} rendered no text`);
	if (r.bodyDirection !== want) {
		fails.push(`computed direction of the chapter's <body> as displayed by epub.js is "${r.bodyDirection}", want "${want}" ` +
			`(page-progression-direction: ${r.ppd || 'none'})`);
	}
	if (r.ownDirection !== want) {
		fails.push(`computed direction of the chapter's <body> from its own markup (dir attributes, style sheet) is "${r.ownDirection}", want "${want}"`);
	}
	if (fails.length) {
		return finish(1, fails.map((f) => 'FAIL: ' + f).join('\n') + (logs.length ? '\n' + logs.join('\n') : ''));
	}
	return finish(0, `ok: ${where} renders ${want}`);
}

main().catch((e) => finish(1, `FAIL: ${e && e.message ? e.message : e}` +
	(logs.length ? '\n' + logs.join('\n') : ''))).finally(() => clearTimeout(watchdog));
