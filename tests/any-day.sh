#!/usr/bin/env bash
# Runs the built test binaries with the system clock set to other days (faketime), to check
# that no test depends on the day it runs: the tests set vigie's clock with VIGIE_NOW, or pass
# their own day. (cargo itself misbehaves under faketime: only the test binaries run under it.)
# Usage: tests/any-day.sh ['AAAA-MM-JJ HH:MM:SS' …]; needs faketime (apt-get install faketime).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- '2027-03-01 09:00:00' '2028-02-29 23:59:30' '2026-12-31 23:59:50'
binaries=$(cargo test --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message.get("executable") and message["profile"]["test"]:
        print(message["executable"])')
export CARGO_BIN_EXE_vigie="$PWD/target/debug/vigie"
status=0
for day in "$@"; do
  echo "== horloge du système : $day"
  for binary in $binaries; do
    # The monotonic clock is shifted too (faketime -m's default), as when the whole suite runs
    # under faketime: no wait may rest on an absolute monotonic deadline. The browser-mode
    # scans give Chromium the real clock (see tests/it/scan.rs).
    output=$(faketime -m -f "@$day" "$binary" -q 2>&1)
    echo "$output" | grep -E "^test result|FAILED|panicked"
    if ! echo "$output" | grep -q "^test result: ok" || echo "$output" | grep -q "FAILED"; then
      status=1
    fi
  done
done
exit $status
