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
    # Only the calendar clock is set: time-outs and waits keep measuring real time. The
    # browser-mode scans are left out: Chromium does not run under libfaketime, and they
    # depend on no date.
    output=$(DONT_FAKE_MONOTONIC=1 faketime -f "@$day" "$binary" -q --skip browser_mode 2>&1)
    echo "$output" | grep -E "^test result|FAILED|panicked"
    if ! echo "$output" | grep -q "^test result: ok" || echo "$output" | grep -q "FAILED"; then
      status=1
    fi
  done
done
exit $status
