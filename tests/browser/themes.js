/* Browser test of the two bundled themes, in Debian's Chromium:
 *  - axe-core finds no violation on any kind of page (home, section,
 *    article, search, tags, 404, a second page of a list) of the
 *    documentation-shaped site in the default theme and in the docs theme,
 *    in light and dark colours, and with the docs theme's sidebar open on a
 *    phone;
 *  - the docs theme's sidebar is on the right of an Arabic page and on the
 *    left of an English one; the page is marked in it, its branch open and
 *    the others closed; on a narrow screen it is behind the Contents button
 *    (a popover: no script) and opens at the start of the line; it is not
 *    printed; the page's contents are beside the text on a wide screen;
 *  - the search box in the header leads to the search page, which searches;
 *  - a site in three languages (tests/golden/i18n): no axe violation on its
 *    pages; the language switcher named in each language's own script and
 *    direction, the page's own marked, reading right to left on an Arabic
 *    page and left to right on an English one (screenshots of both, in
 *    SHOTS or the test's temporary folder).
 *   node themes.js WARRAQ REPO_ROOT [SHOTS]   exit 0 pass, 1 fail, 77 skipped
 * With SHOTS (a folder), screenshots of both themes are written there (the
 * README's are made so). */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const [warraqArg, rootArg, shots] = process.argv.slice(2);
const warraq = warraqArg && path.resolve(warraqArg);
const root = rootArg && path.resolve(rootArg);
if (!warraq || !root) {
  console.error('usage: node themes.js WARRAQ REPO_ROOT [SHOTS]');
  process.exit(2);
}
let chromium;
try {
  ({ chromium } = require(path.join(root, 'tests/tools/node_modules/playwright-core')));
} catch (e) {
  console.log('skipped: playwright-core is not installed (npm ci --prefix tests/tools --ignore-scripts)');
  process.exit(77);
}
/* axe-core, as DAISY's Ace ships it (tests/tools: @daisy/ace-cli). */
const axePath = path.join(root, 'tests/tools/node_modules/@daisy/axe-core-for-ace/axe.min.js');
if (!fs.existsSync(axePath)) {
  console.log('skipped: no axe-core (npm ci --prefix tests/tools --ignore-scripts)');
  process.exit(77);
}
if (!fs.existsSync('/usr/bin/chromium')) {
  console.log('skipped: no /usr/bin/chromium (apt-get install chromium)');
  process.exit(77);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warraq-themes-'));
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok: ' : 'FAIL: ') + what);
  if (!ok) failures++;
}
function build(kase, out) {
  const dir = path.join(root, 'tests/golden', kase, 'input');
  execFileSync(warraq, ['build', '--source', path.join(dir, 'src'), '--config',
    path.join(dir, 'warraq.yml'), '--output', out, '--quiet'], { stdio: 'inherit' });
  return out;
}
function url(site, rel) {
  return 'file://' + path.join(site, rel);
}
/* The pages of a site worth checking: one of each kind. */
function pagesOf(site) {
  const pick = (rels) => rels.filter((r) => fs.existsSync(path.join(site, r)));
  return pick(['index.html', 'page/2/index.html', 'pos/index.html', 'pos/setup/index.html',
    'pos/setup/devices/payment-terminals/index.html', 'finance/reports/saf-t-export/index.html',
    'inventory/stock-count/index.html', 'search/index.html', 'tags/index.html', '404.html',
    'guide/logs/index.html', 'cli/index.html', 'README/index.html']);
}

async function axe(page, what) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    /* eslint-disable-next-line no-undef */
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2)
      .map((n) => n.target.join(' ')).join(', ')}`);
  });
  check(result.length === 0, `axe: no violation on ${what}${result.length ? ': ' + result.join('; ') : ''}`);
}

/* The 404 page links to the site through its base_url (it is served from
 * any depth): https://example.org/<base>/x is answered from the site's x. */
async function serveBase(page, site) {
  await page.route(/^https:\/\/example\.org\/[^/]+\//, (route) => {
    const rel = new URL(route.request().url()).pathname.split('/').slice(2).join('/');
    const file = path.join(site, decodeURIComponent(rel) || 'index.html');
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.ttf') ? 'font/ttf' :
      file.endsWith('.js') ? 'text/javascript' : 'text/html';
    return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
  });
}

async function axeSite(browser, site, name) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, colorScheme: scheme });
    page.setDefaultTimeout(15000);
    await serveBase(page, site);
    for (const rel of pagesOf(site)) {
      await page.goto(url(site, rel));
      await axe(page, `${name} ${rel} (${scheme})`);
    }
    await page.close();
  }
}

async function shot(page, name) {
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, name) });
  }
}

/* The docs theme's sidebar on a wide screen: which side, what is open. */
async function sidebarLayout(page) {
  return page.evaluate(() => {
    const side = document.getElementById('sidebar');
    const main = document.getElementById('main');
    const cur = side.querySelector('a[aria-current="page"]');
    const h1 = document.querySelector('main h1');
    const toc = document.querySelector('.page-toc');
    const content = document.querySelector('.content');
    let openPath = true;
    for (let d = cur && cur.parentElement; d && d !== side; d = d.parentElement) {
      if (d.tagName === 'DETAILS' && !d.open && !d.querySelector('summary').contains(cur)) openPath = false;
    }
    return {
      sideLeft: side.getBoundingClientRect().left, mainLeft: main.getBoundingClientRect().left,
      sideVisible: side.checkVisibility(),
      current: cur ? cur.href : null, title: location.href.replace(/[?#].*$/, ''),
      openPath, closed: side.querySelectorAll('details:not([open])').length,
      tocBeside: toc && content ? Math.abs(toc.getBoundingClientRect().top - content.getBoundingClientRect().top) < 200 &&
        (toc.getBoundingClientRect().right <= content.getBoundingClientRect().left ||
         toc.getBoundingClientRect().left >= content.getBoundingClientRect().right) : null,
      tocLeft: toc ? toc.getBoundingClientRect().left : null,
      contentLeft: content ? content.getBoundingClientRect().left : null,
    };
  });
}

async function docsTheme(browser, site, rel, rtl, name, shotName) {
  const snap = (page, what) => (shotName ? shot(page, `${shotName}-${what}.png`) : null);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => check(false, 'no script error: ' + e.message));
  await page.goto(url(site, rel));
  const l = await sidebarLayout(page);
  check(l.sideVisible, `${name}: the sidebar shows on a wide screen`);
  check(rtl ? l.sideLeft > l.mainLeft : l.sideLeft < l.mainLeft,
        `${name}: the sidebar is on the ${rtl ? 'right' : 'left'} (${l.sideLeft} vs ${l.mainLeft})`);
  check(l.current && l.current === l.title, `${name}: the page is marked in the sidebar (${l.current} vs ${l.title})`);
  check(l.openPath, `${name}: the branches down to the page are open`);
  check(l.closed > 0, `${name}: other branches are closed (${l.closed})`);
  if (l.tocBeside !== null) {
    check(l.tocBeside && (rtl ? l.tocLeft < l.contentLeft : l.tocLeft > l.contentLeft),
          `${name}: the page's contents are beside the text, at the end of the line`);
  }
  await snap(page, 'wide');
  await page.emulateMedia({ colorScheme: 'dark' });
  await snap(page, 'dark');
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  check(!(await page.evaluate(() => document.getElementById('sidebar').checkVisibility())),
        `${name}: the sidebar is not printed`);
  await page.close();

  /* A phone: the sidebar is behind the button, and opens at the start. */
  const phone = await browser.newPage({ viewport: { width: 420, height: 860 } });
  phone.setDefaultTimeout(15000);
  await phone.goto(url(site, rel));
  check(!(await phone.evaluate(() => document.getElementById('sidebar').checkVisibility())),
        `${name}: on a phone the sidebar is hidden`);
  await snap(phone, 'phone');
  await phone.click('.menu-button');
  const open = await phone.evaluate(() => {
    const side = document.getElementById('sidebar');
    const box = side.getBoundingClientRect();
    return { open: side.matches(':popover-open'), visible: side.checkVisibility(),
      left: box.left, right: box.right, width: window.innerWidth };
  });
  check(open.open && open.visible, `${name}: the Contents button opens it`);
  check(rtl ? Math.abs(open.right - open.width) < 2 : Math.abs(open.left) < 2,
        `${name}: it opens on the ${rtl ? 'right' : 'left'} (${open.left}..${open.right} of ${open.width})`);
  await axe(phone, `${name} with the sidebar open on a phone`);
  await snap(phone, 'phone-menu');
  await phone.keyboard.press('Escape');
  check(!(await phone.evaluate(() => document.getElementById('sidebar').matches(':popover-open'))),
        `${name}: Escape closes it`);
  await phone.close();
}

async function headerSearch(browser, site, word) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => check(false, 'no script error: ' + e.message));
  await page.goto(url(site, 'pos/index.html'));
  await page.fill('#header-search-input', word);
  await page.press('#header-search-input', 'Enter');
  await page.waitForURL(/search\/index\.html\?q=/);
  await page.waitForSelector('#search-results li a');
  const n = await page.evaluate(() => document.querySelectorAll('#search-results > li').length);
  check(n > 0, `the header's search box finds "${word}" on the search page (${n} results)`);
  await page.close();
}

/* A site in three languages: axe on each language's pages; the switcher
 * at the start of the header's second line (right on an Arabic page, left
 * on an English one), each language named in its own script and
 * direction, the page's own marked; a screenshot of each. */
async function switcher(browser, site) {
  for (const rel of ['report/index.html', 'en/report/index.html', 'fr/index.html',
    'en/tags/index.html', 'en/search/index.html', 'reports/index.html', 'statement/index.html']) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url(site, rel));
    await axe(page, `i18n ${rel}`);
    await page.close();
  }
  for (const [rel, rtl, name] of [['report/index.html', true, 'i18n-switcher-ar.png'],
    ['en/report/index.html', false, 'i18n-switcher-en.png']]) {
    const page = await browser.newPage({ viewport: { width: 900, height: 420 } });
    await page.goto(url(site, rel));
    const got = await page.evaluate(() => {
      const nav = document.querySelector('nav.lang-switch');
      if (!nav) return null;
      const box = nav.getBoundingClientRect();
      const links = [...nav.querySelectorAll('a')].map((a) => {
        const b = a.getBoundingClientRect();
        return { lang: a.lang, dir: getComputedStyle(a).direction, text: a.textContent,
                 current: a.getAttribute('aria-current'), left: b.left, right: b.right,
                 width: b.width, visible: b.width > 0 && b.height > 0 };
      });
      return { left: box.left, right: box.right, width: innerWidth, links };
    });
    check(got !== null, `${rel}: a language switcher`);
    if (!got) { await page.close(); continue; }
    check(got.links.length === 3 && got.links.every((l) => l.visible),
      `${rel}: three languages shown (${got.links.map((l) => l.text).join(', ')})`);
    check(got.links.map((l) => l.text).join('|') === 'العربية|English|Français',
      `${rel}: each language named in itself`);
    check(got.links.find((l) => l.lang === 'ar').dir === 'rtl' &&
          got.links.find((l) => l.lang === 'en').dir === 'ltr',
      `${rel}: each name in its own direction`);
    check(got.links.filter((l) => l.current === 'page').map((l) => l.lang).join() === (rtl ? 'ar' : 'en'),
      `${rel}: the page's own language marked`);
    /* First in reading order: rightmost on an Arabic page, leftmost on an English one. */
    const first = got.links[0];
    const ordered = rtl ? got.links.every((l) => l.right <= first.right)
                        : got.links.every((l) => l.left >= first.left);
    check(ordered, `${rel}: the languages read ${rtl ? 'right to left' : 'left to right'}`);
    check(rtl ? got.right > got.width / 2 : got.left < got.width / 2,
      `${rel}: the switcher at the ${rtl ? 'right' : 'left'} of the page`);
    const out = path.join(shots || tmp, name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    check(fs.statSync(out).size > 5000, `${rel}: screenshot ${out}`);
    await page.close();
  }
}

/* The search page writes its counts with the digits and grouping the
 * build gives it, not the browser's slow-to-start Intl.NumberFormat: the
 * same text as Intl's for each language, in the same numbering system. */
async function searchNumbers(browser, site) {
  for (const rel of ['search/index.html', 'en/search/index.html', 'fr/search/index.html']) {
    const page = await browser.newPage();
    await page.goto(url(site, rel));
    const bad = await page.evaluate(() => {
      /* in the build's numbering system: the browser's ICU may give a
       * language another default (Chromium writes ar in latn digits) */
      const status = document.getElementById('search-status');
      const nu = { '0': 'latn', '\u0660': 'arab', '\u06F0': 'arabext' }[status.getAttribute('data-digits')[0]];
      const locale = status.getAttribute('data-locale').replace(/-u-.*/, '') + '-u-nu-' + nu;
      const nf = new Intl.NumberFormat(locale);
      const out = [];
      for (const n of [0, 1, 2, 7, 10, 11, 99, 100, 999, 1000, 1234, 9999, 10000, 12345,
        100000, 123456, 1234567, 98765432]) {
        if (window.WQ_SEARCH.number(n) !== nf.format(n)) out.push(`${n}: ${window.WQ_SEARCH.number(n)} vs ${nf.format(n)}`);
      }
      return { locale, out, sample: window.WQ_SEARCH.number(1234567) };
    });
    check(bad.out.length === 0,
      `${rel}: counts written as Intl writes them in ${bad.locale} (${bad.sample}) ${bad.out.join('; ')}`);
    await page.close();
  }
}

async function main() {
  const defaultSite = build('docs', path.join(tmp, 'default'));
  const docsSite = build('docs-theme', path.join(tmp, 'docs'));
  const bookSite = build('mdbook', path.join(tmp, 'mdbook'));
  const tocSite = build('docs-toc', path.join(tmp, 'toc'));
  const i18nSite = build('i18n', path.join(tmp, 'i18n'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await axeSite(browser, defaultSite, 'default theme');
    await axeSite(browser, docsSite, 'docs theme');
    await axeSite(browser, bookSite, 'docs theme (English)');
    await docsTheme(browser, docsSite, 'pos/setup/devices/payment-terminals/index.html', true, 'docs theme, Arabic', 'docs-rtl');
    await docsTheme(browser, bookSite, 'guide/logs/index.html', false, 'docs theme, English', 'docs-ltr');
    await docsTheme(browser, tocSite, 'guide/advanced/performance/index.html', true, 'docs theme, toc.yml');
    await headerSearch(browser, docsSite, 'الدفع');
    await switcher(browser, i18nSite);
    await searchNumbers(browser, i18nSite);
    if (shots) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(url(defaultSite, 'pos/setup/devices/payment-terminals/index.html'));
      await shot(page, 'default-rtl.png');
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

const timer = setTimeout(() => { console.error('FAIL: timed out'); process.exit(1); }, 280000);
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
