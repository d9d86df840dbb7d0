#!/usr/bin/env bash
# History at scale (issue 16, point 6): one organisation with RUNS runs (an agency's years
# of reruns). Times `history`, `diff`, `report` and the interface's history page as whole
# processes, and reports the size of a run file. Target: under 300 ms each for 5,000 runs.
# Also the concurrency figures of point 1: PAIRS times two `score --org --save` at once.
# Usage: tests/perf/history.sh [RUNS] [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5000}"
pairs="${2:-50}"
cargo build --release --quiet
bin=$PWD/target/release/vigie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "données : $work"
export VIGIE_DATA_DIR="$work/data" VIGIE_CONFIG_DIR="$work/config"

"$bin" import tests/fixtures/answers/boutique-en-ligne.toml --org modele > /dev/null
"$bin" score --org modele --save > /dev/null 2>&1
dir="$work/data/organisations/modele/evaluations"
template=$(ls "$dir"/*.toml)
echo "taille d'une évaluation (boutique en ligne, catalogue complet) : $(stat -c %s "$template") octets"
python3 - "$template" "$dir" "$runs" <<'PY'
import datetime, os, sys
template, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(template).read()
start = datetime.datetime(2016, 1, 1, 8, 0, 0)
for i in range(count):
    when = start + datetime.timedelta(hours=12 * i)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    body = text.replace(text.split("\n")[1], f'date = "{stamp}"', 1)
    # Scores that move, so that the chart and the changes are real.
    body = body.replace("\nscore = ", f"\nscore = {40 + i % 50}\n#", 1)
    with open(os.path.join(folder, stamp.replace(":", "-") + ".toml"), "w") as f:
        f.write(body)
os.remove(template)
PY

# Elapsed time, then processor time (user + system): on a loaded machine the first grows,
# not the second.
time_ms() {
  local TIMEFORMAT='%R %U %S' times
  times=$( { time "$@" > /dev/null 2>&1; } 2>&1 )
  python3 -c "import sys; r, u, s = map(float, sys.argv[1:]); print(f'{r * 1000:.0f} ms (processeur {(u + s) * 1000:.0f} ms)')" $times
}
echo "$runs évaluations d'une organisation"
echo "vigie history : $(time_ms "$bin" history --org modele)"
echo "vigie diff : $(time_ms "$bin" diff --org modele)"
echo "vigie report --format html : $(time_ms "$bin" report --org modele --format html --out "$work/bilan.html")"
python3 - "$bin" "$work" <<'PY'
import fcntl, os, pty, select, struct, sys, termios, time
binary, work = sys.argv[1], sys.argv[2]
env = dict(os.environ, TERM="xterm-256color")

def read_until_quiet(fd, quiet=0.2, limit=30.0):
    data, last = b"", None
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
        data, last = data + chunk, time.monotonic()
    return data, last

pid, fd = pty.fork()
if pid == 0:
    os.execve(binary, [binary], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
read_until_quiet(fd)
sent = time.monotonic()
os.write(fd, b"h")
screen, last = read_until_quiet(fd)
import re
text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", "replace"))
shown = "Évaluations" in text
print(f"interface, touche h → page d'historique affichée : {(last - sent) * 1000:.0f} ms"
      + ("" if shown else " (page non reconnue)"))
with open(f"/proc/{pid}/stat") as f:
    fields = f.read().rsplit(")", 1)[1].split()
cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
print(f"interface, processeur depuis le lancement : {cpu * 1000:.0f} ms")
with open(f"/proc/{pid}/status") as f:
    peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
print(f"interface, mémoire maximale : {peak / 1024:.1f} Mo")
os.write(fd, b"\x03")
os.waitpid(pid, 0)
PY

# Concurrency: two saves at the same second, PAIRS times.
"$bin" import tests/fixtures/answers/association.toml --org duo > /dev/null
for _ in $(seq "$pairs"); do
  VIGIE_NOW=2026-12-01T09:30:00Z "$bin" score --org duo --save > /dev/null 2>&1 &
  VIGIE_NOW=2026-12-01T09:30:00Z "$bin" score --org duo --save > /dev/null 2>&1 &
  wait
done
echo "$pairs × 2 enregistrements simultanés : $(ls "$work/data/organisations/duo/evaluations" | wc -l) fichiers d'évaluation"
ok=0
for i in $(seq "$pairs"); do
  "$bin" import tests/fixtures/answers/association.toml --org "double-$i" > /dev/null 2>&1 &
  "$bin" import tests/fixtures/answers/association.toml --org "double-$i" > /dev/null 2>&1 &
  wait
  [ -f "$work/data/organisations/double-$i/reponses.toml" ] && ok=$((ok + 1))
done
echo "$pairs × 2 imports simultanés du même nom : $ok organisations créées, chacune par un seul import"
