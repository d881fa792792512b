#!/usr/bin/env bash
# One command from a fresh machine: install dependencies, build ecslint
# (Release, into build/) and run it on the bundled example project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo
echo "== ecslint fixtures/example"
status=0
./build/ecslint fixtures/example || status=$?
echo "(exit status $status: 0 = clean, 1 = findings at or above --fail-on, 2 = usage or I/O error)"
