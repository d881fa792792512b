#!/usr/bin/env bash
# Differential test of the HCL front end against HashiCorp's parser (hcloracle).
# usage: run.sh ECSLINT_BINARY      env: ECSLINT_SHARED_DIR (default ../shared beside the repo),
#        HCLORACLE (a prebuilt oracle), ECSLINT_CONFORMANCE_SETS (default probes,specsuite,corpus)
# Exit 0 = all agree (or listed in known_differences.txt), 1 = differences, 77 = skipped (no oracle or inputs).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
ecslint=${1:?usage: run.sh ECSLINT_BINARY}
case "$ecslint" in /*) ;; *) ecslint=$PWD/$ecslint ;; esac
shared=${ECSLINT_SHARED_DIR:-$repo/../shared}

if [ ! -d "$shared" ]; then
  echo "SKIPPED: shared directory $shared is absent (set ECSLINT_SHARED_DIR)"
  exit 77
fi
if ! command -v python3 >/dev/null; then
  echo "SKIPPED: python3 is not installed"
  exit 77
fi

oracle=${HCLORACLE:-}
if [ -z "$oracle" ]; then
  cache=${XDG_CACHE_HOME:-$HOME/.cache}/ecslint-hcloracle
  oracle=$cache/hcloracle
  if [ ! -x "$oracle" ] || [ "$shared/tools/hcloracle/main.go" -nt "$oracle" ]; then
    build=$shared/tools/hcloracle/build.sh
    if [ ! -f "$build" ]; then
      echo "SKIPPED: $build is absent, cannot build the reference parser"
      exit 77
    fi
    mkdir -p "$cache"
    if ! log=$(bash "$build" "$cache" 2>&1) || [ ! -x "$oracle" ]; then
      echo "SKIPPED: could not build hcloracle (needs Go and golang-github-hashicorp-hcl-v2-dev):"
      echo "$log" | tail -n 20
      exit 77
    fi
  fi
fi

exec python3 "$here/differential.py" --ecslint "$ecslint" --oracle "$oracle" --shared "$shared" \
  --allowlist "$here/known_differences.txt" --sets "${ECSLINT_CONFORMANCE_SETS:-probes,specsuite,corpus}"
