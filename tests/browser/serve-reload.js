/* Browser test: a page opened from `warraq serve` reloads itself after an
 * edit of its source, shows the error of a broken edit over the last good
 * page, and reloads again once the edit is fixed.
 *   node serve-reload.js WARRAQ REPO_ROOT     exit 0 pass, 1 fail, 77 skipped
 * Serves a small site from a temporary folder on a free loopback port and
 * opens it in Debian's Chromium (playwright-core). */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const [warraq, root] = process.argv.slice(2);
if (!warraq || !root) {
  console.error('usage: node serve-reload.js WARRAQ REPO_ROOT');
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warraq-serve-reload-'));
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok: ' : 'FAIL: ') + what);
  if (!ok) failures++;
}
const src = path.join(tmp, 'src');
fs.mkdirSync(src);
fs.writeFileSync(path.join(src, 'a.md'), '# مقال\n\nالنص الأول.\n');

let server = null;
let output = '';
function start() {
  return new Promise((resolve, reject) => {
    server = spawn(warraq, ['serve', '--port', '0', '--source', src, '--output', path.join(tmp, 'site')],
                   { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr.on('data', (d) => { output += d; });
    server.stdout.on('data', (d) => {
      output += d;
      const m = output.match(/at (http:\/\/[^ ]+\/) /);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error('serve exited ' + code + ':\n' + output)));
  });
}

async function main() {
  const base = await start();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20000);
    await page.goto(base + 'a/index.html');
    check((await page.textContent('.content')).includes('النص الأول'), 'the page is served');
    /* An edit: the open page reloads by itself and shows the new text. */
    const reloaded = page.waitForEvent('load');
    fs.writeFileSync(path.join(src, 'a.md'), '# مقال\n\nالنص الثاني.\n');
    await reloaded;
    await page.waitForFunction(() => document.body.textContent.includes('النص الثاني'));
    check(true, 'an edit reloads the open page with the new text');
    /* A broken edit: the last good page stays, with the error on it. */
    const broken = page.waitForEvent('load');
    fs.writeFileSync(path.join(src, 'a.md'), '---\ntitle: [a, b]\n---\nنص.\n');
    await broken;
    await page.waitForFunction(() => document.body.textContent.includes('النص الثاني') &&
                               /title/.test(document.body.textContent));
    check(true, 'a broken edit keeps the last good page and shows the error');
    /* Fixed: reloads again, the error gone. */
    const fixed = page.waitForEvent('load');
    fs.writeFileSync(path.join(src, 'a.md'), '# مقال\n\nالنص الثالث.\n');
    await fixed;
    await page.waitForFunction(() => document.body.textContent.includes('النص الثالث'));
    const stillError = await page.evaluate(() => /must be/.test(document.body.textContent));
    check(!stillError, 'once fixed, the page reloads and the error is gone');
    check(!fs.readFileSync(path.join(tmp, 'site/a/index.html'), 'utf8').includes('__warraq'),
          'the reload script is never written to the site on disk');
  } finally {
    await browser.close();
  }
}

const timer = setTimeout(() => { console.error('FAIL: timed out\n' + output); finish(1); }, 110000);
function finish(code) {
  clearTimeout(timer);
  if (server) {
    server.removeAllListeners('exit');
    server.kill('SIGINT');
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}
main().then(() => finish(failures ? 1 : 0), (e) => {
  console.error('FAIL: ' + (e && e.stack || e));
  finish(1);
});
