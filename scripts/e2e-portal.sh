#!/bin/sh
# End-to-end test of the startup portal in headless Chromium.
# Installs the npm test dependency if missing, builds the portal and the CLI,
# creates a demo event, schedules it, invites two startups, serves on a free
# loopback port, runs e2e/portal/portal.test.mjs and stops the server.
# Needs Debian's chromium and fonts-noto-cjk (scripts/apt-packages.txt).
# Env: SHOT_DIR (screenshots), FIGURES (JSON of measured figures),
#      E2E_STARTUP_A / E2E_STARTUP_B (startup IDs; demo IDs by default).
set -eu
. "$(dirname -- "$0")/lib/e2e.sh"
e2e_setup e2e-portal
db="$tmp/e2e.db"
"$pm" demo --db "$db" >/dev/null
# Meetings for the calendar and the meetings tab.
"$pm" schedule --db "$db" --save >/dev/null

e2e_serve "$db" 200

a=${E2E_STARTUP_A:-S00001}
b=${E2E_STARTUP_B:-S00002}
PORTAL_LINK_A=$("$pm" invite --db "$db" --startup "$a" --base-url "$url/" --expires 1h)
PORTAL_LINK_B=$("$pm" invite --db "$db" --startup "$b" --base-url "$url/" --expires 1h)
export PORTAL_LINK_A PORTAL_LINK_B
echo "e2e-portal: serving $url, startups $a and $b" >&2
cd e2e/portal
node --test --test-concurrency=1 portal.test.mjs
