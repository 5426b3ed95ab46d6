#!/usr/bin/env python3
"""i18n.site: a site in three languages (tests/golden/i18n/input), built as
a user builds it, read back as a crawler and a reader would:

- the sitemap is XML with Google's xhtml:link alternates, reciprocal, and
  every alternate is a page of the sitemap;
- every page's hreflang links and its language switcher (lang, dir and
  hreflang on each link, the page's own marked) agree with the sitemap; a
  page without a translation has neither;
- each language has its home, feed (its own articles), search index and
  book (its language and page progression), and the files at the top of
  the site are written once;
- `translation_fallback: home` offers the other languages' home pages;
- `default_language_in_subdir: true` puts Arabic under ar/ and makes the
  root page send readers there without a script;
- one SUMMARY.md serves every language's tree, each with its own titles;
- a bad language code is an error naming the file, line and column.

usage: run.py WARRAQ REPO_ROOT"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

warraq, root = sys.argv[1], sys.argv[2]
src = os.path.join(root, "tests/golden/i18n/input/src")
cfg = os.path.join(root, "tests/golden/i18n/input/warraq.yml")
failures = []
checks = 0


def check(cond, msg):
    global checks
    checks += 1
    if not cond:
        failures.append(msg)


def build(out, config, expect_ok=True):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    p = subprocess.run([warraq, "build", "--source", src, "--config", config,
                        "--output", out], capture_output=True, text=True, env=env)
    if expect_ok and p.returncode != 0:
        print(p.stdout, p.stderr)
        sys.exit("FAIL: the build failed")
    return p


class Page(html.parser.HTMLParser):
    """The hreflang links of a page and the links of its switcher."""

    def __init__(self):
        super().__init__()
        self.alternates = {}
        self.switcher = []
        self.in_switch = 0
        self.html_lang = None
        self.refresh = None
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "nav" and "lang-switch" in (a.get("class") or ""):
            self.in_switch = 1
        elif tag == "nav" and self.in_switch:
            self.in_switch += 1
        if tag == "a":
            self.links.append(a.get("href"))
            if self.in_switch:
                self.switcher.append(a)
        if tag == "meta" and a.get("http-equiv") == "refresh":
            self.refresh = a.get("content")

    def handle_endtag(self, tag):
        if tag == "nav" and self.in_switch:
            self.in_switch -= 1


def page(site, rel):
    p = Page()
    with open(os.path.join(site, rel), encoding="utf-8") as f:
        p.feed(f.read())
    return p


tmp = tempfile.mkdtemp(prefix="warraq-i18n.")
try:
    site = os.path.join(tmp, "site")
    build(site, cfg)
    base = "https://example.org/i18n/"

    # ------------------------------------------------------------ sitemap
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(os.path.join(site, "sitemap.xml"))
    urls = {}
    for u in tree.getroot().findall("s:url", ns):
        loc = u.find("s:loc", ns).text
        alts = {}
        for link in u.findall("x:link", ns):
            check(link.get("rel") == "alternate", "sitemap: xhtml:link rel is not alternate")
            alts[link.get("hreflang")] = link.get("href")
        urls[loc] = alts
    check(len(urls) > 20, "sitemap: %d URLs, want the three languages' pages" % len(urls))
    report = urls.get(base + "report/")
    check(report == {"ar": base + "report/", "en": base + "en/report/",
                     "fr-FR": base + "fr/report/", "x-default": base + "report/"},
          "sitemap: the report's alternates are %r" % (report,))
    check(urls.get(base + "statement/") == {},
          "sitemap: a page only in Arabic has alternates %r" % urls.get(base + "statement/"))
    check(set(urls.get(base + "fr/news/visite-terrain/", {})) == {"ar", "fr-FR", "x-default"},
          "sitemap: translation_key does not join news/visit and news/visite-terrain")
    check(set(urls.get(base + "en/reports/", {})) == {"ar", "en", "x-default"},
          "sitemap: the section in two languages has %r" % urls.get(base + "en/reports/"))
    for loc, alts in urls.items():
        for lang, href in alts.items():
            check(href in urls, "sitemap: %s: alternate %s is not in the sitemap" % (loc, href))
            if lang != "x-default" and href in urls:
                check(urls[href] == alts, "sitemap: %s and %s do not list each other alike"
                      % (loc, href))
        if alts:
            check(loc in alts.values(), "sitemap: %s is not among its own alternates" % loc)
            check(len([k for k in alts if k != "x-default"]) > 1,
                  "sitemap: %s has alternates but no other language" % loc)

    # -------------------------------------------------------------- pages
    for loc, alts in urls.items():
        rel = urllib.parse.unquote(loc[len(base):]) + "index.html"
        p = page(site, rel)
        want = alts if len([k for k in alts if k != "x-default"]) > 1 else {}
        check(p.alternates == want, "%s: hreflang links %r, want %r" % (rel, p.alternates, want))
        if not want:
            check(not p.switcher, "%s: a switcher on a page without translations" % rel)
            continue
        langs = [a.get("hreflang") for a in p.switcher]
        check(sorted(langs) == sorted(k for k in alts if k != "x-default"),
              "%s: switcher offers %r" % (rel, langs))
        for a in p.switcher:
            check(a.get("lang") and a.get("dir") in ("rtl", "ltr") and a.get("hreflang"),
                  "%s: a switcher link lacks lang, dir or hreflang: %r" % (rel, a))
            target = os.path.normpath(os.path.join(os.path.dirname(rel),
                                                   urllib.parse.unquote(a["href"])))
            check(os.path.isfile(os.path.join(site, target)),
                  "%s: switcher link %s goes nowhere" % (rel, a["href"]))
        current = [a for a in p.switcher if a.get("aria-current") == "page"]
        check(len(current) == 1 and current[0].get("lang") == p.html_lang,
              "%s: the page's own language is not the one marked current" % rel)
    en = page(site, "en/report/index.html")
    names = {a["hreflang"]: a for a in en.switcher}
    check(names.get("ar", {}).get("dir") == "rtl", "en/report: the Arabic link is not rtl")
    with open(os.path.join(site, "en/report/index.html"), encoding="utf-8") as f:
        text = f.read()
    check(">العربية</a>" in text and ">Français</a>" in text,
          "en/report: languages not named in their own language")
    check('href="../../en/reports/annual/index.html"' in text,
          "en/report: reports/annual.md does not go to the English version")
    with open(os.path.join(site, "fr/report/index.html"), encoding="utf-8") as f:
        check('href="../../reports/annual/index.html"' in f.read(),
              "fr/report: reports/annual.md does not go to the Arabic version")

    # ------------------------------------------------- per language, once
    for d, n, lang in (("", 4, "ar"), ("en/", 2, "en"), ("fr/", 2, "fr-FR")):
        feed = ET.parse(os.path.join(site, d + "feed.xml")).getroot()
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        check(len(entries) == n, "%sfeed.xml: %d entries, want %d" % (d, len(entries), n))
        check(feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang,
              "%sfeed.xml: xml:lang %s" % (d, feed.get("{http://www.w3.org/XML/1998/namespace}lang")))
        with open(os.path.join(site, d + "search/index.js"), encoding="utf-8") as f:
            check('"n":%d' % n in f.read(), "%ssearch/index.js: not %d articles" % (d, n))
        check(page(site, d + "index.html").html_lang == lang, "%sindex.html: lang" % d)
        books = [f for f in os.listdir(os.path.join(site, d or ".")) if f.endswith(".epub")]
        check(len(books) == 1, "%s: %d books" % (d or "/", len(books)))
        if books:
            with zipfile.ZipFile(os.path.join(site, d, books[0])) as z:
                opf = z.read("EPUB/package.opf").decode()
            check("<dc:language>%s</dc:language>" % lang in opf, "%s: book language" % books[0])
            ppd = "rtl" if lang == "ar" else "ltr"
            check('page-progression-direction="%s"' % ppd in opf,
                  "%s: page progression is not %s" % (books[0], ppd))
    names = [f for d in ("", "en", "fr") for f in os.listdir(os.path.join(site, d or "."))
             if f.endswith(".epub")]
    check(len(set(names)) == 3, "the books' file names are not distinct: %r" % names)
    home = page(site, "index.html")
    check(sum(1 for h in home.links if h and h.endswith(".epub")) == 3,
          "the home page does not link the three books")
    for top in ("404.html", "robots.txt", "sitemap.xml", "assets/style.css", ".nojekyll"):
        check(os.path.isfile(os.path.join(site, top)), "no %s at the top" % top)
    for d in ("en", "fr"):
        for once in ("404.html", "robots.txt", "sitemap.xml", "assets", ".nojekyll", "images"):
            check(not os.path.exists(os.path.join(site, d, once)), "%s/%s written again" % (d, once))

    # -------------------------------------------------------- fallback
    with open(cfg, encoding="utf-8") as f:
        base_cfg = f.read()
    fb = os.path.join(tmp, "fallback.yml")
    with open(fb, "w", encoding="utf-8") as f:
        f.write(base_cfg + "translation_fallback: home\n")
    site2 = os.path.join(tmp, "fallback")
    build(site2, fb)
    p = page(site2, "statement/index.html")
    hrefs = sorted(a["href"] for a in p.switcher)
    check(hrefs == ["../en/index.html", "../fr/index.html", "../statement/index.html"],
          "translation_fallback: home: statement offers %r" % hrefs)
    check(p.alternates == {}, "translation_fallback: home pages became hreflang alternates")

    # --------------------------------------------- default in a subfolder
    sub = os.path.join(tmp, "subdir.yml")
    with open(sub, "w", encoding="utf-8") as f:
        f.write(base_cfg + "default_language_in_subdir: true\n")
    site3 = os.path.join(tmp, "subdir")
    build(site3, sub)
    p = page(site3, "index.html")
    check(p.refresh and p.refresh.endswith("url=ar/index.html"),
          "default_language_in_subdir: the root page refreshes to %r" % p.refresh)
    check("ar/index.html" in p.links, "default_language_in_subdir: no plain link to ar/")
    with open(os.path.join(site3, "index.html"), encoding="utf-8") as f:
        check("<script" not in f.read(), "default_language_in_subdir: the root page has a script")
    check(os.path.isfile(os.path.join(site3, "ar/report/index.html")), "no ar/report/")
    check(page(site3, "ar/report/index.html").alternates.get("x-default") == base + "ar/report/",
          "default_language_in_subdir: x-default is not ar/report/")

    # ------------------------------------- one table of contents for all
    # SUMMARY.md names the default language's files: the English tree takes
    # their English versions, in its order, with their own titles, and
    # leaves out what has no English version; no warning.
    toc_src = os.path.join(tmp, "toc-src")
    os.makedirs(toc_src)
    files = {
        "SUMMARY.md": "# Summary\n\n- [مقدمة](intro.md)\n- [الدليل](guide.md)\n"
                      "- [ملاحظات](notes.md)\n",
        "intro.md": "# مقدمة\n\nنص المقدمة.\n",
        "intro.en.md": "# Introduction\n\nThe introduction.\n",
        "guide.md": "# الدليل\n\nنص الدليل.\n",
        "guide.en.md": "# The guide\n\nThe guide itself.\n",
        "notes.md": "# ملاحظات\n\nملاحظات بالعربية فقط.\n",
    }
    for name, text in files.items():
        with open(os.path.join(toc_src, name), "w", encoding="utf-8") as f:
            f.write(text)
    toc_cfg = os.path.join(tmp, "toc.yml")
    with open(toc_cfg, "w", encoding="utf-8") as f:
        f.write("title: t\ntheme: docs\nbase_url: https://example.org/\n"
                "languages:\n  ar: {}\n  en: {}\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    out = os.path.join(tmp, "toc-site")
    r = subprocess.run([warraq, "build", "--source", toc_src, "--config", toc_cfg,
                        "--output", out], capture_output=True, text=True, env=env)
    check(r.returncode == 0 and "warning" not in r.stderr,
          "a shared SUMMARY.md: %r" % r.stderr)
    if r.returncode == 0:
        with open(os.path.join(out, "en/guide/index.html"), encoding="utf-8") as f:
            text = f.read()
        side = text[text.find('id="sidebar"'):]
        side = side[:side.find("</nav>")]
        check(0 <= side.find(">Introduction<") < side.find(">The guide<"),
              "the English tree does not follow SUMMARY.md with English titles")
        check("ملاحظات" not in side and "مقدمة" not in side,
              "the English tree shows Arabic entries")
        with open(os.path.join(out, "guide/index.html"), encoding="utf-8") as f:
            text = f.read()
        side = text[text.find('id="sidebar"'):]
        check(0 <= side.find(">مقدمة<") < side.find(">الدليل<") < side.find(">ملاحظات<"),
              "the Arabic tree does not follow SUMMARY.md")

    # ------------------------------------------------------- bad input
    bad = os.path.join(tmp, "bad.yml")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("title: t\nlanguages:\n  ar: {}\n  EN: {title: x}\n")
    out = os.path.join(tmp, "bad")
    r = build(out, bad, expect_ok=False)
    check(r.returncode != 0, "a bad language code built")
    check(re.search(r"error: \S*bad\.yml:4:\d+: a language's code", r.stderr) is not None,
          "a bad language code: %r" % r.stderr)
    check(not os.path.exists(out), "a failed build wrote its output")
finally:
    shutil.rmtree(tmp)

for f in failures:
    print("FAIL:", f)
print("%d checks, %d failed" % (checks, len(failures)))
sys.exit(1 if failures else 0)
