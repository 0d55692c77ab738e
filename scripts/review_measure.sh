#!/usr/bin/env bash
# How well the `review` verdict flags badly read forms, on outputs written by
# any shiryo binary (docs/REVIEW.md). An older binary writes no verdict; the
# audit then recomputes it from the submission (without the form stage's
# observations), which is how a prefecture re-reads old outputs too.
#
#   scripts/review_measure.sh BINARY DIR...
#
# Extracts every DIR with BINARY, mirrors each NAME.expected.json beside its
# input as the accepted output NAME.ext.json, and prints the audit's review line
# (this checkout's shiryo must be built: target/release/shiryo).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
shift
here=target/release/shiryo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$(realpath "$bin")
for dir in "$@"; do
  parent=$(dirname "$dir")
  name=$(basename "$dir")
  # Run from the parent so that every shiryo version names outputs NAME/…
  (cd "$parent" && "$bin" extract "$name" --out "$work/actual" --quiet >/dev/null 2>&1) || true
  (cd "$parent" && find "$name" -name '*.expected.json') | while read -r exp; do
    base=${exp%.expected.json}
    for input in "$parent/$base".*; do
      case $input in *.expected.json) continue ;; esac
      rel=$name/${input#"$parent/$name/"}
      mkdir -p "$work/expected/$(dirname "$rel")"
      cp "$parent/$exp" "$work/expected/$rel.json"
    done
  done
done
if [ "${REVIEW_JSON:-}" ]; then "$here" audit --expected "$work/expected" --actual "$work/actual" --json | python3 -c "import json,sys; d=json.load(sys.stdin); [print(f[\"file\"], r) for f in d[\"files\"] for r in f[\"reviews\"]]"; fi
"$here" audit --expected "$work/expected" --actual "$work/actual" | grep "^review:"
