#!/usr/bin/env bash
# Smoke test for the bench/ harness (not a benchmark: nothing here is timed
# against a target). Proves that:
#   - bench/generate.py is deterministic and its output parses with hcloracle
#   - the commands bench/run.sh drives (parse, lint, contracts) run on it
#   - bench/run.sh --quick runs end to end and writes a well-formed results.json
# usage: tests/bench_smoke/run.sh ECSLINT_BINARY
# Exit 0 = all checks passed, 1 = a check failed, 77 = skipped (prerequisite
# missing and not installable; the reason is printed).
set -uo pipefail

ecslint=${1:?usage: run.sh ECSLINT_BINARY}
ecslint=$(realpath "$ecslint")
here=$(cd "$(dirname "$0")" && pwd)
repo=${ECSLINT_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
shared=${ECSLINT_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
ok()  { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skip() { echo "SKIP bench_smoke: $*"; exit 77; }

[[ -x $ecslint ]] || skip "ecslint binary not found: $ecslint"
command -v python3 > /dev/null || skip "python3 not installed"

# hcloracle: reuse a build, else build it (installs Go + HCL from Debian when root).
oracle=""
for c in "${HCLORACLE:-}" "$repo/bench/out/oracle/hcloracle" /tmp/oracle/hcloracle; do
  if [[ -n $c && -x $c ]]; then oracle=$c; break; fi
done
if [[ -z $oracle ]]; then
  if command -v go > /dev/null || [[ $(id -u) == 0 ]]; then
    bash "$shared/tools/hcloracle/build.sh" "$tmp/oracle" > "$tmp/oracle.log" 2>&1 && oracle=$tmp/oracle/hcloracle
  fi
  [[ -n $oracle ]] || skip "hcloracle not available and could not be built ($shared/tools/hcloracle/build.sh; see its output: $(tail -n1 "$tmp/oracle.log" 2>/dev/null))"
fi

gen=$repo/bench/generate.py

# 1. generator: deterministic, and everything it writes parses with hcloracle
if python3 "$gen" --size 200KB --out "$tmp/g1" --verify "$oracle" > "$tmp/gen1.txt" 2>&1; then
  ok "generate.py --size 200KB parses with hcloracle: $(grep '^verify' "$tmp/gen1.txt")"
else
  bad "generate.py --size 200KB: $(tail -n3 "$tmp/gen1.txt")"
fi
python3 "$gen" --size 200KB --out "$tmp/g2" > /dev/null 2>&1
if diff -r "$tmp/g1" "$tmp/g2" > /dev/null; then ok "generate.py is deterministic"
else bad "generate.py produced different trees for the same seed"; fi
python3 "$gen" --files 12 --out "$tmp/g3" > /dev/null 2>&1
n=$(find "$tmp/g3" -type f ! -name '.*' ! -name LICENSE | wc -l)
if [[ $n == 12 ]]; then ok "generate.py --files 12 wrote 12 files"; else bad "generate.py --files 12 wrote $n files"; fi
licences=$(find "$tmp/g3" -mindepth 2 -maxdepth 2 -name LICENSE | wc -l)
repos=$(find "$tmp/g3" -mindepth 1 -maxdepth 1 -type d -name 'repo*' | wc -l)
if [[ $licences == "$repos" && $repos -ge 1 ]]; then ok "every generated repository carries a LICENSE (a project of its own)"
else bad "$licences LICENSE files for $repos repositories"; fi
# 200 KB is two modules, too few to be sure of a task definition.
python3 "$gen" --size 1MB --out "$tmp/g4" > /dev/null 2>&1
kinds=$(find "$tmp/g4" -type f \( -name '*.tf' -o -name '*.tf.json' -o -name '*.json' \) | sed -E 's/.*(\.tf\.json|\.tf|\.json)$/\1/' | sort -u | tr '\n' ' ')
if [[ $kinds == *".tf "* && $kinds == *".json "* ]]; then ok "generated kinds: $kinds"; else bad "generated kinds missing: $kinds"; fi

# 2. the commands the harness drives, once each (availability is reported, not required:
#    the harness must cope with a missing subcommand, and so does this test)
"$ecslint" parse -q --repeat 1 "$tmp/g1" > "$tmp/parse.out" 2> "$tmp/parse.err"; rc=$?
if grep -q '^TOTAL files=[0-9]* bytes=[0-9]* .*MB/s=' "$tmp/parse.out"; then
  ok "ecslint parse prints a TOTAL line: $(grep '^TOTAL' "$tmp/parse.out")"
else
  echo "note ecslint parse: no TOTAL line yet (exit $rc); the harness reports it as unavailable"
fi
"$ecslint" --format json --threads 0 "$tmp/g1" > "$tmp/lint.json" 2> "$tmp/lint.err"; rc=$?
if [[ $rc -le 1 ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/lint.json" 2> /dev/null; then
  ok "ecslint --format json --threads 0 on generated tree (exit $rc, valid JSON)"
else
  bad "ecslint --format json --threads 0: exit $rc, $(head -c 200 "$tmp/lint.err")"
fi

# 3. the harness itself, smoke mode, into a scratch directory
if bash "$repo/bench/run.sh" --quick --precommit-runs 3 --ecslint "$ecslint" --oracle "$oracle" --out "$tmp/out" \
     > "$tmp/bench.out" 2> "$tmp/bench.err"; then
  ok "bench/run.sh --quick exits 0"
else
  bad "bench/run.sh --quick failed: $(tail -n5 "$tmp/bench.err")"
fi
if python3 - "$tmp/out/results.json" > "$tmp/check.txt" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["machine"]["nproc"] >= 1, "machine.nproc"
assert r["tools"]["hcloracle"]["status"] == "ok", "hcloracle status"
m = {(x["measure"], x["tool"]): x for x in r["measurements"]}
o = m[("parse", "hcloracle")]
assert o["status"] == "ok" and o["median"]["mbps"] > 0, "hcloracle parse median"
for key in [("parse", "ecslint"), ("lint", "ecslint"), ("precommit", "ecslint"), ("contracts", "ecslint")]:
    x = m[key]
    # every measurement is either a number or an explicit reason
    assert (x["status"] == "ok" and x["runs"]) or x.get("message"), "%s has neither runs nor message" % (key,)
names = {c["name"] for c in r["checks"]}
assert len(names) == 6 and all(c["status"] in ("PASS", "FAIL", "N/A") for c in r["checks"]), "checks"
print("results.json: %d measurements, checks %s" % (len(r["measurements"]),
      " ".join(c["status"] for c in r["checks"])))
EOF
then ok "$(cat "$tmp/check.txt")"
else bad "results.json malformed: $(tail -n2 "$tmp/check.txt")"; fi
if grep -q '^Checks' "$tmp/bench.out" && grep -q 'Parse throughput' "$tmp/bench.out"; then ok "results table printed"
else bad "results table missing from stdout"; fi
if [[ -s $tmp/out/throughput.png ]]; then ok "throughput.png written"
elif ! command -v gnuplot > /dev/null; then echo "note gnuplot not installed: no plot"
else bad "throughput.png missing"; fi

echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
