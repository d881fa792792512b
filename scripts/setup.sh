#!/usr/bin/env bash
# One command from a fresh machine: install dependencies, build ecslint
# (Release, into build/) and run it on the bundled example project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Keep the generator of an existing build/ (e.g. one made by a plain `cmake -S . -B build`).
generator=(-G Ninja)
[ -f build/CMakeCache.txt ] && generator=()
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo
echo "== cd fixtures/example && ecslint   (its .ecslint.hcl maps app/ to the ecom-agents container)"
status=0
(cd fixtures/example && ../../build/ecslint) || status=$?
echo "(exit status $status: 0 = clean, 1 = findings at or above --fail-on, 2 = usage or I/O error)"
