#!/bin/sh
# End-to-end test of the startup portal in headless Chromium.
# Installs the npm test dependency if missing, builds the portal and the CLI,
# creates a demo event, schedules it, invites two startups, serves on a free
# loopback port, runs e2e/portal/portal.test.mjs and stops the server.
# Needs Debian's chromium and fonts-noto-cjk (scripts/apt-packages.txt).
# Env: SHOT_DIR (screenshots), FIGURES (JSON of measured figures),
#      E2E_STARTUP_A / E2E_STARTUP_B (startup IDs; demo IDs by default).
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ ! -d e2e/portal/node_modules/playwright-core ]; then
	(cd e2e/portal && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; })
fi
[ -x /usr/bin/chromium ] || { echo "e2e-portal: /usr/bin/chromium missing (apt-get install chromium fonts-noto-cjk)" >&2; exit 1; }

scripts/build-portal.sh
go build -o "$tmp/pitchmatch" ./cmd/pitchmatch
pm="$tmp/pitchmatch"
db="$tmp/e2e.db"
"$pm" demo --db "$db" >/dev/null
# Meetings for the calendar and the meetings tab.
"$pm" schedule --db "$db" --save >/dev/null

"$pm" serve --db "$db" --addr 127.0.0.1:0 --burst 200 >"$tmp/serve.out" 2>"$tmp/serve.log" &
pid=$!
url=""
for _ in $(seq 1 100); do
	url=$(sed -n 's/^listening on //p' "$tmp/serve.out" | head -n 1)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; echo "e2e-portal: server did not start" >&2; exit 1; }

a=${E2E_STARTUP_A:-S00001}
b=${E2E_STARTUP_B:-S00002}
PORTAL_LINK_A=$("$pm" invite --db "$db" --startup "$a" --base-url "$url/" --expires 1h)
PORTAL_LINK_B=$("$pm" invite --db "$db" --startup "$b" --base-url "$url/" --expires 1h)
export PORTAL_LINK_A PORTAL_LINK_B
echo "e2e-portal: serving $url, startups $a and $b" >&2
cd e2e/portal
node --test --test-concurrency=1 portal.test.mjs
