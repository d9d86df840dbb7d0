#!/usr/bin/env python3
"""Measures `vigie scan` of the release binary on local fixture sites (not a test: machines
vary). Targets (issue 15): the 10-page fixture site (tests/fixtures/sites/dix-pages) scanned
in under 1 second in static mode; memory flat on a 50 MB page (read as a stream, up to the
5 MB limit): the peak resident memory must stay far below the page's size.

Everything is served on 127.0.0.1 by this script; nothing goes to the network.

Usage: python3 tests/perf/scan.py [runs]   (builds the release binary first)
"""

import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, "target", "release", "vigie")
SITE = os.path.join(ROOT, "tests", "fixtures", "sites", "dix-pages")
BIG = 50 * 1024 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/enorme":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            chunk = b"<p>remplissage</p>" * 4096
            sent = 0
            try:
                while sent < BIG:
                    part = chunk[: BIG - sent]
                    self.wfile.write(part)
                    sent += len(part)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        name = "index.html" if path == "/" else path.lstrip("/") + ".html"
        file = os.path.join(SITE, name)
        if ".." in path or not os.path.isfile(file):
            self.send_response(404)
            self.end_headers()
            return
        body = open(file, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    work = tempfile.mkdtemp()
    env = dict(os.environ, VIGIE_DATA_DIR=os.path.join(work, "data"),
               VIGIE_CONFIG_DIR=os.path.join(work, "config"))

    # wait4 gives this child's own peak memory (not cargo's, also a child of this script).
    child = subprocess.Popen([BIN, "scan", base + "/enorme", "--pages", "1", "--statique"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024
    print(f"page de 50 Mo (code de sortie {child.returncode}) : mémoire maximale {peak_mb:.1f} Mo "
          f"(objectif : bien en dessous de 50 Mo, lecture limitée à 5 Mo) : "
          f"{'OK' if peak_mb < 40 and child.returncode == 0 else 'TROP'}")

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([BIN, "scan", base + "/", "--format", "json", "--statique"], env=env,
                             capture_output=True, check=True, text=True)
        times.append(time.perf_counter() - start)
    pages = out.stdout.count('"kind":')
    median = statistics.median(times)
    print(f"site de 10 pages ({pages} pages lues), analyse statique : "
          f"médiane {median * 1000:.0f} ms, max {max(times) * 1000:.0f} ms sur {runs} passages "
          f"(objectif < 1000 ms) : {'OK' if median < 1 else 'TROP LENT'}")

    server.shutdown()


if __name__ == "__main__":
    main()
