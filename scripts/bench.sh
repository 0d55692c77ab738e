#!/usr/bin/env bash
# Benchmark of the batch engine (issue #5); docs/PERFORMANCE.md explains the figures.
#
#   scripts/bench.sh [--quick] [--no-peers] [--criterion] [--profile] [--runs N]
#
# Builds the release binary, generates the corpora with the same seed
# (examples/gen_corpus: 200 and 2,000 files, .docx and .xlsx mixed, drawn from
# the field pool, where under 10 % of item texts repeat across files; and the
# 2,000 files of the old seed pool as a second data point), then measures
#   0. the floor: examples/floor (unzip the text parts, scan the XML once, one
#      thread) on the same files, in the same run, and shiryo's ratio to it;
#      the share of item texts repeated across files (scripts/corpus_repeats.py),
#   1. forms per second end to end over the 2,000-file corpus (`shiryo extract`,
#      worker processes, the default), and against --in-process, the two taken
#      in turn (scripts/bench_isolation.sh),
#   2. peak RSS for 200 and 2,000 files (it should not grow with the file count),
#   3. start-up time of a one-file run,
#   4. the speed-up from --jobs 1 to --jobs 2,
#   5. peers on the same files: scripts/peers/dump_tables.py (python-docx +
#      openpyxl, table text only, venv in target/peers-venv), `pandoc -t json`
#      on the .docx files and `markitdown` on every file, when installed,
# and optionally 6. the per-stage criterion bench (benches/pipeline.rs) and
# 7. a perf (or callgrind) profile of the 2,000-file run (with the binary of
# `cargo build --profile profiling`, which keeps line tables).
#
# hyperfine, pandoc, perf and valgrind are used when present; without them the
# script falls back to repeated timing with `date` and skips what it cannot do.
# Everything goes under target/bench/ (override with BENCH_DIR); the summary is
# printed and written to target/bench/results.md.
#
# Options:
#   --quick      200 and 400 files instead of 200 and 2,000, fewer runs
#   --no-peers   skip the Python and pandoc peers
#   --criterion  also run `cargo bench --bench pipeline`
#   --profile    also profile the large run (perf record, else callgrind on 200 files)
#   --runs N     timed runs per measurement (default 5)
#   --seed S     corpus seed (default 1)

set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0 PEERS=1 CRITERION=0 PROFILE=0 RUNS=5 SEED=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --no-peers) PEERS=0 ;;
        --criterion) CRITERION=1 ;;
        --profile) PROFILE=1 ;;
        --runs) RUNS=$2; shift ;;
        --seed) SEED=$2; shift ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
SMALL=200 LARGE=2000
if [ "$QUICK" = 1 ]; then LARGE=400; RUNS=3; fi

WORK=${BENCH_DIR:-$ROOT/target/bench}
BIN=$ROOT/target/release/shiryo
GEN=$ROOT/target/release/examples/gen_corpus
mkdir -p "$WORK"
RESULTS=$WORK/results.md
: > "$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
have() { command -v "$1" >/dev/null 2>&1; }
note() { printf 'bench.sh: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- build
note "building (release)"
cargo build --release --quiet --bin shiryo --example gen_corpus --example floor
FLOOR=$ROOT/target/release/examples/floor

# ---------------------------------------------------------------- corpora
# A corpus is reused while its seed, size and generator binary are unchanged.
STAMP="seed $SEED, generator $(sha256sum < "$GEN" | cut -c1-16)"
corpus() { # N [pool] → directory
    local pool=${2:-field}
    local dir=$WORK/corpus-$1-$pool
    if [ ! -f "$dir/MANIFEST.tsv" ] || [ "$(($(wc -l < "$dir/MANIFEST.tsv") - 1))" != "$1" ] \
        || [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$STAMP" ]; then
        note "generating $1 files, $pool pool ($STAMP)"
        "$GEN" --n "$1" --out "$dir" --seed "$SEED" --pool "$pool" >&2
        echo "$STAMP" > "$dir/.stamp"
    fi
    echo "$dir"
}
C_SMALL=$(corpus $SMALL)
C_LARGE=$(corpus $LARGE)
C_SEEDPOOL=$(corpus $LARGE seed)
manifest_sum() { awk -F'\t' -v c="$2" 'NR>1 {s += $c} END {print s+0}' "$1/MANIFEST.tsv"; }
ONE=$(find "$C_SMALL" -name '*.docx' | sort | head -n 1)

# ---------------------------------------------------------------- helpers
# Reports go to tmpfs when there is one: on ext4, deleting and re-creating
# thousands of files run after run makes inode allocation slower each time
# (ext4's recently-deleted inode checks), which would measure the benchmark's
# own churn rather than shiryo. BENCH_OUT=DIR overrides.
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_OUT=/dev/shm/shiryo-bench-$$
fi
OUT=${BENCH_OUT:-$WORK/out}
trap 'rm -rf "$OUT" "$OUT.ndjson"' EXIT
# The machine is shared: wait (up to QUIET_WAIT seconds, default 300) until
# the CPUs are at least 90 % idle over one second before each measurement, and
# report CPU time next to wall time (CPU time hardly depends on other load).
busy_pct() {
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 1
    read -r -a b < <(grep '^cpu ' /proc/stat)
    awk -v u=$(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8]) - (a[1]+a[2]+a[3]+a[6]+a[7]+a[8]) )) \
        -v i=$(( (b[4]+b[5]) - (a[4]+a[5]) )) 'BEGIN {printf "%.0f", (u + i) ? 100 * u / (u + i) : 0}'
}
QUIET_WAIT=${QUIET_WAIT:-300}
BUSY_MAX=0
quiet() {
    [ -r /proc/stat ] || return 0
    local waited=0 busy
    busy=$(busy_pct)
    while [ "$busy" -gt 10 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
        sleep 4; waited=$((waited + 5)); busy=$(busy_pct)
    done
    [ "$busy" -gt 10 ] && note "CPUs still ${busy}% busy after ${waited}s: measuring anyway"
    [ "$busy" -gt "$BUSY_MAX" ] && BUSY_MAX=$busy
    return 0
}
# Mean wall seconds, its standard deviation and mean user+system CPU seconds
# of a command over N runs (the output directory cleared before each).
HF_JSON=$WORK/hyperfine.json
mean_secs() { # runs warmup command...
    local runs=$1 warm=$2; shift 2
    quiet
    if have hyperfine; then
        hyperfine --style none --runs "$runs" --warmup "$warm" --prepare "rm -rf $OUT" \
            --export-json "$HF_JSON" "$*" > /dev/null 2>&1
        python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f %.4f" % (r["mean"], r["stddev"] or 0, r["user"] + r["system"]))' "$HF_JSON"
    else
        local i
        for ((i = 0; i < warm; i++)); do rm -rf "$OUT"; eval "$*" > /dev/null 2>&1 || true; done
        for ((i = 0; i < runs; i++)); do
            rm -rf "$OUT"
            if [ -x /usr/bin/time ]; then
                /usr/bin/time -f '%e %U %S' -o "$WORK/run.time" bash -c "$*" > /dev/null 2>&1 || true
                cat "$WORK/run.time"
            else
                local t0 t1
                t0=$(date +%s%N); eval "$*" > /dev/null 2>&1 || true; t1=$(date +%s%N)
                echo "$(( (t1 - t0) / 1000000 ))e-3 0 0"
            fi
        done | awk '{w = $1 + 0; s += w; q += w * w; c += $2 + $3; n++}
            END {m = s / n; v = q / n - m * m; if (v < 0) v = 0; printf "%.4f %.4f %.4f\n", m, sqrt(v), c / n}'
    fi
}
peak_rss_mb() { # command... → MB
    if [ -x /usr/bin/time ]; then
        rm -rf "$OUT"
        /usr/bin/time -v "$@" 2> "$WORK/time.txt" > /dev/null || true
        awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2 / 1024}' "$WORK/time.txt"
    else
        echo "n/a"
    fi
}
summary_line() { # corpus jobs → "N files, F forms, I items, 0 failed in Ts"
    rm -rf "$OUT"
    "$BIN" extract "$1" --out "$OUT" -j "$2" 2>&1 >/dev/null | sed -n 's/^shiryo: //p' | tail -n 1
}
field() { sed -n "s/.* \([0-9][0-9]*\) $2.*/\1/p" <<< "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "n/a"}'; }

# ---------------------------------------------------------------- environment
LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
CPU=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
say "# shiryo benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
say "- machine: $(nproc) cores (${CPU:-unknown CPU}), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM, load average at start $LOAD"
say "- shiryo $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'), $(rustc --version)"
say "- corpora (seed $SEED): $SMALL files = $(manifest_sum "$C_SMALL" 2) forms, $LARGE files = $(manifest_sum "$C_LARGE" 2) forms / $(manifest_sum "$C_LARGE" 3) items / $(du -sh "$C_LARGE" | cut -f1)"
say ""

# ---------------------------------------------------------------- 0. floor
# The floor and shiryo, taken in turn on the same files (same run, same load).
read -r TF SDF _ <<< "$(mean_secs "$RUNS" 1 "$FLOOR" "$C_LARGE")"
rm -rf "$OUT"
"$BIN" extract "$C_LARGE" --out "$OUT" -q --ndjson "$WORK/large.ndjson" || true
REPEATS=$(python3 "$ROOT/scripts/corpus_repeats.py" "$WORK/large.ndjson" 2>/dev/null || echo "n/a")
rm -rf "$OUT"
"$BIN" extract "$C_SEEDPOOL" --out "$OUT" -q --ndjson "$WORK/seedpool.ndjson" || true
REPEATS_SEED=$(python3 "$ROOT/scripts/corpus_repeats.py" "$WORK/seedpool.ndjson" 2>/dev/null || echo "n/a")
rm -f "$WORK/large.ndjson" "$WORK/seedpool.ndjson"
read -r TSP1 _ _ <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_SEEDPOOL" --out "$OUT" -q -j 1)"
read -r TFS _ _ <<< "$(mean_secs "$RUNS" 1 "$FLOOR" "$C_SEEDPOOL")"

# ---------------------------------------------------------------- 1. throughput
SUM=$(summary_line "$C_LARGE" 0)
FORMS=$(field "$SUM" forms)
ITEMS=$(field "$SUM" items)
EXPECTED=$(manifest_sum "$C_LARGE" 2)
EXPECTED_ITEMS=$(manifest_sum "$C_LARGE" 3)
CHECK="all $FORMS forms and $ITEMS items the generator wrote were found"
if [ "$FORMS" != "$EXPECTED" ] || [ "$ITEMS" != "$EXPECTED_ITEMS" ]; then
    CHECK="MISMATCH: shiryo found $FORMS forms / $ITEMS items, the generator wrote $EXPECTED / $EXPECTED_ITEMS"
    note "WARNING: $CHECK"
fi
read -r T2 SD2 C2 <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_LARGE" --out "$OUT" -q)"
read -r T1 SD1 C1 <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_LARGE" --out "$OUT" -q -j 1)"
read -r TN SDN CN <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_LARGE" --out "$OUT" -q --ndjson "$OUT.ndjson")"
rm -f "$OUT.ndjson"
FPS=$(awk -v f="$FORMS" -v t="$T2" 'BEGIN {printf "%.0f", f / t}')
FPS1=$(awk -v f="$FORMS" -v t="$T1" 'BEGIN {printf "%.0f", f / t}')
FPSN=$(awk -v f="$FORMS" -v t="$TN" 'BEGIN {printf "%.0f", f / t}')
FPC=$(awk -v f="$FORMS" -v t="$C1" 'BEGIN {printf "%.0f", f / t}')
SPEEDUP=$(awk -v a="$T1" -v b="$T2" 'BEGIN {printf "%.2f", a / b}')

# ---------------------------------------------------------------- 1b. isolation
# Worker processes (the default) against --in-process, taken in turn.
quiet
ISOLATION=$(scripts/bench_isolation.sh --pairs "$RUNS" --bin "$BIN" "$C_LARGE" 2>&1)

# ---------------------------------------------------------------- 2. memory
RSS_S=$(peak_rss_mb "$BIN" extract "$C_SMALL" --out "$OUT" -q)
RSS_L=$(peak_rss_mb "$BIN" extract "$C_LARGE" --out "$OUT" -q)

# ---------------------------------------------------------------- 3. start-up
# Milliseconds of short runs need a finer clock than /usr/bin/time's 10 ms:
# each run is timed with `date +%s%N`, and the median and the quartiles of 31
# runs are reported (one run held up by the host would move a mean by more
# than the whole target).
median_ms() { # command... → "median q1 q3" in ms
    local i t0 t1
    quiet
    for ((i = 0; i < 3; i++)); do rm -rf "$OUT"; "$@" > /dev/null 2>&1 || true; done
    for ((i = 0; i < 31; i++)); do
        rm -rf "$OUT"
        t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 ))
    done | sort -n | awk '{v[NR] = $1} END {printf "%.1f %.1f %.1f\n", v[16] / 1000, v[8] / 1000, v[24] / 1000}'
}
read -r START_MS START_Q1 START_Q3 <<< "$(median_ms "$BIN" extract "$ONE" --out "$OUT" -q)"
read -r INPROC_MS _ _ <<< "$(median_ms "$BIN" extract "$ONE" --out "$OUT" -q --in-process)"
read -r VERSION_MS _ _ <<< "$(median_ms "$BIN" --version)"
read -r TRUE_MS _ _ <<< "$(median_ms /bin/true)"

ok() { awk -v v="$1" -v t="$3" "BEGIN {exit !(v $2 t)}" && echo "✓" || echo "✗"; }
say "## Beside the floor (issue #15)"
say ""
say "| corpus | item texts repeated across files | floor (1 thread) | shiryo -j 1 | ratio -j 1 ÷ floor | shiryo -j 2 | ratio -j 2 ÷ floor |"
say "|---|---|---|---|---|---|---|"
say "| $LARGE files, field pool (the benchmark) | $REPEATS | ${TF}s ± ${SDF} | ${T1}s | **$(ratio "$T1" "$TF")×** (target ≤ 3×) | ${T2}s | $(ratio "$T2" "$TF")× |"
say "| $LARGE files, seed pool (second data point) | $REPEATS_SEED | ${TFS}s | ${TSP1}s | $(ratio "$TSP1" "$TFS")× | — | — |"
say ""
say "Release binary: $(du -m "$BIN" | cut -f1) MB (target ≤ 60 MB)."
say ""
say "## Batch engine"
say ""
say "| measure | value | target |"
say "|---|---|---|"
say "| end to end, $LARGE files, --jobs 2 | $FPS forms/s ($FORMS forms in ${T2}s ± ${SD2}, CPU ${C2}s) | ≥ 1,500 forms/s $(ok "$FPS" '>=' 1500) |"
say "| end to end, $LARGE files, --jobs 1 | $FPS1 forms/s (${T1}s ± ${SD1}, CPU ${C1}s) | — |"
say "| forms per CPU-second (--jobs 1) | $FPC | — |"
say "| end to end, $LARGE files, --jobs 2 --ndjson FILE | $FPSN forms/s (${TN}s ± ${SDN}, CPU ${CN}s) | — |"
say "| speed-up --jobs 1 → 2 | ${SPEEDUP}× | ≥ 1.85× $(ok "$SPEEDUP" '>=' 1.85) |"
say "| peak RSS, $SMALL files | $RSS_S MB | ≤ 200 MB $(ok "$RSS_S" '<=' 200) |"
GROWTH=$(awk -v a="$RSS_L" -v b="$RSS_S" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print 0}')
say "| peak RSS, $LARGE files | $RSS_L MB (${GROWTH}× the $SMALL-file run) | ≤ 200 MB $(ok "$RSS_L" '<=' 200), flat (< 1.5×) $(ok "$GROWTH" '<' 1.5) |"
say "| start-up, one-file run (median of 31; quartiles) | $START_MS ms ($START_Q1–$START_Q3) | ≤ 5 ms $(ok "$START_MS" '<=' 5) |"
say "| one-file run, --in-process | $INPROC_MS ms | — |"
say "| \`shiryo --version\` (process floor) / \`/bin/true\` | $VERSION_MS ms / $TRUE_MS ms | — |"
say ""
say "Summary line of the large run: \`$SUM\` — $CHECK. Reports written to \`$OUT\`."
say ""
say "## Worker processes vs in-process ($LARGE files, taken in turn)"
say ""
say "$ISOLATION"
say ""

# ---------------------------------------------------------------- 5. peers
if [ "$PEERS" = 1 ]; then
    say "## Peers on the same $LARGE files"
    say ""
    say "| tool | does | files | wall s | files/s | shiryo -j 2 is … faster | shiryo -j 1 is … faster |"
    say "|---|---|---|---|---|---|---|"
    DOCX=$(find "$C_LARGE" -name '*.docx' | wc -l)
    say "| shiryo extract -j 2 | forms → JSON | $LARGE | $T2 | $(awk -v n=$LARGE -v t="$T2" 'BEGIN {printf "%.0f", n / t}') | — | — |"
    say "| shiryo extract -j 1 | forms → JSON | $LARGE | $T1 | $(awk -v n=$LARGE -v t="$T1" 'BEGIN {printf "%.0f", n / t}') | — | — |"
    VENV=$ROOT/target/peers-venv
    if have python3 && { [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"; }; then
        "$VENV/bin/python" -c 'import docx, openpyxl' 2>/dev/null \
            || "$VENV/bin/pip" install --quiet python-docx openpyxl >&2 \
            || note "pip install failed"
    fi
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import docx, openpyxl' 2>/dev/null; then
        PY_RUNS=$(( RUNS < 2 ? RUNS : 2 ))
        read -r TP _ <<< "$(mean_secs "$PY_RUNS" 0 "$VENV/bin/python" "$ROOT/scripts/peers/dump_tables.py" "$C_LARGE")"
        say "| dump_tables.py (python-docx $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("python-docx"))'), openpyxl $("$VENV/bin/python" -c 'import openpyxl; print(openpyxl.__version__)')) | table text only | $LARGE | $TP | $(awk -v n=$LARGE -v t="$TP" 'BEGIN {printf "%.0f", n / t}') | $(ratio "$TP" "$T2")× | $(ratio "$TP" "$T1")× |"
    else
        note "no python-docx/openpyxl: Python peer skipped"
    fi
    if have pandoc; then
        DOCX_LIST=$WORK/docx.list
        find "$C_LARGE" -name '*.docx' | sort > "$DOCX_LIST"
        read -r TD _ <<< "$(mean_secs 1 0 "xargs -d '\n' -n 1 pandoc -f docx -t json -o /dev/null < $DOCX_LIST")"
        read -r TSD _ <<< "$(mean_secs "$RUNS" 1 "xargs -d '\n' $BIN extract --out $OUT -q < $DOCX_LIST")"
        read -r TSD1 _ <<< "$(mean_secs "$RUNS" 1 "xargs -d '\n' $BIN extract --out $OUT -q -j 1 < $DOCX_LIST")"
        say "| pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2) -t json (one process per file) | .docx → AST | $DOCX | $TD | $(awk -v n="$DOCX" -v t="$TD" 'BEGIN {printf "%.0f", n / t}') | $(ratio "$TD" "$TSD")× | $(ratio "$TD" "$TSD1")× |"
        say "| shiryo extract, the same .docx only | forms → JSON | $DOCX | $TSD (-j 1: $TSD1) | $(awk -v n="$DOCX" -v t="$TSD" 'BEGIN {printf "%.0f", n / t}') | — | — |"
    else
        note "no pandoc: skipped (apt-get install pandoc)"
    fi
    MARKITDOWN=$(command -v markitdown || true)
    [ -z "$MARKITDOWN" ] && [ -x "$VENV/bin/markitdown" ] && MARKITDOWN=$VENV/bin/markitdown
    if [ -n "$MARKITDOWN" ]; then
        # One process per file, as it is used; on the $SMALL-file corpus (it
        # takes about a second a file), against shiryo on the same files.
        ALL_LIST=$WORK/all.list
        find "$C_SMALL" -name '*.docx' -o -name '*.xlsx' | sort > "$ALL_LIST"
        read -r TM _ <<< "$(mean_secs 1 0 "xargs -d '\n' -n 1 $MARKITDOWN < $ALL_LIST > /dev/null")"
        read -r TMS2 _ <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_SMALL" --out "$OUT" -q)"
        read -r TMS1 _ <<< "$(mean_secs "$RUNS" 1 "$BIN" extract "$C_SMALL" --out "$OUT" -q -j 1)"
        say "| markitdown $("$MARKITDOWN" --version 2>/dev/null | awk '{print $NF}') (one process per file) | file → Markdown | $SMALL | $TM | $(awk -v n=$SMALL -v t="$TM" 'BEGIN {printf "%.0f", n / t}') | $(ratio "$TM" "$TMS2")× | $(ratio "$TM" "$TMS1")× |"
        say "| shiryo extract, the same $SMALL files | forms → JSON | $SMALL | $TMS2 (-j 1: $TMS1) | $(awk -v n=$SMALL -v t="$TMS2" 'BEGIN {printf "%.0f", n / t}') | — | — |"
    else
        note "no markitdown: skipped ($VENV/bin/pip install 'markitdown[docx,xlsx]')"
    fi
    say ""
fi

# ---------------------------------------------------------------- 6. criterion
if [ "$CRITERION" = 1 ]; then
    note "criterion: cargo bench --bench pipeline"
    quiet
    cargo bench --quiet --bench pipeline 2>&1 | grep -E '^[a-z]+/[a-z0-9-]+( |$)|thrpt:' > "$WORK/criterion.txt" || true
    say "## Stages (criterion: forms per second of one core, files in memory)"
    say ""
    # The median throughput of each benchmark (criterion also prints a change line).
    awk '/^[a-z]+\/[a-z0-9-]+/ {name = $1}
         /thrpt:/ && /elem\/s/ && name != "" {
             v = $(NF-3); u = $(NF-2); sub(/^\[/, "", v)
             if (u ~ /^K/) v *= 1e3; else if (u ~ /^M/) v *= 1e6
             split(name, p, "/"); val[p[1], p[2]] = v
             if (!(p[1] in sg)) {sg[p[1]] = 1; stages[++ns] = p[1]}
             if (!(p[2] in sm)) {sm[p[2]] = 1; samples[++nm] = p[2]}
             name = ""}
         END {
             printf "| stage |"; for (j = 1; j <= nm; j++) printf " %s |", samples[j]; printf "\n|---|"
             for (j = 1; j <= nm; j++) printf "---:|"; printf "\n"
             for (i = 1; i <= ns; i++) {
                 printf "| %s |", stages[i]
                 for (j = 1; j <= nm; j++) printf " %s |", ((stages[i], samples[j]) in val) ? sprintf("%.0f", val[stages[i], samples[j]]) : "—"
                 printf "\n"}}' "$WORK/criterion.txt" | tee -a "$RESULTS"
    say ""
fi

# ---------------------------------------------------------------- 7. profile
# Samples with DWARF call stacks (release builds keep line tables), one thread,
# then every sample is charged to the first pipeline stage found on its stack.
STAGES_PY='
import collections, sys
def has(s, k): return any(k in f for f in s)
CATS = [
    ("link: cross-year pass (after the batch)", lambda s: has(s, "link::pass")),
    ("link: plans to progress within a form", lambda s: has(s, "link::link_form")),
    ("text: lindera tokens for count events", lambda s: has(s, "tokenize") and has(s, "find_counts")),
    ("text: lindera tokens for the classifier", lambda s: has(s, "tokenize") and has(s, "classify")),
    ("text: counts (rest)", lambda s: has(s, "find_counts")),
    ("text: dates", lambda s: has(s, "find_dates")),
    ("text: classifier (rest)", lambda s: has(s, "classify")),
    ("text: checks", lambda s: has(s, "checks::")),
    ("form: normalize/compact inside form::lines predicates", lambda s: has(s, "normalize_with_map") and has(s, "form::lines")),
    ("form: normalize (other)", lambda s: has(s, "normalize_with_map") and has(s, "form::")),
    ("form: lines predicates (rest)", lambda s: has(s, "form::lines")),
    ("form: rest (scan, items, draft, entities)", lambda s: has(s, "form::")),
    ("read: docx", lambda s: has(s, "read::docx")),
    ("read: xlsx styles part (calamine)", lambda s: has(s, "read_styles")),
    ("read: xlsx (rest)", lambda s: has(s, "read::sheet")),
    ("read: sniff / zip container", lambda s: has(s, "sniff")),
    ("write: JSON serialisation", lambda s: has(s, "to_json")),
    ("write: temp file + rename", lambda s: has(s, "write_atomically") or has(s, "persist")),
    ("sha256 of the input", lambda s: has(s, "sha2") or has(s, "hex_sha256")),
]
samples, cur = [], []
for line in sys.stdin:
    line = line.strip()
    if not line:
        if cur: samples.append(cur); cur = []
        continue
    cur.append(line.split(None, 1)[-1])
if cur: samples.append(cur)
count = collections.Counter()
for s in samples:
    count[next((name for name, f in CATS if f(s)), "other (allocator, rayon, start-up)")] += 1
print("%d samples" % len(samples))
for name, n in count.most_common():
    print("%5.1f%%  %s" % (100.0 * n / len(samples), name))
'
if [ "$PROFILE" = 1 ]; then
    PROF=$WORK/profile.txt
    note "building the profiling binary (release with line tables)"
    cargo build --profile profiling --quiet --bin shiryo
    BIN=$ROOT/target/profiling/shiryo
    if have perf && perf record -e cpu-clock -o "$WORK/probe.data" true > /dev/null 2>&1; then
        note "perf record over $LARGE files, --jobs 1"
        rm -rf "$OUT"
        perf record -e cpu-clock -F 499 --call-graph dwarf,32768 -o "$WORK/perf.data" \
            "$BIN" extract "$C_LARGE" --out "$OUT" -q -j 1 --in-process 2> /dev/null
        perf script -i "$WORK/perf.data" -F ip,sym 2> /dev/null | python3 -c "$STAGES_PY" > "$PROF" || true
        perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio --percent-limit 1 -g none 2> /dev/null \
            | grep -v -e '^#' -e '^$' | cut -c1-120 > "$WORK/profile-self.txt" || true
    elif have valgrind; then
        note "perf unavailable: callgrind over $SMALL files"
        rm -rf "$OUT"
        valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$BIN" extract "$C_SMALL" --out "$OUT" -q -j 1 2> /dev/null
        callgrind_annotate --inclusive=yes "$WORK/callgrind.out" 2> /dev/null | head -n 60 > "$PROF"
    else
        note "neither perf nor valgrind: no profile"
    fi
    if [ -s "${PROF:-/nonexistent}" ]; then
        say "## Profile (CPU samples by stage, --jobs 1)"
        say ""
        say '```'
        tee -a "$RESULTS" < "$PROF"
        say '```'
        [ -s "$WORK/profile-self.txt" ] && note "self time by symbol: $WORK/profile-self.txt"
    fi
fi

say ""
say "Busiest the CPUs were (other work) just before a measurement: ${BUSY_MAX}% (figures are trustworthy below ~10%)."
note "results in $RESULTS"
