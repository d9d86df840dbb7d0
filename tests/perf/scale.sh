#!/usr/bin/env bash
# Scale measurement (issue 6): ORGS organisations of RUNS runs each; times `vigie orgs` and
# `vigie history --org <one>` as whole processes. Targets: orgs under 300 ms and history
# under 50 ms for 200 × 50. Needs about 20 KB of disk per run.
# Usage: tests/perf/scale.sh [ORGS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
orgs="${1:-200}"
runs="${2:-50}"
cargo build --release --quiet
bin=$PWD/target/release/vigie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VIGIE_DATA_DIR="$work/data" VIGIE_CONFIG_DIR="$work/config"

"$bin" import tests/fixtures/answers/boutique-en-ligne.toml --org modele > /dev/null
"$bin" score --org modele --save > /dev/null 2>&1
template=$(ls "$work"/data/organisations/modele/evaluations/*.toml)
for o in $(seq -w 1 "$orgs"); do
  dir="$work/data/organisations/org-$o/evaluations"
  mkdir -p "$dir"
  cp "$work/data/organisations/modele/reponses.toml" "$work/data/organisations/org-$o/"
  for r in $(seq 1 "$runs"); do
    day=$(printf '%02d' $(( (r % 28) + 1 )))
    month=$(printf '%02d' $(( (r / 28) % 12 + 1 )))
    sed "s/^date = .*/date = \"2025-$month-${day}T08:00:00Z\"/" "$template" \
      > "$dir/2025-$month-${day}T08-00-00Z.toml"
  done
done
rm -rf "$work/data/organisations/modele"

time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
echo "$orgs organisations × $runs évaluations"
echo "vigie orgs : $(time_ms "$bin" orgs) ms"
echo "vigie history --org org-$(printf '%0*d' ${#orgs} 1) : $(time_ms "$bin" history --org "org-$(printf '%0*d' ${#orgs} 1)") ms"
