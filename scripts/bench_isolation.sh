#!/usr/bin/env bash
# Worker processes vs in-process (issue 13), taken in turn in the same run so
# that load from other work falls on both alike (docs/PERFORMANCE.md).
#
#   scripts/bench_isolation.sh [--pairs N] [--jobs J] [--bin PATH] CORPUS
#
# For each of N pairs it runs `shiryo extract CORPUS` once with worker
# processes (the default) and once with --in-process, alternating which goes
# first (ABBA), and reports per mode: mean wall time ± standard deviation,
# forms/s, CPU seconds (user + system, children included), the mean of the
# per-pair ratios, and the peak resident memory of all shiryo processes
# together (sampled every 20 ms; the parent plus its workers). The machine's
# load average and how busy the CPUs were are printed with the figures.
# Reports go to tmpfs (/dev/shm) when there is one.

set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=5 JOBS=2 BIN=target/release/shiryo
while [ $# -gt 1 ]; do
    case "$1" in
        --pairs) PAIRS=$2; shift ;;
        --jobs) JOBS=$2; shift ;;
        --bin) BIN=$2; shift ;;
        *) echo "bench_isolation.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
CORPUS=${1:?usage: scripts/bench_isolation.sh [--pairs N] [--jobs J] [--bin PATH] CORPUS}
OUT=${BENCH_OUT:-/dev/shm/shiryo-isolation-$$}
[ -d /dev/shm ] || OUT=${BENCH_OUT:-target/bench/isolation-out}
TMP=$(mktemp -d)
trap 'rm -rf "$OUT" "$TMP"' EXIT

busy() { # percent of CPU time not idle over the last second
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat); sleep 1; read -r -a b < <(grep '^cpu ' /proc/stat)
    awk -v u=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) )) \
        -v i=$(( (b[4]+b[5]) - (a[4]+a[5]) )) 'BEGIN {printf "%.0f", (u + i) ? 100 * u / (u + i) : 0}'
}

mode_flag() { [ "$1" = in-process ] && echo --in-process || true; }

FORMS=$(rm -rf "$OUT"; "$BIN" extract "$CORPUS" --out "$OUT" -j "$JOBS" 2>&1 >/dev/null \
    | sed -n 's/^shiryo: [0-9]* files, \([0-9]*\) forms.*/\1/p')
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); CPUs busy (other work) just before: $(busy)%" >&2

run() { # mode → "wall user sys"
    rm -rf "$OUT"
    /usr/bin/time -f '%e %U %S' -o "$TMP/t" "$BIN" extract "$CORPUS" --out "$OUT" -q -j "$JOBS" $(mode_flag "$1") >/dev/null
    cat "$TMP/t"
}

: > "$TMP/workers"; : > "$TMP/in-process"
for ((i = 1; i <= PAIRS; i++)); do
    if ((i % 2)); then order="workers in-process"; else order="in-process workers"; fi
    for m in $order; do run "$m" >> "$TMP/$m"; done
done

peak_rss_mb() { # mode → MB, all shiryo processes of the run together
    rm -rf "$OUT"
    "$BIN" extract "$CORPUS" --out "$OUT" -q -j "$JOBS" $(mode_flag "$1") >/dev/null &
    local pid=$! peak=0 now
    while kill -0 "$pid" 2>/dev/null; do
        now=$(ps -o rss= --pid "$pid" --ppid "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
        [ "$now" -gt "$peak" ] && peak=$now
        sleep 0.02
    done
    wait "$pid" || true
    awk -v k="$peak" 'BEGIN {printf "%.0f", k / 1024}'
}
RSS_W=$(peak_rss_mb workers)
RSS_P=$(peak_rss_mb in-process)

stats() { # file → "mean sd cpu"
    awk '{w = $1 + 0; s += w; q += w * w; c += $2 + $3; n++}
         END {m = s / n; v = q / n - m * m; if (v < 0) v = 0; printf "%.3f %.3f %.2f", m, sqrt(v), c / n}' "$1"
}
read -r MW SW CW <<< "$(stats "$TMP/workers")"
read -r MP SP CP <<< "$(stats "$TMP/in-process")"
RATIO=$(paste "$TMP/workers" "$TMP/in-process" | awk '{r += $4 / $1; n++} END {printf "%.3f", r / n}')
BUSY_END=$(busy)
fps() { awk -v f="$FORMS" -v t="$1" 'BEGIN {printf "%.0f", f / t}'; }

echo "| mode (--jobs $JOBS, $PAIRS runs each, interleaved) | wall s | forms/s | CPU s | peak RSS, all processes |"
echo "|---|---:|---:|---:|---:|"
echo "| worker processes (default) | $MW ± $SW | $(fps "$MW") | $CW | $RSS_W MB |"
echo "| --in-process | $MP ± $SP | $(fps "$MP") | $CP | $RSS_P MB |"
echo
echo "Worker processes run at $(awk -v r="$RATIO" 'BEGIN {printf "%.1f", 100 * r}') % of the in-process forms/s (mean of the per-pair ratios; $FORMS forms)."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); CPUs busy just after: ${BUSY_END}%."
