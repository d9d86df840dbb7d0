#!/usr/bin/env python3
"""Measures the full-screen interface of the release binary in a pseudo-terminal (not a
test: machines vary). Targets (issue 5): first frame within 50 ms of launch; every
keystroke redrawn within one frame (16 ms); no CPU used while waiting for a key; under
30 MB of memory.

Usage: python3 tests/perf/tui.py [keystrokes]   (after cargo build --release)
"""

import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.join(ROOT, "target", "release", "vigie")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "boulangerie.toml")


def read_until_quiet(fd, quiet=0.05, limit=5.0):
    """Reads output until nothing arrives for `quiet` seconds; returns (bytes, first byte time)."""
    data, first = b"", None
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            if data:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        if first is None:
            first = time.monotonic()
        data += chunk
    return data, first


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    keystrokes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    work = tempfile.mkdtemp()
    env = dict(os.environ, VIGIE_DATA_DIR=f"{work}/data", VIGIE_CONFIG_DIR=f"{work}/config",
               TERM="xterm-256color", COLUMNS="100", LINES="30")
    subprocess.run([BIN, "import", FIXTURE, "--org", "dupain"], env=env, check=True,
                   capture_output=True)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN], env)
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.monotonic()
    _, first = read_until_quiet(fd)
    print(f"premier affichage : {(first - start) * 1000:.1f} ms (cible 50 ms)")

    # Open the organisation (review page), then move up and down the list.
    os.write(fd, b"\r")
    read_until_quiet(fd)
    delays = []
    for i in range(keystrokes):
        key = b"\x1b[B" if i % 2 == 0 else b"\x1b[A"
        sent = time.monotonic()
        os.write(fd, key)
        _, first = read_until_quiet(fd, quiet=0.03)
        if first is not None:
            delays.append((first - sent) * 1000)
    delays.sort()
    print(f"touche → affichage : médiane {statistics.median(delays):.2f} ms, "
          f"95e centile {delays[int(len(delays) * 0.95) - 1]:.2f} ms, "
          f"max {delays[-1]:.2f} ms (cible 16 ms)")

    before = cpu_seconds(pid)
    time.sleep(2.0)
    idle = cpu_seconds(pid) - before
    print(f"processeur en attente d'une touche (2 s) : {idle * 1000:.0f} ms (cible 0)")
    print(f"mémoire maximale : {peak_memory_kb(pid) / 1024:.1f} Mo (cible 30 Mo)")
    os.write(fd, b"\x03")
    os.waitpid(pid, 0)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
