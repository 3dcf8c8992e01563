#!/usr/bin/env bash
# Installs the Debian packages quotedb needs to build and test, only those missing.
# Usage: tools/scripts/deps.sh        (as root, or with sudo available)
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git python3
  librocksdb-dev libxxhash-dev libcereal-dev catch2
  libcli11-dev nlohmann-json3-dev libutf8proc-dev libstemmer-dev
  libgumbo-dev libcpp-httplib-dev zlib1g-dev libbz2-dev
  libsqlite3-dev sqlite3 libbenchmark-dev
  chromium
  # tools/scripts/fuzz.sh: clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer
  clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
