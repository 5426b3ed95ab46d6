#!/usr/bin/env python3
"""warraq serve, end to end, over a small site in a temporary folder.

    usage: serve.py WARRAQ

WARRAQ may be a wrapper (tests/valgrind's warraq-memcheck).  Every wait is
bounded; the bounds are multiplied by WQ_TIME_SCALE (50 under valgrind).
Requests go through raw sockets, so that paths such as /../etc/passwd
reach the server as written.  Prints one line per check; exits 0 when all
pass, 1 otherwise.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SCALE = max(1, int(os.environ.get("WQ_TIME_SCALE", "1") or "1"))
FAILS = []


def check(ok, what, detail=""):
    if ok:
        print("ok: " + what)
    else:
        print("FAIL: " + what + (": " + detail if detail else ""))
        FAILS.append(what)
    sys.stdout.flush()
    return ok


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Written whole, then renamed: as editors save (and no build sees half a file).
    tmp = path + ".part~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower(), "")

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def dechunk(data):
    out = b""
    while data:
        line, _, rest = data.partition(b"\r\n")
        size = int(line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2:]
    return out


def request(port, path, method="GET", timeout=10):
    """One request on its own connection; the raw path is sent as is."""
    timeout *= SCALE
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                   % (method, path)).encode("latin-1"))
        data = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = dechunk(body)
    return Response(status, headers, body)


class Events:
    """An open /__warraq/events stream, read on a thread."""

    def __init__(self, port, since):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10 * SCALE)
        self.sock.sendall(("GET /__warraq/events?since=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                           % since).encode())
        self.data = b""
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        self.sock.settimeout(None)
        try:
            while True:
                chunk = self.sock.recv(4096)
                if not chunk:
                    break
                with self.lock:
                    self.data += chunk
        except OSError:
            pass

    def text(self):
        with self.lock:
            return self.data.decode("utf-8", errors="replace")

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.thread.join(5)


def wait_for(what, test, seconds):
    deadline = time.monotonic() + seconds * SCALE
    while time.monotonic() < deadline:
        try:
            if test():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def since_of(page):
    m = re.search(r"/__warraq/events\?since=([0-9a-f]+\.\d+)", page)
    return m.group(1) if m else "none"


def make_site(work):
    write(os.path.join(work, "warraq.yml"),
          "title: Serve test\nbase_url: https://example.org/serve/\n")
    write(os.path.join(work, "src", "first.md"),
          "---\ntitle: First version\ndate: 2024-01-02\n---\n# First\n\nSome text.\n")
    write(os.path.join(work, "src", "notes", "arabic.md"),
          "---\ntitle: مقالة عربية\ndate: 2024-01-01\n---\n# مقالة\n\nنص قصير.\n")
    write(os.path.join(work, "assets", "icon.svg"),
          '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><!-- v1 --></svg>\n')


def main():
    if len(sys.argv) != 2:
        print("usage: serve.py WARRAQ", file=sys.stderr)
        return 2
    warraq = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="warraq-serve.")
    server = None
    events = []
    # A last resort: whatever happens, the test ends.
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("test ran too long")))
    signal.alarm(150 * SCALE)
    try:
        make_site(work)
        args = [warraq, "serve", "--port", "0", "--source", "src", "--config", "warraq.yml",
                "--output", "site"]
        out = open(os.path.join(work, "stdout.txt"), "w")
        err = open(os.path.join(work, "stderr.txt"), "w")
        server = subprocess.Popen(args, cwd=work, stdout=out, stderr=err)
        out.close()
        err.close()
        port = None

        def started():
            nonlocal port
            m = re.search(r"serving site at http://127\.0\.0\.1:(\d+)/",
                          read(os.path.join(work, "stdout.txt")))
            if m:
                port = int(m.group(1))
            return port is not None or server.poll() is not None
        wait_for("the server", started, 30)
        if not check(port is not None, "serve builds and says where it listens",
                     read(os.path.join(work, "stdout.txt")) + read(os.path.join(work, "stderr.txt"))):
            return 1
        site = os.path.join(work, "site")

        # The home page: HTML, with the reload script; the file on disk without it.
        home = request(port, "/")
        check(home.status == 200 and home.header("content-type").startswith("text/html"),
              "GET / is 200 text/html", "%d %s" % (home.status, home.header("content-type")))
        check("/__warraq/events" in home.text and "First version" in home.text,
              "the page has the reload script")
        check("__warraq" not in read(os.path.join(site, "index.html")),
              "the file on disk has no reload script")
        head = request(port, "/", method="HEAD")
        check(head.status == 200 and head.body == b"" and
              head.header("content-length") == home.header("content-length"),
              "HEAD / gives the headers only")
        post = request(port, "/", method="POST")
        check(post.status == 405 and "GET" in post.header("allow"), "POST is 405 with Allow")

        # Types.
        epubs = [f for f in os.listdir(site) if f.endswith(".epub")]
        types = {
            "/assets/style.css": "text/css",
            "/search/index.js": "text/javascript",
            "/feed.xml": "application/xml",
            "/sitemap.xml": "application/xml",
            "/assets/icon.svg": "image/svg+xml",
            "/robots.txt": "text/plain",
            "/404.html": "text/html",
        }
        if check(len(epubs) == 1, "the build wrote a book"):
            types["/" + epubs[0]] = "application/epub+zip"
        for path, want in sorted(types.items()):
            r = request(port, path)
            check(r.status == 200 and r.header("content-type").startswith(want),
                  "%s is %s" % (path, want), "%d %s" % (r.status, r.header("content-type")))
        book = request(port, "/" + epubs[0]) if epubs else None
        if book:
            with open(os.path.join(site, epubs[0]), "rb") as f:
                check(book.body == f.read(), "the book is sent byte for byte")

        # Folders.
        r = request(port, "/notes")
        check(r.status == 301 and r.header("location").endswith("/notes/"),
              "/notes redirects to /notes/", "%d %s" % (r.status, r.header("location")))
        r = request(port, "//example.org")
        check(r.status == 404 or not r.header("location").startswith("//"),
              "no redirect to another host")
        r = request(port, "/first/")
        check(r.status == 200 and "First version" in r.text, "/first/ serves its index.html")

        # Missing paths: the site's 404 page, status 404.
        r = request(port, "/no/such/page")
        not_found = read(os.path.join(site, "404.html"))
        title = re.search(r"<title>[^<]*</title>", not_found)
        check(r.status == 404 and title is not None and title.group(0) in r.text and
              "/__warraq/events" in r.text, "a missing path is 404 with 404.html",
              "%d" % r.status)
        check('<base href="/">' in r.text and '<base href="/">' not in home.text,
              "the 404 page's relative links work at any depth (<base href=\"/\">)")

        # Paths that would leave the output folder.
        for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2e%2E/%2e%2e/etc/passwd",
                     "/assets/..%2f..%2f..%2f..%2fetc/passwd", "/..", "/%2e%2e",
                     "/index.html%00.css", "/%zz", "/" + "a/" * 3000]:
            r = request(port, path)
            check(r.status in (400, 403, 404, 414) and b"root:" not in r.body,
                  "refused: %s" % path[:60], "%d" % r.status)
        os.symlink("/etc/passwd", os.path.join(site, "evil.txt"))
        os.symlink("/etc", os.path.join(site, "evil-dir"))
        os.symlink("assets/style.css", os.path.join(site, "inside.css"))
        for path in ["/evil.txt", "/evil-dir/passwd", "/evil-dir/"]:
            r = request(port, path)
            check(r.status in (403, 404) and b"root:" not in r.body,
                  "refused: a link out, %s" % path, "%d" % r.status)
        r = request(port, "/inside.css")
        check(r.status == 200 and r.header("content-type").startswith("text/css"),
              "a link that stays inside is served")

        # The event stream.
        since = since_of(home.text)
        ev = Events(port, since)
        events.append(ev)
        check(wait_for("events", lambda: "\r\n\r\n" in ev.text(), 10) and
              re.search(r"(?i)content-type: text/event-stream", ev.text()) is not None,
              "the events endpoint is text/event-stream", ev.text()[:200])
        # A page from an earlier run of the server reloads at once.
        old = Events(port, "1234abcd.1")
        events.append(old)
        check(wait_for("old page", lambda: "event: reload" in old.text(), 10),
              "a page of an earlier run is told to reload", old.text()[-200:])
        old.close()
        time.sleep(0.5)
        check("event: reload" not in ev.text(), "a page of this build is not")

        # An edit: a new build, the page changes, a reload event.
        write(os.path.join(work, "src", "first.md"),
              "---\ntitle: Second version\ndate: 2024-01-02\n---\n# First\n\nSome text.\n")
        check(wait_for("rebuild", lambda: "Second version" in request(port, "/").text, 10),
              "an edit is built and served")
        check(wait_for("reload", lambda: "event: reload" in ev.text(), 10),
              "a reload event was sent", ev.text()[-200:])
        check("__warraq" not in read(os.path.join(site, "index.html")),
              "the rebuilt file on disk has no reload script")
        check(not os.path.exists(os.path.join(site, "evil.txt")), "the rebuild replaced the folder")

        # A broken edit: the last good site, with the error on the page.
        write(os.path.join(work, "src", "first.md"),
              "---\ntitle: [a, b]\n---\n# Broken\n")
        check(wait_for("error", lambda: "warraq-error" in request(port, "/").text, 10),
              "a failed build shows its error on the page")
        page = request(port, "/").text
        check("must be text" in page and "first.md" in page and
              "Second version" in page, "the page is the last good site, with the message")
        r = request(port, "/no/such/page")
        check(r.status == 404 and "warraq-error" in r.text, "the 404 page shows the error too")
        check("build failed" in read(os.path.join(work, "stderr.txt")),
              "the terminal says the build failed")

        # Fixed: the new site, no error.
        write(os.path.join(work, "src", "first.md"),
              "---\ntitle: Third version\ndate: 2024-01-02\n---\n# First\n\nSome text.\n")
        check(wait_for("fixed", lambda: "Third version" in request(port, "/").text, 10),
              "fixing it serves the new site")
        # (The new site is on disk a moment before the server hears the
        # build ended.)
        check(wait_for("no error", lambda: "warraq-error" not in request(port, "/").text, 5),
              "and the error is gone")

        # A new folder is watched, and the folders made inside it.
        os.makedirs(os.path.join(work, "src", "new", "deeper"))
        time.sleep(0.3)
        write(os.path.join(work, "src", "new", "deeper", "deep.md"),
              "---\ntitle: Deep one\ndate: 2024-01-03\n---\n# Deep\n\nText.\n")
        check(wait_for("new folder", lambda: "Deep one" in request(port, "/").text, 10),
              "a document in a new folder is built")
        write(os.path.join(work, "src", "new", "deeper", "deep.md"),
              "---\ntitle: Deep two\ndate: 2024-01-03\n---\n# Deep\n\nText.\n")
        check(wait_for("new folder edit", lambda: "Deep two" in request(port, "/").text, 10),
              "an edit in a new folder is built")

        # The configuration and the site's assets (beside it) are watched.
        write(os.path.join(work, "warraq.yml"),
              "title: Renamed site\nbase_url: https://example.org/serve/\n")
        check(wait_for("config", lambda: "Renamed site" in request(port, "/").text, 10),
              "a configuration change is built")
        write(os.path.join(work, "assets", "icon.svg"),
              '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><!-- v2 --></svg>\n')
        check(wait_for("asset", lambda: "v2" in request(port, "/assets/icon.svg").text, 10),
              "an asset change is built")

        # A second server on the same port.
        try:
            second = subprocess.run(args[:3] + [str(port)] + args[4:], cwd=work,
                                    capture_output=True, text=True, timeout=30 * SCALE)
            check(second.returncode == 1 and
                  re.search(r"port %d is in use: try --port" % port, second.stderr),
                  "a busy port is an error (exit 1)",
                  "exit %d: %s" % (second.returncode, second.stderr.strip()))
        except subprocess.TimeoutExpired:
            check(False, "a busy port is an error (exit 1)", "it did not exit")

        # Ctrl-C, with an event stream open: exit 0 in time.
        start = time.monotonic()
        server.send_signal(signal.SIGINT)
        try:
            rc = server.wait(2 * SCALE)
            check(rc == 0, "SIGINT stops it with exit 0", "exit %d: %s" % (
                rc, read(os.path.join(work, "stderr.txt"))[-2000:]))
            check(time.monotonic() - start < 2 * SCALE, "within 2 s")
        except subprocess.TimeoutExpired:
            check(False, "SIGINT stops it within %d s" % (2 * SCALE))
        check(wait_for("stream end", lambda: not ev.thread.is_alive(), 5),
              "the event stream was ended")
        leftovers = [f for f in os.listdir(work) if ".tmp-" in f or f.endswith(".old")]
        check(not leftovers, "no build folder left behind", " ".join(leftovers))
        check("__warraq" not in read(os.path.join(site, "index.html")),
              "the site on disk has no reload script")
    except Exception as e:  # a failure of the test itself, reported as one
        check(False, "the test ran to its end", repr(e))
    finally:
        signal.alarm(0)
        for ev in events:
            ev.close()
        if server and server.poll() is None:
            server.kill()
            server.wait()
        if FAILS:
            for name in ("stdout.txt", "stderr.txt"):
                p = os.path.join(work, name)
                if os.path.exists(p):
                    print("--- " + name + ":\n" + read(p)[-4000:])
        shutil.rmtree(work, ignore_errors=True)
    print("%d failed" % len(FAILS) if FAILS else "all passed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
