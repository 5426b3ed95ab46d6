/* Search benchmark: warraq's search page and Pagefind's, on the same built
 * site, served by the same loopback HTTP server, in the same run.
 *   node bench/search.js SITE SRC PLAYWRIGHT_CORE_DIR [QUERY...] [--runs N] [--warmup N]
 * SITE is a warraq output folder that Pagefind has indexed into
 * SITE/pagefind/, SRC its sources (bench/search.sh does all this).  For each query and each
 * engine, N cold runs (a new browser context each: nothing cached) time
 * from the start of the search page's navigation to the frame that shows
 * the first result, by the page's own clock (see once()), and count the
 * bytes received (after --warmup runs of each, default 3, not counted, for
 * the browser's start); the medians are printed as a Markdown table.  The
 * results' pages are compared with the pages whose text holds the query
 * word, bare or behind Arabic clitics (و ف ب ك ل ال and their
 * combinations): a true match; Pagefind's other finds are counted apart. */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const args = process.argv.slice(2);
let runs = 5;
const ri = args.indexOf('--runs');
if (ri >= 0) { runs = Number(args[ri + 1]); args.splice(ri, 2); }
let warmup = 3;
const wi = args.indexOf('--warmup');
if (wi >= 0) { warmup = Number(args[wi + 1]); args.splice(wi, 2); }
const [site, src, pw, ...queries] = args;
if (!site || !src || !pw) {
  console.error('usage: node bench/search.js SITE SRC PLAYWRIGHT_CORE_DIR [QUERY...] [--runs N] [--warmup N]');
  process.exit(2);
}
if (!queries.length) queries.push('الهجرة', 'المهاجرين', 'الأطفال', 'احتجاز');
const { chromium } = require(path.resolve(pw));

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                '.mjs': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2',
                '.json': 'application/json', '.wasm': 'application/wasm' };
/* A static file server in a process of its own (so the browser driver in
 * this one does not slow its answers), on a free loopback port. */
const serverCode = `
const http = require('http'), fs = require('fs'), path = require('path');
const dir = process.argv[1], types = JSON.parse(process.argv[2]);
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(dir, path.normalize(p));
  if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    res.end();
    return;
  }
  const body = fs.readFileSync(file);
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                       'Content-Length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
function serve(dir) {
  const { spawn } = require('child_process');
  const child = spawn(process.execPath, ['-e', serverCode, path.resolve(dir), JSON.stringify(types)],
                      { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ port: Number(String(d).trim()), close: () => child.kill() }));
    child.once('error', reject);
  });
}

/* Pagefind's own API, results shown as its UI shows them (title and
 * excerpt of the first ten). */
const pagefindPage = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>pagefind</title></head><body><ol id="r"></ol><script type="module">
const q = new URLSearchParams(location.search).get('q');
const pf = await import('/pagefind/pagefind.js');
const s = await pf.search(q);
const d = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
window.PF_ALL = s.results;
document.getElementById('r').innerHTML = d.map((x) => '<li><a href="' + x.url + '">' +
  x.meta.title + '</a><p>' + x.excerpt + '</p></li>').join('');
window.PF_COUNT = s.results.length;
document.getElementById('r').dataset.done = '';
</script></body></html>`;

function median(a) {
  const s = a.slice().sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

/* Pages (URL paths) whose text (title and body, in the sources: SRC/a/b.md
 * is published at a/b/) holds @word, bare or behind clitics. */
function truth(word) {
  const fold = (s) => s.replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي').replace(/ة/g, 'ه');
  const stem = fold(word).replace(/^ال/, '');
  const re = new RegExp('(^|[^\\p{L}\\p{M}\\p{N}])(و|ف)?(ب|ك|ل)?(ال)?' + stem +
                        '(?![\\p{L}\\p{M}\\p{N}])', 'u');
  const reLil = new RegExp('(^|[^\\p{L}\\p{M}\\p{N}])(و|ف)?لل' + stem +
                           '(?![\\p{L}\\p{M}\\p{N}])', 'u');
  const out = new Set();
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name.endsWith('.md') && e.name !== '_index.md') {
        const text = fold(fs.readFileSync(p, 'utf8'));
        if (re.test(text) || reLil.test(text)) {
          out.add(path.relative(src, p).replace(/\.md$/, '') + '/');
        }
      }
    }
  })(src);
  return out;
}

/* From the start of the page's navigation to the frame that shows its
 * first result (not to its load event: style sheets and fonts may still be
 * coming), as the page itself reads its clock (performance.now()): an
 * observer of the DOM, added before the page's own scripts, sees the first
 * item in the list of results (#search-results for warraq, #r for
 * Pagefind) and asks for the next frame; the time is that frame's, before
 * it is painted.  (A result can enter the DOM before the page's first
 * layout, which then takes tens of milliseconds: the frame is when it is
 * seen.)  The driver's polling (waitForFunction) was given up for this:
 * each poll runs in the page, on the main thread the page needs, and in a
 * fresh page its first poll compiles the driver's own script. */
async function once(browser, url) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let bytes = 0;
  const pending = [];
  page.on('requestfinished', (r) => pending.push(r.sizes().then((s) => {
    bytes += s.responseHeadersSize + s.responseBodySize;
  })));
  await page.addInitScript(() => {
    new MutationObserver((m, o) => {
      const s = document.getElementById('search-status');
      if (document.querySelector('#search-results > li, #r > li, #r[data-done]') ||
          (s && s.textContent === s.getAttribute('data-empty'))) {
        o.disconnect();
        requestAnimationFrame(() => console.log('wq-bench-first ' + performance.now()));
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const first = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no results: ${url}`)), 60000);
    page.on('console', (m) => {
      if (m.text().startsWith('wq-bench-first ')) {
        clearTimeout(timer);
        resolve(Number(m.text().slice(15)));
      }
    });
  });
  await page.goto(url, { waitUntil: 'commit' });
  const ms = Math.round(await first);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const extra = await page.evaluate(() => ({
    warraq: document.getElementById('search-status') ?
      document.getElementById('search-status').textContent : null,
    pf: window.PF_COUNT,
  }));
  await ctx.close();
  return { ms, bytes, extra };
}

async function main() {
  fs.writeFileSync(path.join(site, 'pagefind-bench.html'), pagefindPage);
  const server = await serve(path.resolve(site));
  const port = server.port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows = [];
  /* Runs of each, not counted: the browser's own start.  One was not
   * enough: the first query measured was then the slowest for both tools,
   * whichever query it was. */
  for (let i = 0; i < warmup; i++) {
    await once(browser, `http://127.0.0.1:${port}/search/index.html?q=${encodeURIComponent(queries[0])}`);
    await once(browser, `http://127.0.0.1:${port}/pagefind-bench.html?q=${encodeURIComponent(queries[0])}`);
  }
  for (const q of queries) {
    const w = [], p = [];
    for (let i = 0; i < runs; i++) {
      w.push(await once(browser, `http://127.0.0.1:${port}/search/index.html?q=${encodeURIComponent(q)}`));
      p.push(await once(browser, `http://127.0.0.1:${port}/pagefind-bench.html?q=${encodeURIComponent(q)}`));
    }
    /* The pages each finds, against the pages that hold the word. */
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`http://127.0.0.1:${port}/pagefind-bench.html?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => window.PF_COUNT !== undefined);
    const pfUrls = await page.evaluate(async () => {
      const d = await Promise.all(window.PF_ALL.map((r) => r.data()));
      return d.map((x) => x.url);
    });
    await page.goto(`http://127.0.0.1:${port}/search/index.html?q=${encodeURIComponent(q)}`);
    const settled = () => {
      const s = document.getElementById('search-status');
      return s !== null && s.textContent !== s.getAttribute('data-prompt') &&
        document.getElementById('search-results').getAttribute('aria-busy') === 'false';
    };
    await page.waitForFunction(settled);
    const wqUrls = await page.evaluate(async () => {
      const out = [];
      const more = document.getElementById('search-more');
      const list = document.getElementById('search-results');
      for (let guard = 0; more && !more.hidden && guard < 10000; guard++) {
        more.click();
        while (list.getAttribute('aria-busy') !== 'false') {
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      for (const a of document.querySelectorAll('#search-results > li > a')) out.push(a.href);
      return out;
    });
    await ctx.close();
    const norm = (u) => decodeURIComponent(new URL(u, 'http://x/search/').pathname)
      .replace(/^\//, '').replace(/index\.html$/, '');
    const t = truth(q);
    const score = (urls) => {
      const s = new Set(urls.map(norm));
      let tp = 0;
      for (const u of s) if (t.has(u)) tp++;
      return { found: s.size, true: tp, other: s.size - tp };
    };
    rows.push({ q, w: { ms: median(w.map((x) => x.ms)), kb: median(w.map((x) => x.bytes)) / 1024, ...score(wqUrls) },
                p: { ms: median(p.map((x) => x.ms)), kb: median(p.map((x) => x.bytes)) / 1024, ...score(pfUrls) },
                truth: t.size });
  }
  await browser.close();
  server.close();
  console.log(`| query | pages holding it | warraq: first results | received | found (true / other) | ` +
              `Pagefind: first results | received | found (true / other) |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.q} | ${r.truth} | ${r.w.ms} ms | ${r.w.kb.toFixed(0)} KB | ${r.w.found} (${r.w.true} / ${r.w.other}) | ` +
                `${r.p.ms} ms | ${r.p.kb.toFixed(0)} KB | ${r.p.found} (${r.p.true} / ${r.p.other}) |`);
  }
  console.log(`(first results: from the navigation's start to the frame that shows them, ` +
              `by the page's clock; ` +
              `medians of ${runs} cold runs each after ${warmup} uncounted runs of each page, ` +
              `loopback HTTP, Debian's Chromium)`);
}
main().catch((e) => { console.error(e); process.exit(1); });
