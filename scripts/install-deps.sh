#!/usr/bin/env bash
# Installs the Debian 12 packages edi-bridge needs, and only those that are
# missing: a machine that already has everything is left untouched (no apt-get
# update, no root needed).
#
#   scripts/install-deps.sh [GROUP...]    GROUP: build fuzz bench format all
#
# build  - compilers, CMake, GoogleTest, Google Benchmark, nlohmann-json, yaml-cpp, SQLite,
#          OpenSSL (sha256), pugixml, Lua 5.4, valijson, python3
#          (make demo, make test)
# fuzz   - clang-14 and its runtime, which ships libclang_rt.fuzzer (make fuzz)
# bench  - GNU time, for peak RSS (make bench)
# format - clang-format (make format)
# Without arguments every group is installed.
set -euo pipefail

declare -A groups=(
  [build]="build-essential cmake g++ pkg-config nlohmann-json3-dev libyaml-cpp-dev libpugixml-dev liblua5.4-dev libvalijson-dev libgtest-dev libgmock-dev googletest libbenchmark-dev libsqlite3-dev libssl-dev python3"
  [fuzz]="clang-14 libclang-rt-14-dev"
  [bench]="time python3"
  [format]="clang-format"
)

wanted=()
requested=("$@")
[[ ${#requested[@]} -eq 0 ]] && requested=(all)
for group in "${requested[@]}"; do
  if [[ $group == all ]]; then
    for g in build fuzz bench format; do wanted+=(${groups[$g]}); done
  elif [[ -n ${groups[$group]:-} ]]; then
    wanted+=(${groups[$group]})
  else
    echo "install-deps: unknown group '$group' (expected: build fuzz bench format all)" >&2
    exit 2
  fi
done

missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all packages present (${requested[*]})"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages and not root; install them or run as root: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
