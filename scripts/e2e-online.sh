#!/bin/sh
# End-to-end test of both sides online (issue 15) in headless Chromium: a
# scout and a startup in two browser contexts, the organizer on the CLI.
# Builds the portal and the CLI, creates a small demo event, serves it on a
# free loopback port, runs e2e/portal/online.test.mjs and stops the server.
# Needs Debian's chromium and fonts-noto-cjk (scripts/apt-packages.txt).
# Env: SHOT_DIR (screenshots).
set -eu
. "$(dirname -- "$0")/lib/e2e.sh"
e2e_setup e2e-online
db="$tmp/online.db"
"$pm" demo --db "$db" --startups 60 --companies 6 --themes 10 --days 2 >/dev/null

e2e_serve "$db" 400

SCOUT_LINK=$("$pm" invite --db "$db" --company C001 --scout "山田 太郎" --base-url "$url/" --expires 1h)
PM="$pm" PM_DB="$db" BASE_URL="$url" SCOUT_LINK="$SCOUT_LINK"
export PM PM_DB BASE_URL SCOUT_LINK
echo "e2e-online: serving $url" >&2
cd e2e/portal
node --test --test-concurrency=1 online.test.mjs || { tail -n 30 "$tmp/serve.log" >&2; exit 1; }
