#!/usr/bin/env bash
# ecslint benchmark harness: ecslint measured side by side with hcloracle
# (HashiCorp's Go HCL parser). One command; see bench/README.md.
#
#   bench/run.sh                 # full run: 5 runs each, corpus + 1/10/100 MB generated
#   bench/run.sh --quick         # smoke mode: 1 run, 1 MB generated only
#   bench/run.sh --runs 9 --sizes "1MB 10MB"
#
# Options:
#   --runs N          process runs per measurement (median reported; default 5)
#   --quick           1 run, generated 1 MB only, no real corpus, 10 pre-commit runs
#   --sizes "A B"     generated sizes (default "1MB 10MB 100MB")
#   --no-corpus       skip the real corpus
#   --repeat N        in-process repeats for the parse measurement (best of N; default 1)
#   --precommit-runs N   runs of the 50-file pre-commit measurement (default 50)
#   --ecslint PATH    use this binary instead of building build-bench/ecslint
#   --oracle PATH     use this hcloracle instead of locating/building one
#   --out DIR         work/output directory (default bench/out); with --out or
#                     --quick, bench/results/latest.json is left alone
#
# Progress goes to stderr; the results table to stdout. Files written:
#   bench/out/raw.txt          every raw run (one line each)
#   bench/out/results.json     medians + raw runs + machine info
#   bench/out/throughput.png   MB/s vs input size (gnuplot)
#   bench/results/latest.json  copy of results.json (committed)
# A tool or subcommand that is missing or fails is reported as such and the
# other measurements continue; no number is ever filled in for it.
set -uo pipefail
{ # the whole script is one compound command, so bash reads it completely
  # before running: editing this file during a long run cannot break the run.

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${ECSLINT_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}
out=$here/out
RUNS=5
QUICK=0
SIZES="1MB 10MB 100MB"
USE_CORPUS=1
REPEAT=1
PC_RUNS=50
ECSLINT=""
ORACLE=""
CUSTOM_OUT=0

while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --sizes) SIZES=$2; shift 2 ;;
    --no-corpus) USE_CORPUS=0; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --precommit-runs) PC_RUNS=$2; shift 2 ;;
    --ecslint) ECSLINT=$(realpath "$2"); shift 2 ;;
    --oracle) ORACLE=$(realpath "$2"); shift 2 ;;
    --out) mkdir -p "$2" && out=$(realpath "$2"); CUSTOM_OUT=1; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ $QUICK == 1 ]]; then
  RUNS=1; SIZES="1MB"; USE_CORPUS=0; PC_RUNS=10
fi

mkdir -p "$out"
raw=$out/raw.txt
: > "$raw"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

log() { echo "[bench] $*" >&2; }
rec() { echo "$*" >> "$raw"; }            # one raw record: key=value ... [msg=free text]
oneline() { tr '\n\t' '  ' < "$1" | cut -c1-200; }

rec "m=config runs=$RUNS quick=$QUICK repeat=$REPEAT precommit_runs=$PC_RUNS sizes=${SIZES// /,}"
rec "m=load when=start avg1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo NA)"
rec "m=git commit=$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null || echo unknown) dirty=$(git -C "$repo" status --porcelain 2>/dev/null | grep -q . && echo 1 || echo 0)"

# ------------------------------------------------------------------ tools
if [[ -z $ECSLINT ]]; then
  log "building ecslint (Release) in build-bench/ ..."
  if cmake -S "$repo" -B "$repo/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DECSLINT_TESTS=OFF \
        > "$out/build.log" 2>&1 \
     && cmake --build "$repo/build-bench" --target ecslint >> "$out/build.log" 2>&1; then
    ECSLINT=$repo/build-bench/ecslint
    rec "m=tool tool=ecslint status=ok path=${ECSLINT#$repo/}"
  else
    log "ecslint build FAILED (bench/out/build.log); ecslint columns will be empty"
    rec "m=tool tool=ecslint status=fail msg=Release build failed, see bench/out/build.log: $(grep -m1 -E ': error:|CMake Error|fatal error' "$out/build.log" | sed "s#$repo/##g" | cut -c1-220)"
  fi
elif [[ -x $ECSLINT ]]; then
  rec "m=tool tool=ecslint status=ok path=$ECSLINT"
else
  rec "m=tool tool=ecslint status=fail msg=not executable: $ECSLINT"; ECSLINT=""
fi

if [[ -z $ORACLE ]]; then
  for c in "$out/oracle/hcloracle" "$here/out/oracle/hcloracle" /tmp/oracle/hcloracle; do
    if [[ -x $c ]]; then ORACLE=$c; break; fi
  done
fi
if [[ -z $ORACLE ]]; then
  log "building hcloracle into bench/out/oracle ..."
  if bash "$shared/tools/hcloracle/build.sh" "$out/oracle" > "$out/oracle-build.log" 2>&1; then
    ORACLE=$out/oracle/hcloracle
  fi
fi
if [[ -n $ORACLE && -x $ORACLE ]]; then
  rec "m=tool tool=hcloracle status=ok path=$ORACLE"
else
  rec "m=tool tool=hcloracle status=fail msg=could not build hcloracle (bench/out/oracle-build.log)"; ORACLE=""
fi

# Wall time and peak RSS of a process, without a shell, `date` or GNU time
# forked around it (bench/timed_run.py).
TIMER=("python3" "$repo/bench/timed_run.py")
rec "m=tool tool=timer status=ok path=bench/timed_run.py"
HYPERFINE=$(command -v hyperfine || true)
if [[ -n $HYPERFINE ]]; then rec "m=tool tool=hyperfine status=ok path=$HYPERFINE"
else rec "m=tool tool=hyperfine status=fail msg=not installed: pre-commit is timed by bench/timed_run.py"; fi

# ----------------------------------------------------------------- inputs
# input_stats NAME DIR: files and bytes of the set both tools parse
# (hcloracle's walk: .tf .hcl .tfvars and their .json forms).
input_stats() {
  python3 - "$1" "$2" >> "$raw" <<'EOF'
import os, sys
name, d = sys.argv[1], sys.argv[2]
exts = (".tf", ".hcl", ".tfvars", ".tf.json", ".hcl.json", ".tfvars.json")
n = b = 0
for root, _, files in os.walk(d):
    for f in files:
        if f.endswith(exts):
            n += 1
            b += os.path.getsize(os.path.join(root, f))
print("m=input input=%s path=%s files=%d bytes=%d" % (name, d, n, b))
EOF
}

INPUTS=()            # names, in order
declare -A INPUT_DIR INPUT_BYTES
add_input() {
  INPUTS+=("$1"); INPUT_DIR[$1]=$2; input_stats "$1" "$2"
  INPUT_BYTES[$1]=$(tail -n1 "$raw" | sed -n 's/.* bytes=\([0-9]*\).*/\1/p')
}

if [[ $USE_CORPUS == 1 ]]; then
  if [[ -d $shared/corpus ]]; then add_input corpus "$shared/corpus"
  else rec "m=input input=corpus status=fail msg=not found: $shared/corpus"; fi
fi

gen_sum=$(sha256sum "$here/generate.py" | cut -c1-16)
# generate NAME ARGS...: cached under bench/out/gen-NAME, regenerated when
# generate.py or the arguments change; verified with hcloracle when available.
generate() {
  local name=$1; shift
  local dir=$out/gen-$name stamp="$gen_sum $*"
  if [[ -f $dir/.generated && -f $dir.stamp && $(cat "$dir.stamp") == "$stamp" ]]; then
    log "generated $name: cached ($(cat "$dir/.generated"))"
    return 0
  fi
  log "generating $name ..."
  rm -f "$dir.stamp"
  local verify=()
  [[ -n $ORACLE ]] && verify=(--verify "$ORACLE")
  if python3 "$here/generate.py" "$@" --out "$dir" "${verify[@]}" > "$tmp/gen.txt" 2>&1; then
    echo "$stamp" > "$dir.stamp"
    log "  $(tr '\n' ' ' < "$tmp/gen.txt")"
  else
    log "generator FAILED for $name: $(oneline "$tmp/gen.txt")"
    rec "m=input input=gen-$name status=fail msg=generator failed or output did not parse: $(oneline "$tmp/gen.txt")"
    return 1
  fi
}
for s in $SIZES; do
  generate "$s" --size "$s" && add_input "gen-$s" "$out/gen-$s"
done
PRECOMMIT_DIR=""
if generate 50files --files 50; then
  PRECOMMIT_DIR=$out/gen-50files; input_stats gen-50files "$PRECOMMIT_DIR"
fi

# ------------------------------------------------------------ measurement
# run_timed CMD...: runs CMD with stdout/stderr to $tmp/{stdout,stderr};
# sets RC, WALL (seconds, spawn to reap) and RSS_KB (peak, from wait4).
run_timed() {
  local line
  line=$("${TIMER[@]}" "$tmp/stdout" "$tmp/stderr" "$@" | tail -n1)
  read -r WALL RSS_KB RC <<< "$line"
}

why_failed() {   # short reason for a failed command (exit code + first stderr/stdout line)
  local first
  first=$(grep -m1 -v '^\s*$' "$tmp/stderr" 2>/dev/null | cut -c1-160)
  [[ -z $first ]] && first=$(grep -m1 -v '^\s*$' "$tmp/stdout" 2>/dev/null | cut -c1-160)
  echo "exit $RC${first:+: $first}"
}

# a. parse throughput, single thread, in-memory file set: one run.
parse_run() {   # TOOL INPUT RUN; returns 1 when the run failed (recorded)
  local tool=$1 input=$2 r=$3 dir=${INPUT_DIR[$2]} cmd total
  if [[ $tool == hcloracle ]]; then cmd=("$ORACLE" -q -repeat "$REPEAT" "$dir")
  else cmd=("$ECSLINT" parse -q --repeat "$REPEAT" "$dir"); fi
  run_timed "${cmd[@]}"
  total=$(grep -m1 '^TOTAL ' "$tmp/stdout")
  if [[ -z $total ]]; then
    rec "m=parse tool=$tool input=$input run=$r status=fail msg=no TOTAL line ($(why_failed))"
    return 1
  fi
  # TOTAL files=N bytes=N ok=N err=N parse_s=S MB/s=X repeat=N wall_s=W
  rec "m=parse tool=$tool input=$input run=$r status=ok $(sed -e 's/^TOTAL //' -e 's#MB/s=#mbps=#' <<< "$total") process_s=$WALL rss_kb=${RSS_KB:-NA}"
}

valid_json() { python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; }

# b/d. end-to-end lint. One untimed run is checked first (exit 0 or 1, JSON
# on stdout) and kept; every timed run's output must be that run's, byte
# for byte.
lint_cmd() { LINT_CMD=("$ECSLINT" --format json --threads "$2" "${INPUT_DIR[$1]}"); }
lint_check() {   # INPUT THREADS; returns 1 when the run failed (recorded)
  local input=$1 th=$2
  lint_cmd "$input" "$th"
  run_timed "${LINT_CMD[@]}"
  if [[ $RC -gt 1 ]] || ! valid_json "$tmp/stdout"; then
    rec "m=lint tool=ecslint input=$input threads=$th run=1 status=fail msg=$(why_failed)$( [[ $RC -le 1 ]] && echo ', stdout is not JSON')"
    return 1
  fi
  mv "$tmp/stdout" "$tmp/checked.$th"
  LINT_RC[$th]=$RC
}
lint_run() {   # INPUT THREADS RUN; returns 1 when the run failed (recorded)
  local input=$1 th=$2 r=$3
  lint_cmd "$input" "$th"
  run_timed "${LINT_CMD[@]}"
  if [[ $RC != "${LINT_RC[$th]}" ]] || ! cmp -s "$tmp/stdout" "$tmp/checked.$th"; then
    rec "m=lint tool=ecslint input=$input threads=$th run=$r status=fail msg=run $r: exit $RC or output differs from the checked run's"
    return 1
  fi
  rec "m=lint tool=ecslint input=$input threads=$th run=$r status=ok exit=$RC wall_s=$WALL rss_kb=$RSS_KB out_bytes=$(stat -c %s "$tmp/checked.$th")"
}

# e. contracts (timed like the lint, after one untimed run)
measure_contracts() {   # INPUT
  local input=$1 dir=${INPUT_DIR[$1]} wall rss code r=0
  log "contracts $input x$RUNS"
  run_timed "$ECSLINT" contracts "$dir"
  if [[ $RC -gt 1 ]]; then
    rec "m=contracts tool=ecslint input=$input run=1 status=fail msg=not available ($(why_failed))"
    return
  fi
  while read -r wall rss code; do
    r=$((r + 1))
    rec "m=contracts tool=ecslint input=$input run=$r status=ok exit=$code wall_s=$wall rss_kb=$rss"
  done < <("${TIMER[@]}" --runs "$RUNS" /dev/null "$tmp/stderr" "$ECSLINT" contracts "$dir")
}

# c. pre-commit latency: whole process, 50-file repository
measure_precommit() {   # TOOL
  local tool=$1 cmd
  if [[ $tool == hcloracle ]]; then cmd=("$ORACLE" -q "$PRECOMMIT_DIR")
  else cmd=("$ECSLINT" --format json "$PRECOMMIT_DIR"); fi
  log "pre-commit $tool x$PC_RUNS"
  run_timed "${cmd[@]}"   # validate once before timing
  if [[ $tool == ecslint ]] && { [[ $RC -gt 1 ]] || ! valid_json "$tmp/stdout"; }; then
    rec "m=precommit tool=$tool input=gen-50files status=fail msg=$(why_failed)$( [[ $RC -le 1 ]] && echo ', stdout is not JSON')"
    return
  fi
  if [[ $tool == hcloracle && $RC -gt 1 ]]; then
    rec "m=precommit tool=$tool input=gen-50files status=fail msg=$(why_failed)"; return
  fi
  if [[ -n $HYPERFINE ]]; then
    if "$HYPERFINE" -N -i --style none --warmup 3 --runs "$PC_RUNS" --export-json "$tmp/hf.json" \
         -- "${cmd[*]}" > /dev/null 2> "$tmp/stderr"; then
      python3 - "$tmp/hf.json" "$tool" >> "$raw" <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"][0]
for i, t in enumerate(res["times"], 1):
    print("m=precommit tool=%s input=gen-50files run=%d status=ok method=hyperfine wall_s=%.6f" % (sys.argv[2], i, t))
EOF
      return
    fi
    log "hyperfine failed ($(oneline "$tmp/stderr")); timing with bench/timed_run.py"
  fi
  local r=0 wall rss code
  while read -r wall rss code; do
    r=$((r + 1))
    rec "m=precommit tool=$tool input=gen-50files run=$r status=ok method=spawn-wait4 wall_s=$wall"
  done < <("${TIMER[@]}" --warmup 3 --runs "$PC_RUNS" /dev/null /dev/null "${cmd[@]}")
}

unavailable() { rec "m=$1 tool=$2 input=$3 ${4:+threads=$4 }status=fail msg=$5"; }

# The runs go in rounds, input by input: a round runs hcloracle's parse,
# ecslint's parse and the lint at each thread count once each, so a slow
# spell of the machine falls on both tools alike rather than on one tool's
# runs (the 2-core bench VM drifts by a third over minutes). Inputs under
# 5 MB get three times the rounds: their runs take milliseconds, and a
# millisecond's noise is a tenth of a 1 MB lint.
# Threads: 0 (= all cores) and 1; plus 2 explicitly when the machine does
# not have exactly 2 cores (on 2 cores, --threads 0 is the 2-thread run).
THREADS="0 1"
[[ $(nproc) != 2 ]] && THREADS="0 1 2"
for input in "${INPUTS[@]}"; do
  declare -A LIVE=() LINT_RC=()   # measurements still running, by key
  for tool in hcloracle ecslint; do
    bin=$ORACLE; [[ $tool == ecslint ]] && bin=$ECSLINT
    if [[ -n $bin ]]; then LIVE[parse:$tool]=1
    else unavailable parse "$tool" "$input" "" "$tool not available"; fi
  done
  for th in $THREADS; do
    if [[ -z $ECSLINT ]]; then unavailable lint ecslint "$input" "$th" "ecslint binary not available"
    elif lint_check "$input" "$th"; then LIVE[lint:$th]=1; fi
  done
  rounds=$RUNS
  [[ $QUICK == 0 && ${INPUT_BYTES[$input]} -lt 5000000 ]] && rounds=$((RUNS * 3))
  log "$input: $rounds rounds of parse (hcloracle, ecslint) and lint --threads ${THREADS// /,}"
  for ((r = 1; r <= rounds; r++)); do
    for tool in hcloracle ecslint; do
      if [[ -n ${LIVE[parse:$tool]:-} ]]; then parse_run "$tool" "$input" "$r" || unset "LIVE[parse:$tool]"; fi
    done
    for th in $THREADS; do
      if [[ -n ${LIVE[lint:$th]:-} ]]; then lint_run "$input" "$th" "$r" || unset "LIVE[lint:$th]"; fi
    done
  done
  rm -f "$tmp"/checked.*
done
if [[ -n $PRECOMMIT_DIR ]]; then
  if [[ -n $ECSLINT ]]; then measure_precommit ecslint
  else unavailable precommit ecslint gen-50files "" "ecslint binary not available"; fi
  [[ -n $ORACLE ]] && measure_precommit hcloracle
fi
for input in "${INPUTS[@]}"; do
  if [[ -n $ECSLINT ]]; then measure_contracts "$input"
  else unavailable contracts ecslint "$input" "" "ecslint binary not available"; fi
done

# ------------------------------------------------------------------ report
rec "m=load when=end avg1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo NA)"
python3 "$here/report.py" --raw "$raw" --out "$out" --repo "$repo"
status=$?
if [[ -f $out/results.json && $QUICK == 0 && $CUSTOM_OUT == 0 ]]; then
  mkdir -p "$here/results"
  cp "$out/results.json" "$here/results/latest.json"
  rm -f "$here/results/latest.png"
  [[ -f $out/throughput.png ]] && cp "$out/throughput.png" "$here/results/latest.png"
  log "copied results.json to bench/results/latest.json$( [[ -f $out/throughput.png ]] && echo " and the plot to latest.png")"
fi
log "wrote $out/results.json$( [[ -f $out/throughput.png ]] && echo " and $out/throughput.png")"
exit $status
}
