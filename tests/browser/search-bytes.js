/* Browser test: on a documentation-shaped site of 3,000 articles served
 * over loopback HTTP, a one-word Arabic query receives at most 300 KB in
 * all (page, scripts, index pieces) and shows its results ten at a time;
 * the next ten come on request.  A query from ?q= is looked up while the
 * page is parsed: its chunk of words and first article's piece are in
 * before the page's DOMContentLoaded (the page holds the index's first
 * file and its script, so it fetches neither).
 *   node search-bytes.js WARRAQ REPO_ROOT      exit 0 pass, 1 fail, 77 skipped
 * The site is bench/gen-docs.sh's corpus, built with WARRAQ into a
 * temporary folder and served by a small Node server; Debian's Chromium
 * runs the page (playwright-core). */
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const [warraq, root] = process.argv.slice(2);
if (!warraq || !root) {
  console.error('usage: node search-bytes.js WARRAQ REPO_ROOT');
  process.exit(2);
}
let chromium;
try {
  ({ chromium } = require(path.join(root, 'tests/tools/node_modules/playwright-core')));
} catch (e) {
  console.log('skipped: playwright-core is not installed (npm ci --prefix tests/tools --ignore-scripts)');
  process.exit(77);
}
if (!fs.existsSync('/usr/bin/chromium')) {
  console.log('skipped: no /usr/bin/chromium (apt-get install chromium)');
  process.exit(77);
}

const LIMIT = 300 * 1024;
const QUERY = 'الاحتجاز';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warraq-search-bytes-'));
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok: ' : 'FAIL: ') + what);
  if (!ok) failures++;
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                '.css': 'text/css', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
                '.png': 'image/png', '.svg': 'image/svg+xml' };
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

async function main() {
  execFileSync('sh', [path.join(root, 'bench/gen-docs.sh'), '3000', path.join(tmp, 'corpus')],
               { stdio: ['ignore', 'ignore', 'inherit'] });
  const site = path.join(tmp, 'site');
  execFileSync(warraq, ['build', '--source', path.join(tmp, 'corpus/warraq/src'),
                        '--config', path.join(tmp, 'corpus/warraq/warraq.yml'),
                        '--output', site, '--quiet'], { stdio: 'inherit' });
  const server = await serve(site);
  const port = server.port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    let bytes = 0, requests = 0;
    /* What came over the wire: each response's headers and body. */
    const pending = [];
    page.on('requestfinished', (r) => pending.push(r.sizes().then((s) => {
      bytes += s.responseHeadersSize + s.responseBodySize;
      requests++;
    })));
    const urls = [];
    page.on('request', (r) => urls.push(new URL(r.url()).pathname));
    /* What was in when the page was parsed (this listener runs before the
     * page's own). */
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const got = (re) => performance.getEntriesByType('resource')
          .filter((e) => re.test(new URL(e.name).pathname) && e.responseEnd > 0).length;
        window.atParsed = { chunks: got(/^\/search\/w\/[a-z2-7]{10}(-\d+)?\.js$/), pieces: got(/^\/search\/d\/\d+\.js$/) };
      });
    });
    const url = `http://127.0.0.1:${port}/search/index.html?q=${encodeURIComponent(QUERY)}`;
    await page.goto(url);
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0,
                               null, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => document.querySelectorAll('#search-results mark').length >= 10,
                               null, { timeout: 30000 });
    await Promise.all(pending);
    const got = await page.evaluate(() => ({
      n: document.querySelectorAll('#search-results > li').length,
      status: document.getElementById('search-status').textContent,
      more: !document.getElementById('search-more').hidden,
      marks: document.querySelectorAll('#search-results mark').length,
    }));
    check(got.n === 10, `ten results shown first (${got.n}; ${got.status})`);
    const parsed = await page.evaluate(() => window.atParsed);
    check(parsed.chunks === 1 && parsed.pieces >= 1,
          `its chunk and first piece were in when the page was parsed (${JSON.stringify(parsed)})`);
    check(!urls.includes('/search/index.js') && !urls.includes('/assets/search.js'),
          'the search page holds the index\'s first file and its script');
    check(got.marks === 10, `each with its snippet marked (${got.marks})`);
    check(got.more, 'a button asks for the next ten');
    check(bytes <= LIMIT, `"${QUERY}" received ${(bytes / 1024).toFixed(1)} KB in ${requests} responses ` +
                          `(at most ${LIMIT / 1024} KB)`);
    await page.click('#search-more');
    /* They arrive one by one, in order: wait for the tenth of them. */
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length >= 20);
    await page.waitForLoadState('networkidle');
    const n2 = await page.evaluate(() => document.querySelectorAll('#search-results > li').length);
    check(n2 === 20, `the next ten come on request (${n2})`);
  } finally {
    await browser.close();
    server.close();
  }
}

const timer = setTimeout(() => { console.error('FAIL: timed out'); process.exit(1); }, 170000);
main().then(() => {
  clearTimeout(timer);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(failures ? 1 : 0);
}, (e) => {
  console.error('FAIL: ' + (e && e.stack || e));
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
