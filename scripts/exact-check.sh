#!/usr/bin/env bash
# Cross-check the scheduler against GLPK's exact lexicographic optimum on 20
# hard events (40–150 startups × 10–30 companies × 12–36 slots): relief
# (relaxed lower bounds), objective ratio, reported vs true gap, and both
# solvers' times. Not part of CI (minutes of CPU); prints the figures.
#   PITCHMATCH_EXACT_N=20 PITCHMATCH_EXACT_LIMIT=300s PITCHMATCH_EXACT_OURS=0 (Solve's default)
#   PITCHMATCH_EXACT_SEED=2026 (the generator's seed: other values, other events)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v glpsol >/dev/null || { echo "glpsol missing: apt-get install glpk-utils" >&2; exit 1; }
uptime
PITCHMATCH_EXACT_LARGE=1 nice -n 10 go test ./matching/schedule/ -run 'TestHardLargeAgainstGLPK$' -count=1 -v -timeout 3h |
	grep -v '^=== RUN'
