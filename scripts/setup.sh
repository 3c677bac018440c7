#!/usr/bin/env bash
# Installs the Debian packages exlSchema needs (a quick no-op when they are present), the test
# object store's npm packages (tests/s3), and builds
# everything into build/ (build/exlSchema, the tests, srsim).
#   scripts/setup.sh            install + build
#   scripts/setup.sh --demo     install + build, then the demo (scripts/demo.sh): a two-cluster
#                               sandbox and a real migration between the simulated clusters
#   scripts/setup.sh --no-build install only
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -vE '^\s*(#|$)' scripts/packages.txt)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  # policy-rc.d keeps the packaged mariadb service from being started: the project runs its own.
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# s3rver, the test object store (tests/s3/s3rver.sh), exactly as package-lock.json pins it.
if [ ! -x tests/s3/node_modules/.bin/s3rver ] ||
   [ tests/s3/package-lock.json -nt tests/s3/node_modules/.package-lock.json ]; then
  echo "setup: npm ci in tests/s3 (s3rver)"
  (cd tests/s3 && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

[ "${1:-}" = "--no-build" ] && exit 0

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
echo "setup: built build/exlSchema"
if [ "${1:-}" = "--demo" ]; then
  exec scripts/demo.sh
fi
