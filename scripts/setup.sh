#!/usr/bin/env bash
# Installs what PitchMatch needs on a fresh Debian machine that has Go, gcc
# and node: the Debian packages listed in scripts/apt-packages.txt (only the
# missing ones), the Go modules, and the npm packages of the browser and
# calendar tests. Safe to run again: it skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
while read -r pkg; do
  pkg=${pkg%%#*}; pkg=$(echo "$pkg" | xargs)
  [ -z "$pkg" ] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    need+=("$pkg")
  fi
done < <(sort -u scripts/apt-packages.txt)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "setup: Debian packages present"
fi

echo "setup: Go modules"
go mod download

# npm packages of the end-to-end suites (no browser download: Debian's chromium is used).
for dir in e2e/*/; do
  [ -f "$dir/package.json" ] || continue
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules" ]; then
    echo "setup: npm packages in $dir"
    if [ -f "$dir/package-lock.json" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    else
      (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    fi
  fi
done
echo "setup: done"
