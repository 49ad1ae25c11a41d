#!/usr/bin/env bash
# setup.sh: everything a fresh Debian 12 machine needs for `make test` and `make bench`:
# Debian packages (only those missing; needs root or sudo) and the project venv (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake ninja-build g++ make libgtest-dev googletest libbenchmark-dev
              qemu-user g++-aarch64-linux-gnu binutils python3-venv python3-dev
              valgrind clang-format clang-tidy
              clang libclang-rt-14-dev)  # the sanitizer and libFuzzer runtimes of clang 14

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.requirements-stamp"
if [ ! -f "$stamp" ] || [ python/requirements-dev.txt -nt "$stamp" ]; then
  echo "setup: installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r python/requirements-dev.txt
  touch "$stamp"
fi
