#!/usr/bin/env bash
# Kill tests at full count: SIGKILL the real binary at random moments during
# import, schedule --save, backup, restore and serve, PITCHMATCH_KILLS times
# each (default 40), and check integrity, counts and acknowledged writes.
# go test runs the same scenarios 3 times each; this is the long run.
set -euo pipefail
cd "$(dirname "$0")/.."
PITCHMATCH_KILLS="${PITCHMATCH_KILLS:-40}" go test -count=1 -timeout 60m -run '^TestKillAtRandomMoments$' -v ./cmd/pitchmatch/ "$@"
