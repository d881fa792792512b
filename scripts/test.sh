#!/usr/bin/env bash
# The full test suite: unit tests, CLI and fixture suites, the differential
# conformance tests against HashiCorp's parser, the bench smoke test.
# A Release build in build/, then the unit tests again under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

# Keep the generator of an existing build/ (e.g. one made by a plain `cmake -S . -B build`).
generator=(-G Ninja)
[ -f build/CMakeCache.txt ] && generator=()
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${ECSLINT_SKIP_SANITIZERS:-0}" != "1" ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DECSLINT_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs" --target ecslint_tests ecslint
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -L unit
fi
