#!/usr/bin/env bash
# Installs what ecslint needs to build and test, from Debian's packages only.
# Runs as root (CI, the dev machines); elsewhere it uses sudo when it can.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  nlohmann-json3-dev libpcre2-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcurl4-openssl-dev libssl-dev
  python3 time
  # bench/run.sh's throughput plot (gnuplot's pngcairo terminal).
  gnuplot-nox
  # The differential tests' reference: HashiCorp's HCL parser (see ../shared/tools/hcloracle).
  golang-go golang-github-hashicorp-hcl-v2-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
