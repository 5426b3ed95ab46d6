/* Browser test: Arabic pages flow right to left, and the search page finds
 * words whatever their diacritics, hamza forms, letter variants or digits.
 *   node rtl.js WARRAQ REPO_ROOT       exit 0 pass, 1 fail, 77 skipped
 * Builds the seeds site and tests/browser/site with WARRAQ into a temporary
 * folder, opens them from file:// in Debian's Chromium (playwright-core). */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const [warraq, root] = process.argv.slice(2);
if (!warraq || !root) {
  console.error('usage: node rtl.js WARRAQ REPO_ROOT');
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warraq-browser-'));
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok: ' : 'FAIL: ') + what);
  if (!ok) failures++;
}
function build(src, config, out) {
  execFileSync(warraq, ['build', '--source', src, '--config', config, '--output', out, '--quiet'],
               { stdio: 'inherit' });
}

async function main() {
  build(path.join(root, 'seeds'), path.join(root, 'warraq.yml'), path.join(tmp, 'seeds'));
  build(path.join(root, 'tests/browser/site/src'), path.join(root, 'tests/browser/site/warraq.yml'),
        path.join(tmp, 'search'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => check(false, 'no script error: ' + e.message));

    /* 1. An Arabic article: its first line starts at the right edge. */
    const article = fs.readdirSync(path.join(tmp, 'seeds'))
      .map((d) => path.join(tmp, 'seeds', d, 'index.html'))
      .filter((f) => fs.existsSync(f) && !f.includes('/search/'))[0];
    await page.goto('file://' + article);
    const layout = await page.evaluate(() => {
      const p = document.querySelector('.content p');
      const style = getComputedStyle(p);
      const box = p.getBoundingClientRect();
      const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
      /* The first characters of the paragraph: where does line one start? */
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode();
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, Math.min(3, text.length));
      const first = range.getClientRects()[0];
      return {
        dir: style.direction, htmlDir: document.documentElement.dir, lang: document.documentElement.lang,
        firstRight: first.right, firstLeft: first.left, right, left,
      };
    });
    check(layout.htmlDir === 'rtl' && layout.lang === 'ar', 'the article page is <html lang="ar" dir="rtl">');
    check(layout.dir === 'rtl', 'the first paragraph computes direction: rtl');
    check(Math.abs(layout.firstRight - layout.right) <= 2,
          `its first line starts at the content box's right edge (${layout.firstRight.toFixed(1)} vs ${layout.right.toFixed(1)})`);
    check(layout.firstLeft - layout.left > 50, 'and not at the left edge');
    await page.screenshot({ path: path.join(process.cwd(), 'browser-rtl-article.png') });

    /* 2. The search page, run from ?q=: variants of the same word match. */
    const searchPage = 'file://' + path.join(tmp, 'search', 'search', 'index.html');
    const cases = [
      ['الاحتجاز', 'الإِحْتِجَازُ'],   /* hamza under alef, tashkeel */
      ['الإحتجاز', 'الإِحْتِجَازُ'],
      ['احمد', 'أحمد'],               /* hamza over alef */
      ['المستشفي', 'المستشفى'],       /* alef maqsura */
      ['التقريره', null],             /* no such word */
      ['2023', '٢٠٢٣'],               /* Arabic-Indic digits */
      ['detention', 'Detention'],     /* Latin case */
    ];
    for (const [query, marked] of cases) {
      await page.goto(searchPage + '?q=' + encodeURIComponent(query));
      /* The status, then every result's snippet (the titles come first,
       * each snippet once its text is inflated). */
      await page.waitForFunction(() => {
        const s = document.getElementById('search-status');
        const li = document.querySelectorAll('#search-results > li');
        return s && s.textContent !== s.getAttribute('data-prompt') &&
          document.getElementById('search-results').getAttribute('aria-busy') !== 'true' &&
          Array.from(li).every((x) => x.querySelector('.snippet'));
      });
      const got = await page.evaluate(() => ({
        n: document.querySelectorAll('#search-results > li').length,
        marks: Array.from(document.querySelectorAll('#search-results mark')).map((m) => m.textContent),
        dirs: Array.from(document.querySelectorAll('#search-results > li')).map((li) => li.dir),
        status: document.getElementById('search-status').textContent,
      }));
      if (marked === null) {
        check(got.n === 0, `"${query}" finds nothing (${got.status})`);
      } else {
        check(got.n >= 1 && got.marks.includes(marked),
              `"${query}" finds "${marked}" (${got.n} results, marked: ${got.marks.join(', ')})`);
      }
      if (query === 'detention') {
        check(got.dirs.includes('ltr') && got.dirs.includes('rtl'),
              'each result in its own direction (' + got.dirs.join(', ') + ')');
      }
    }

    /* The start of a word (the query's last word) marks the whole word,
     * behind its article: a <mark> inside a word would break the joining
     * of its Arabic letters. */
    await page.goto(searchPage + '?q=' + encodeURIComponent('احتجا'));
    await page.waitForFunction(() => document.querySelectorAll('#search-results mark').length > 0);
    const cuts = await page.evaluate(() => {
      const letter = /[\p{L}\p{M}\p{N}]/u;
      return Array.from(document.querySelectorAll('#search-results mark')).filter((m) => {
        const before = m.previousSibling ? m.previousSibling.textContent : '';
        const after = m.nextSibling ? m.nextSibling.textContent : '';
        return letter.test(before.slice(-1)) || letter.test(after.slice(0, 1));
      }).map((m) => m.textContent);
    });
    check(cuts.length === 0, `a partial query marks whole words (cut: ${cuts.join(', ') || 'none'})`);

    /* 3. Keyboard only: Tab to the field, type, Enter, Tab to a result. */
    await page.goto(searchPage);
    await page.keyboard.press('Tab'); /* skip link */
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'search-input'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement.id);
    }
    check(focused === 'search-input', 'the search field is reached with Tab');
    await page.keyboard.type('احتجاز');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-results li a');
    let onResult = false;
    for (let i = 0; i < 4 && !onResult; i++) { /* the button, then the first result */
      await page.keyboard.press('Tab');
      onResult = await page.evaluate(() => document.activeElement.closest('#search-results') !== null);
    }
    check(onResult, 'Enter searches and Tab reaches the first result');
    await page.screenshot({ path: path.join(process.cwd(), 'browser-search.png') });
  } finally {
    await browser.close();
  }
}

const timer = setTimeout(() => { console.error('FAIL: timed out'); process.exit(1); }, 110000);
main().then(() => {
  clearTimeout(timer);
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(failures ? `${failures} failed` : 'all passed');
  process.exit(failures ? 1 : 0);
}, (e) => {
  clearTimeout(timer);
  console.error('FAIL:', e.message);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
