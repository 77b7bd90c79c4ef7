#!/usr/bin/env bash
# The oversized cases of issue 14 at real size, under a memory cap: a
# 321,000-startup event given to `schedule`, `schedule --all-pairs
# --min-score 0` on it, and a 1 GB import file. Each must end with a clear
# message and exit status 1 (never an out-of-memory stack dump).
# Usage: bash scripts/limits-oom.sh [CAP_KB]   (default 2500000 ≈ 2.4 GiB)
set -euo pipefail
cd "$(dirname "$0")/.."
cap="${1:-2500000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/pitchmatch" ./cmd/pitchmatch
pm="$work/pitchmatch"
echo "creating a 321,000-startup event (uncapped; takes a while)…"
nice -n 10 "$pm" demo --db "$work/big.db" --startups 321000 --companies 40 --themes 40 >/dev/null
truncate -s 1G "$work/startups.csv"
fail=0
check() {
  local out code
  set +e
  out="$(bash -c "ulimit -v $cap && exec \"\$0\" \"\$@\"" "$pm" "$@" 2>&1)"
  code=$?
  set -e
  if [[ $code -ne 1 ]] || grep -q goroutine <<<"$out"; then
    echo "FAIL ($code): pitchmatch $*"; echo "$out" | head -5; fail=1
  else
    echo "ok (exit 1): pitchmatch $* → $(head -1 <<<"$out")"
  fi
}
check schedule --db "$work/big.db"
check schedule --db "$work/big.db" --all-pairs --min-score 0
check import --db "$work/big.db" --kind startups "$work/startups.csv"
exit $fail
