#!/usr/bin/env bash
# Instructions of `extract --jobs 1` over the first 100 files of the 2,000-file
# corpus, for one or more shiryo binaries, and the share of them spent linking
# plans to reports (in the form and in the cross-year pass). Instruction counts
# do not depend on what else the machine runs, so two binaries compare on a
# shared machine where wall time would not (docs/FAMILY.md "Speed").
#
#   scripts/bench_instructions.sh BINARY [BINARY …]
#
# An older binary is built in a worktree, e.g. the one before the family work:
#   git worktree add /tmp/old 004cabc
#   (cd /tmp/old && CARGO_TARGET_DIR=/tmp/old-target cargo build --release --bin shiryo)
#   scripts/bench_instructions.sh /tmp/old-target/release/shiryo target/release/shiryo
#
# Needs valgrind. The corpus goes to $BENCH_DIR (default target/bench-instr).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 BINARY [BINARY …]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "$0: valgrind is needed" >&2; exit 2; }
dir=${BENCH_DIR:-target/bench-instr}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ ! -d "$dir/cf100" ]; then
  cargo run -q --release --example gen_corpus -- --n 2000 --out "$dir/cf" --seed 1 >/dev/null
  mkdir -p "$dir/cf100"
  find "$dir/cf" -type f ! -name MANIFEST.tsv | LC_ALL=C sort | head -100 | xargs -I{} cp {} "$dir/cf100/"
fi
printf '| binary | instructions | linking (in the form + cross-year pass) | the rest |\n|---|---|---|---|\n'
for bin in "$@"; do
  bin=$(realpath "$bin")
  # Binaries from before worker processes read in process by default and
  # have no --in-process flag.
  mode=()
  if "$bin" extract --help | grep -- --in-process >/dev/null; then mode=(--in-process); fi
  out=$(mktemp -d)
  total=$(cd "$dir" && valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" extract cf100 --out "$out/a" -j 1 "${mode[@]}" -q 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,)
  link=0
  if nm -C "$bin" 2>/dev/null | grep 'shiryo::link::link_form' >/dev/null; then
    (cd "$dir" && valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
      "$bin" extract cf100 --out "$out/b" -j 1 "${mode[@]}" -q >/dev/null 2>&1)
    link=$(callgrind_annotate --inclusive=yes "$out/cg" 2>/dev/null | tr -d , | awk '
      /:shiryo::link::link_form \[/ || /:shiryo::link::pass::Pass::link_this_year \[/ ||
      /:shiryo::link::pass::Pass::finish \[/ || /:shiryo::link::nouns::YearNouns::of \[/ { s += $1 }
      END { print s + 0 }')
  fi
  rm -rf "$out"
  printf '| %s | %d M | %d M | %d M |\n' "$bin" $((total / 1000000)) $((link / 1000000)) $(((total - link) / 1000000))
done
