#!/usr/bin/env bash
# Measures every bad input of tests/bad_inputs.rs and every hostile input of
# tests/hostile.rs with the release binary: error code, wall time and peak RSS
# (the largest process: with worker processes, the worker), one
# `shiryo extract` run per file.
# Usage: scripts/bad_inputs_table.sh [EXTRA FLAGS]   (prints a Markdown table)
# e.g. `scripts/bad_inputs_table.sh --in-process` for the in-process figures.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
dir=$(mktemp -d)
SHIRYO_WRITE_BAD_INPUTS="$dir/in" cargo test -q --test bad_inputs every_bad_input >/dev/null
SHIRYO_WRITE_HOSTILE="$dir/in" cargo test -q --test hostile every_hostile >/dev/null
echo "| input | bytes | error code | wall time | peak RSS |"
echo "|---|---:|---|---:|---:|"
for f in "$dir"/in/*; do
  name=$(basename "$f")
  rm -rf "$dir/out"
  /usr/bin/time -f "%e %M" -o "$dir/time" target/release/shiryo extract "$f" --out "$dir/out" -q "$@" >/dev/null 2>&1 || true
  read -r secs kb < <(tail -n 1 "$dir/time")
  code=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print((d['error'] or {}).get('code') or 'none (read)')" "$(find "$dir/out" -name "$name.json")")
  printf '| %s | %s | %s | %s s | %s MB |\n' "$name" "$(stat -c %s "$f")" "$code" "$secs" "$((kb / 1024))"
done
rm -rf "$dir"
