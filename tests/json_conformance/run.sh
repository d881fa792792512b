#!/usr/bin/env bash
# Differential test of ecslint's JSON front end (grammar/json_parser.cpp).
#
# usage: run.sh ECSLINT_BINARY
#   env ECSLINT_SHARED_DIR  the shared data (default: the repo's ../shared)
#   env HCLORACLE           a built hcloracle (default: /tmp/oracle/hcloracle, else built)
#
# (a) HCL JSON syntax: every *.tf.json, *.tfvars.json, *.hcl.json under the
#     shared corpus, hcl-probes and hcl-specsuite, plus cases/ here, goes through
#     `ecslint parse -q` and HashiCorp's parser (hcloracle); the verdict
#     (OK/ERR), and the line:col and summary of the first error, must agree.
# (b) Plain JSON: every other *.json in the corpus, plus cases/ here: the
#     verdict must equal Python's json.loads (UTF-8, no BOM, no NaN/Infinity),
#     and an accepted file must have no diagnostics at all.
# (c) Mutations: 2,000 copies of corpus JSON files with a few bytes deleted or
#     inserted (a fixed seed, so the set is reproducible), compared with
#     hcloracle as in (a). A differing mutant is kept in
#     ${TMPDIR:-/tmp}/json_conformance_failures/ for a look.
# Expected differences are listed in known_differences.txt, one per line:
#     PATH  -- reason
# with PATH relative to the shared dir, or cases/NAME for the local cases.
# Prints one line per difference and `N passed, N failed`; exits 0 only when
# every difference is listed, 77 (skipped) when the oracle cannot be built.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ecslint=${1:?usage: run.sh ECSLINT_BINARY}
case $ecslint in */*) ecslint=$(cd "$(dirname "$ecslint")" && pwd)/$(basename "$ecslint") ;; esac
shared=${ECSLINT_SHARED_DIR:-$repo/../shared}
[ -d "$shared" ] || { echo "shared dir not found: $shared"; exit 77; }
shared=$(cd "$shared" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

oracle=${HCLORACLE:-/tmp/oracle/hcloracle}
if [ ! -x "$oracle" ]; then
  oracle_dir=${TMPDIR:-/tmp}/oracle
  mkdir -p "$oracle_dir"
  if ! bash "$shared/tools/hcloracle/build.sh" "$oracle_dir" >"$tmp/oracle_build.log" 2>&1; then
    echo "SKIPPED: cannot build hcloracle with $shared/tools/hcloracle/build.sh:"
    tail -5 "$tmp/oracle_build.log"
    exit 77
  fi
  oracle=$oracle_dir/hcloracle
fi

# (c) Mutants: only files of ASCII without tabs, so that column conventions
# (HashiCorp counts a tab as two columns) cannot make a difference.
mkdir -p "$tmp/mutations"
python3 - "$shared" "$tmp/mutations" <<'PY'
import os, random, sys
shared, out = sys.argv[1:3]
paths = []
for root, _, names in os.walk(os.path.join(shared, "corpus")):
    paths += [os.path.join(root, n) for n in names if n.endswith(".json")]
sources = []
for p in sorted(paths):
    data = open(p, "rb").read()
    if len(data) < 20000 and b"\t" not in data and all(b < 0x80 for b in data):
        sources.append(data)
rng = random.Random(20240601)
pieces = [b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"=", b"1", b"-", b"x", b"\n", b"\x01", b"\x00",
          b"tru", b"e", b".", b"0", b"\\u", b"\\ud800", b" ", b"/", b"+"]
for i in range(2000 if sources else 0):
    s = bytearray(rng.choice(sources))
    for _ in range(rng.randint(1, 3)):
        pos = rng.randrange(len(s) + 1)
        if rng.random() < 0.4 and len(s) > 1:
            del s[pos:pos + rng.randint(1, 3)]
        else:
            s[pos:pos] = rng.choice(pieces)
    with open(os.path.join(out, f"m{i:04d}.tf.json"), "wb") as f:
        f.write(bytes(s))
PY

# File lists, relative to $shared (the local cases and mutants as absolute paths).
(
  cd "$shared"
  find corpus hcl-probes hcl-specsuite -type f \( -name '*.tf.json' -o -name '*.tfvars.json' -o -name '*.hcl.json' \) | LC_ALL=C sort
  find "$here/cases" -type f \( -name '*.tf.json' -o -name '*.tfvars.json' -o -name '*.hcl.json' \) | LC_ALL=C sort
  find "$tmp/mutations" -type f -name '*.tf.json' | LC_ALL=C sort
) >"$tmp/hcljson.list"
(
  cd "$shared"
  find corpus -type f -name '*.json' ! -name '*.tf.json' ! -name '*.tfvars.json' ! -name '*.hcl.json' | LC_ALL=C sort
  find "$here/cases" -type f -name '*.json' ! -name '*.tf.json' ! -name '*.tfvars.json' ! -name '*.hcl.json' | LC_ALL=C sort
) >"$tmp/json.list"

cd "$shared"
run_tool() {  # tool output-file list-file [args...]
  local out=$1 list=$2; shift 2
  if [ -s "$list" ]; then
    tr '\n' '\0' <"$list" | xargs -0 "$@" >"$out" 2>"$out.stderr"
  else
    : >"$out"
  fi
}
run_tool "$tmp/oracle.out" "$tmp/hcljson.list" "$oracle" -q
run_tool "$tmp/ecslint_hcl.out" "$tmp/hcljson.list" "$ecslint" parse -q
run_tool "$tmp/ecslint_json.out" "$tmp/json.list" "$ecslint" parse -q

python3 - "$tmp" "$here" "$shared" <<'PY'
import json, os, shutil, sys

tmp, here, shared = sys.argv[1:4]

mutations = os.path.join(tmp, "mutations")
failures = os.path.join(os.environ.get("TMPDIR", "/tmp"), "json_conformance_failures")

def rel(path):
    if path.startswith(here + "/"):
        return path[len(here) + 1:]
    if path.startswith(mutations + "/"):
        return "mutations/" + path[len(mutations) + 1:]
    return path

def read_list(name):
    with open(os.path.join(tmp, name)) as f:
        return [l.rstrip("\n") for l in f if l.strip()]

def parse_report(name, files, tool):
    """OK/ERR per file from `-q` output: {path: None | (line, col, message)}."""
    out = os.path.join(tmp, name)
    text = open(out, encoding="utf-8", errors="replace").read()
    if files and "TOTAL " not in text:
        err = open(out + ".stderr", errors="replace").read().strip()
        print(f"FATAL: {tool} printed no TOTAL line; is `parse` implemented? {err[:300]}")
        sys.exit(1)
    result = {p: None for p in files}
    cur = None
    for line in text.splitlines():
        if line.startswith("ERR "):
            cur = line[4:]
            result[cur] = ("?", "?", "")
        elif line.startswith("OK "):
            cur = None
        elif line.startswith("  ") and cur is not None and result[cur][2] == "":
            # "  file:l:c-l:c: error: Summary; Detail" (the path may contain ':')
            body = line[2 + len(cur) + 1:] if line[2:].startswith(cur + ":") else line.strip()
            where, _, msg = body.partition(": ")
            start = where.split("-")[0]
            l, _, c = start.partition(":")
            result[cur] = (l, c, msg)
    return result

known = {}
kd_path = os.path.join(here, "known_differences.txt")
if os.path.exists(kd_path):
    for line in open(kd_path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        path, sep, reason = line.partition(" -- ")
        if not sep or not reason.strip():
            print(f"FATAL: known_differences.txt line without ' -- reason': {line}")
            sys.exit(1)
        known[path.strip()] = reason.strip()

passed = failed = listed = 0
seen_known = set()

def record(path, ok, what):
    global passed, failed, listed
    key = rel(path)
    if ok:
        passed += 1
        if key in known:
            print(f"STALE  {key}: listed as a known difference but now agrees")
        return
    if key in known:
        listed += 1
        passed += 1
        seen_known.add(key)
        print(f"KNOWN  {key}: {what} [{known[key]}]")
    else:
        failed += 1
        print(f"DIFF   {key}: {what}")
        if key.startswith("mutations/"):
            os.makedirs(failures, exist_ok=True)
            shutil.copy(path, failures)
            print(f"       (mutant kept as {os.path.join(failures, os.path.basename(path))})")

# (a) HCL JSON vs HashiCorp
hcl_files = read_list("hcljson.list")
theirs = parse_report("oracle.out", hcl_files, "hcloracle")
ours = parse_report("ecslint_hcl.out", hcl_files, "ecslint")
for p in hcl_files:
    t, o = theirs[p], ours[p]
    if t is None and o is None:
        record(p, True, "")
    elif t is None or o is None:
        record(p, False, f"verdict: oracle {'OK' if t is None else 'ERR'}, ecslint {'OK' if o is None else 'ERR'}"
               + (f" (ecslint {o[0]}:{o[1]} {o[2]})" if o else f" (oracle {t[0]}:{t[1]} {t[2]})"))
    elif (t[0], t[1]) != (o[0], o[1]) or t[2].split(";")[0] != o[2].split(";")[0]:
        record(p, False, f"first error: oracle {t[0]}:{t[1]} {t[2]} / ecslint {o[0]}:{o[1]} {o[2]}")
    else:
        record(p, True, "")

# (b) plain JSON vs Python
sys.setrecursionlimit(20000)
def reject_constant(name):
    raise ValueError(f"{name} is not JSON")

json_files = read_list("json.list")
ours = parse_report("ecslint_json.out", json_files, "ecslint")
for p in json_files:
    try:
        with open(p, "rb") as f:
            json.loads(f.read().decode("utf-8"), parse_constant=reject_constant)
        py_ok, why = True, ""
    except (ValueError, RecursionError) as e:
        py_ok, why = False, str(e)[:80]
    o = ours[p]
    if py_ok == (o is None):
        record(p, True, "")
    else:
        record(p, False, f"verdict: python {'OK' if py_ok else 'ERR (' + why + ')'}, ecslint "
               + ("OK" if o is None else f"ERR {o[0]}:{o[1]} {o[2]}"))

for key in sorted(set(known) - seen_known):
    if not os.path.exists(os.path.join(here, key)) and not os.path.exists(os.path.join(shared, key)):
        print(f"STALE  {key}: listed in known_differences.txt but no such file")

n_mut = sum(1 for p in hcl_files if p.startswith(mutations + "/"))
print(f"compared {len(hcl_files) - n_mut} HCL JSON files and {n_mut} mutants with hcloracle, "
      f"{len(json_files)} JSON files with Python; "
      f"{listed} listed differences")
print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)
PY
