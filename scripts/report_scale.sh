#!/usr/bin/env bash
# The overview page at scale (docs/REPORT.md "At 2,000 files"): generate the
# benchmark corpus, extract it, render the page, and load it three times in
# headless chromium. Prints the page size and the page's own timings
# (data-timing: ms since navigation start when the script started, the data
# was parsed, the figures were checked, all was ready).
#
#   scripts/report_scale.sh [N_FILES] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
WORK=${2:-/tmp/shiryo-report-scale}
mkdir -p "$WORK"
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
[ -d "$WORK/corpus" ] || target/release/examples/gen_corpus --n "$N" --out "$WORK/corpus" --seed 1
rm -rf "$WORK/out"
/usr/bin/time -f "extract: %e s wall, %U s user" target/release/shiryo extract "$WORK/corpus" --out "$WORK/out" -q
/usr/bin/time -f "report: %e s wall, %U s user" target/release/shiryo report "$WORK/out" --html "$WORK/report.html"
echo "page: $(stat -c %s "$WORK/report.html") bytes"
for i in 1 2 3; do
  profile=$(mktemp -d)
  start=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-background-networking --user-data-dir="$profile" --dump-dom \
    "file://$WORK/report.html" 2>/dev/null > "$WORK/dom.html"
  end=$(date +%s.%N)
  rm -rf "$profile"
  timing=$(head -c 2000 "$WORK/dom.html" | grep -o 'data-check="[a-z]*"\|data-timing="[^"]*"' | tr '\n' ' ')
  echo "load $i: $timing (chromium --dump-dom $(echo "$end - $start" | bc) s wall)"
done
