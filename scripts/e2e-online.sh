#!/bin/sh
# End-to-end test of both sides online (issue 15) in headless Chromium: a
# scout and a startup in two browser contexts, the organizer on the CLI.
# Builds the portal and the CLI, creates a small demo event, serves it on a
# free loopback port, runs e2e/portal/online.test.mjs and stops the server.
# Needs Debian's chromium and fonts-noto-cjk (scripts/apt-packages.txt).
# Env: SHOT_DIR (screenshots).
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
[ -x /usr/bin/chromium ] || { echo "e2e-online: /usr/bin/chromium missing (apt-get install chromium fonts-noto-cjk)" >&2; exit 1; }

scripts/build-portal.sh
go build -o "$tmp/pitchmatch" ./cmd/pitchmatch
pm="$tmp/pitchmatch"
db="$tmp/online.db"
"$pm" demo --db "$db" --startups 60 --companies 6 --themes 10 --days 2 >/dev/null

"$pm" serve --db "$db" --addr 127.0.0.1:0 --burst 400 >"$tmp/serve.out" 2>"$tmp/serve.log" &
pid=$!
url=""
for _ in $(seq 1 100); do
	url=$(sed -n 's/^listening on //p' "$tmp/serve.out" | head -n 1)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; echo "e2e-online: server did not start" >&2; exit 1; }

SCOUT_LINK=$("$pm" invite --db "$db" --company C001 --scout "山田 太郎" --base-url "$url/" --expires 1h)
PM="$pm" PM_DB="$db" BASE_URL="$url" SCOUT_LINK="$SCOUT_LINK"
export PM PM_DB BASE_URL SCOUT_LINK
echo "e2e-online: serving $url" >&2
cd e2e/portal
node --test --test-concurrency=1 online.test.mjs || { tail -n 30 "$tmp/serve.log" >&2; exit 1; }
