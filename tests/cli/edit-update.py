#!/usr/bin/env python3
"""Builds from the cache after edits of every kind, drawn at random from a seed.

Each round makes one to three edits to a copy of a test site: text, titles,
headings and links (to documents, to their headings, to nothing), dates,
tags, drafts, weights, slugs and languages in the front matter, documents
added, removed and renamed, include files and images changed, added and taken
away, files only saved again, and now and then a document whose front matter
cannot be read.  After each round the site is built in place from the cache
and, beside it, from nothing (--no-cache).  Both must end alike: with the
same exit status and the same warnings; when they succeed, with the same
files holding the same bytes; when they fail, with the site as the last
good build left it.

  usage: edit-update.py WARRAQ PROJECT_SOURCE_DIR [ROUNDS [SEED [SITE...]]]

SITE names a test site under tests/golden (docs, features, i18n: all three
when none is named).  The same seed makes the same edits on every run.
"""

import filecmp
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

WORDS = ("المخزون الدفع الفاتورة المستودع الإيصال الضريبة تقرير مراجعة "
         "بالمخزون والدفع للفاتورة stock receipt tax report 2024 ١٤٤٥").split()
TAGS = ["هجرة", "تقارير", "بيانات", "migration", "أطفال"]


# Letters few texts hold (Persian, Urdu, Latin with marks, Hebrew): a
# word of them now and then brings characters the site's fonts must gain.
RARE = "پچژگکیۀہۓےéœçñאבג"


def words(rng, lo, hi):
    out = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.15:
        out.append("".join(rng.choice(RARE) for _ in range(rng.randint(2, 5))))
    return " ".join(out)


class Site:
    """A copy of a test site, the edits made to it and its builds."""

    def __init__(self, warraq, root, name, tmp, rng):
        self.warraq = warraq
        self.rng = rng
        self.name = name
        self.dir = os.path.join(tmp, name)
        shutil.copytree(os.path.join(root, "tests", "golden", name, "input"),
                        os.path.join(self.dir, "in"))
        self.src = os.path.join(self.dir, "in", "src")
        self.cfg = os.path.join(self.dir, "in", "warraq.yml")
        self.site = os.path.join(self.dir, "site")
        self.clean = os.path.join(self.dir, "clean")
        self.made = 0
        self.broken = None  # (path, text before) of a document made unreadable
        self.png_bytes = None  # an image of the site, to add as a new one
        png = next((p for p in self.files() if p.endswith(".png")), None)
        if png:
            with open(png, "rb") as f:
                self.png_bytes = f.read()

    # ------------------------------------------------------------ files

    def files(self):
        out = []
        for d, dirs, names in os.walk(self.src):
            dirs.sort()
            out += [os.path.join(d, n) for n in sorted(names)]
        return out

    def docs(self):
        """Documents: Markdown files outside includes/, not excluded."""
        return [p for p in self.files() if p.endswith(".md") and
                "/includes/" not in p and not p.endswith("drafts-notes.md")]

    def includes(self):
        return [p for p in self.files() if "/includes/" in p]

    def folders(self):
        out = []
        for d, dirs, _ in os.walk(self.src):
            dirs.sort()
            if "/includes" not in d + "/" and "/media" not in d + "/":
                out.append(d)
        return out

    @staticmethod
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    @staticmethod
    def write(path, text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    @staticmethod
    def split(text):
        """Front matter lines and body of a document."""
        if text.startswith("---\n"):
            end = text.find("\n---\n", 3)
            if end >= 0:
                return text[4:end + 1].splitlines(), text[end + 5:]
        return [], text

    @staticmethod
    def join(front, body):
        if not front:
            return body
        return "---\n" + "\n".join(front) + "\n---\n" + body

    def set_key(self, path, key, value):
        """Set front matter key (None: remove it), at a random place
        between the entries (an entry: its line and the indented lines
        under it)."""
        front, body = self.split(self.read(path))
        entries = []
        for line in front:
            if entries and line[:1] in (" ", "\t"):
                entries[-1].append(line)
            else:
                entries.append([line])
        entries = [e for e in entries if not e[0].startswith(key + ":")]
        if value is not None:
            entries.insert(self.rng.randint(0, len(entries)), [f"{key}: {value}"])
        self.write(path, self.join([l for e in entries for l in e], body))

    def link_to(self, path, target):
        rel = os.path.relpath(target, os.path.dirname(path))
        return rel.replace(" ", "%20")

    def headings(self, path):
        return [m.group(1).strip() for m in
                re.finditer(r"^#{1,4} (.+)$", self.split(self.read(path))[1], re.M)]

    # ------------------------------------------------------------ edits

    def edit(self, quiet=False):
        """One edit; quiet: one to a document's body only, which the
        build may make in place when no other page shows what changed."""
        rng = self.rng
        docs = self.docs()
        doc = rng.choice(docs)
        kind = rng.choice(["text", "text", "lead", "long", "link", "heading", "image"]) \
            if quiet else rng.choice([
            "text", "text", "lead", "long", "link", "link", "heading", "title", "date", "tags",
            "draft", "weight", "slug", "lang", "summary", "new", "new", "remove",
            "move", "include", "image", "image-file", "touch", "static",
        ])
        if kind == "text":
            self.write(doc, self.read(doc) + f"\n{words(rng, 1, 12)}\n")
        elif kind == "lead":  # a first paragraph: the summary, when none is given
            front, body = self.split(self.read(doc))
            self.write(doc, self.join(front, f"\n{words(rng, 2, 12)}\n\n" + body))
        elif kind == "long":  # enough words to change the reading time
            self.write(doc, self.read(doc) + "\n" + words(rng, 300, 600) + "\n")
        elif kind == "link":
            target = rng.choice(docs + [os.path.join(self.src, "missing.md")])
            frag = ""
            if rng.random() < 0.4:
                hs = self.headings(target) if os.path.exists(target) else []
                frag = "#" + (rng.choice(hs).replace(" ", "-") if hs and rng.random() < 0.6
                              else "no-such-heading")
            self.write(doc, self.read(doc) +
                       f"\n[{words(rng, 1, 3)}]({self.link_to(doc, target)}{frag})\n")
        elif kind == "heading":
            self.write(doc, self.read(doc) + f"\n## {words(rng, 1, 4)}\n\n{words(rng, 3, 8)}\n")
        elif kind == "title":
            self.set_key(doc, "title", words(rng, 1, 5) if rng.random() < 0.8 else None)
        elif kind == "date":
            self.set_key(doc, "date", f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-"
                         f"{rng.randint(1, 28):02d}" if rng.random() < 0.8 else None)
        elif kind == "tags":
            tags = rng.sample(TAGS, rng.randint(0, 3))
            self.set_key(doc, "tags", "[" + ", ".join(tags) + "]" if tags else None)
        elif kind == "draft":
            self.set_key(doc, "draft", "true" if rng.random() < 0.5 else None)
        elif kind == "weight":
            self.set_key(doc, "weight", str(rng.randint(-3, 20)) if rng.random() < 0.8 else None)
        elif kind == "slug":
            self.set_key(doc, "slug", f"s{rng.randint(0, 5)}" if rng.random() < 0.5 else None)
        elif kind == "lang":
            self.set_key(doc, "lang", rng.choice(["en", "ar", None]))
        elif kind == "summary":
            self.set_key(doc, "summary", words(rng, 2, 8) if rng.random() < 0.7 else None)
        elif kind == "new":
            folder = rng.choice(self.folders())
            self.made += 1
            name = rng.choice([f"n{self.made}.md", f"new-n{self.made}.md", "_index.md"])
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return self.edit()
            target = rng.choice(docs)
            self.write(path, f"---\ntitle: {words(rng, 1, 4)}\n"
                       f"date: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n\n"
                       f"{words(rng, 3, 20)} [{words(rng, 1, 2)}]({self.link_to(path, target)})\n")
            kind += " " + os.path.relpath(path, self.src)
        elif kind == "remove":
            if len(docs) > 3:
                os.remove(doc)
        elif kind == "move":
            # Renamed in its folder: its includes stay where its links say.
            dest = os.path.join(os.path.dirname(doc), "m-" + os.path.basename(doc))
            if not os.path.exists(dest):
                os.rename(doc, dest)
                doc = dest
        elif kind == "include":
            inc = self.includes()
            if inc:
                p = rng.choice(inc)
                self.write(p, self.read(p) + f"\n{words(rng, 1, 6)}\n")
                doc = p
        elif kind == "image":
            here = os.path.dirname(doc)
            pngs = [p for p in self.files() if p.endswith(".png")]
            target = (rng.choice(pngs) if pngs and rng.random() < 0.6
                      else os.path.join(here, "media", "absent.png"))
            self.write(doc, self.read(doc) +
                       f"\n![{words(rng, 1, 3)}]({self.link_to(doc, target)})\n")
        elif kind == "image-file" and self.png_bytes:
            p = os.path.join(self.src, "media", "absent.png")
            if os.path.exists(p):
                os.remove(p)
            else:
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(self.png_bytes)
            doc = p
        elif kind == "touch":
            os.utime(doc, (1600000000 + rng.randint(0, 10**7),) * 2)
        elif kind == "static":
            p = os.path.join(self.src, "data-added.txt")
            if os.path.exists(p) and rng.random() < 0.5:
                os.remove(p)
            else:
                self.write(p, words(rng, 1, 5) + "\n")
            doc = p
        return f"{kind} {os.path.relpath(doc, self.src)}"

    def spoil(self):
        """Make a document's front matter unreadable; mend() puts it back."""
        doc = self.rng.choice(self.docs())
        self.broken = (doc, self.read(doc))
        front, body = self.split(self.broken[1])
        self.write(doc, self.join(front + ["title: [unclosed"], body))
        return f"unreadable {os.path.relpath(doc, self.src)}"

    def mend(self):
        if self.broken:
            self.write(*self.broken)
            self.broken = None

    # ------------------------------------------------------------ builds

    def build(self, out, *opts):
        # In three languages, a fixed time for what has no date of its own
        # (the feed of a language left without documents): the two builds
        # run seconds apart.  Elsewhere files keep their own dates, which
        # pages show when the front matter gives none.
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        if self.name == "i18n":
            env["SOURCE_DATE_EPOCH"] = "1700000000"
        p = subprocess.run([self.warraq, "build", "--source", self.src, "--config", self.cfg,
                            "--output", out, "--jobs", "2", *opts],
                           capture_output=True, text=True, env=env)
        return p.returncode, p.stderr.splitlines(), p.stdout + p.stderr

    def snapshot(self):
        h = hashlib.sha256()
        for d, dirs, names in os.walk(self.site):
            dirs.sort()
            for n in sorted(names):
                p = os.path.join(d, n)
                h.update(os.path.relpath(p, self.site).encode() + b"\0")
                with open(p, "rb") as f:
                    h.update(f.read())
        return h.hexdigest()


def differences(a, b):
    """Paths under a and b that differ (files missing on one side or with
    other bytes)."""
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [("", cmp)]
    while stack:
        rel, c = stack.pop()
        out += [os.path.join(rel, n) for n in c.left_only + c.right_only + c.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(os.path.join(a, rel), os.path.join(b, rel),
                                               c.common_files, shallow=False)
        out += [os.path.join(rel, n) for n in mismatch + errors]
        stack += [(os.path.join(rel, n), s) for n, s in c.subdirs.items()]
    return sorted(out)


def main():
    warraq, root = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    names = sys.argv[5:] or ["docs", "features", "i18n"]
    fail = total = 0
    keep = os.environ.get("KEEP")
    with tempfile.TemporaryDirectory(prefix="warraq-edit-update.") as tmp:
        if keep:
            tmp = keep
        for name in names:
            rng = random.Random(f"{seed}:{name}")
            s = Site(warraq, root, name, tmp, rng)
            rc, _, err = s.build(s.site)
            if rc != 0:
                print(f"FAIL: {name}: the first build failed:\n{err}")
                fail = 1
                continue
            inplace = failed = 0
            log = []
            for r in range(1, rounds + 1):
                quiet = rng.random() < 0.3
                edits = [s.edit(quiet) for _ in range(rng.randint(1, 3))]
                if rng.random() < 0.1:
                    edits.append(s.spoil())
                log.append(f"round {r}: " + "; ".join(edits))
                before = s.snapshot()
                rc, warn, err = s.build(s.site)
                shutil.rmtree(s.clean, ignore_errors=True)
                crc, cwarn, cerr = s.build(s.clean, "--no-cache")
                problem = None
                if (rc == 0) != (crc == 0):
                    problem = f"exit status {rc} in place, {crc} from nothing"
                elif warn != cwarn:
                    extra = [w for w in warn if w not in cwarn][:3]
                    missing = [w for w in cwarn if w not in warn][:3]
                    problem = (f"other warnings in place (in place only: {extra}; "
                               f"from nothing only: {missing}; order or count otherwise)")
                elif rc != 0:
                    failed += 1
                    if s.snapshot() != before:
                        problem = "a failed build changed the site"
                else:
                    diff = differences(s.site, s.clean)
                    if diff:
                        problem = f"the site differs from a clean build's: {diff[:5]}"
                if "updated in place" in err:
                    inplace += 1
                if not problem and s.broken:
                    if rc == 0:
                        problem = "a document whose front matter cannot be read did not fail the build"
                    s.mend()
                if problem:
                    print(f"FAIL: {name}, seed {seed}, round {r}: {problem}")
                    print("\n".join(log[-4:]))
                    print(err.strip().splitlines()[-1] if err.strip() else "")
                    fail = 1
                    break
            else:
                if failed > rounds // 2:
                    # An edit left an error the rounds after it never mend:
                    # they would test nothing.
                    print(f"FAIL: {name}: {failed} of {rounds} builds failed")
                    fail = 1
                print(f"ok: {name}: {rounds} rounds of edits (seed {seed}), each build in place "
                      f"ending as a build from nothing ({inplace} updated in place, "
                      f"{failed} failed alike)")
            total += inplace
    if not fail and rounds >= 10 and total == 0:
        print("FAIL: no build was made in place: the edits did not reach the updates")
        fail = 1
    return fail


if __name__ == "__main__":
    sys.exit(main())
