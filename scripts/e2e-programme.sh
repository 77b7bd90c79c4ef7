#!/bin/sh
# End-to-end test of the programme in the portal (issue 19) in headless
# Chromium: a startup applies with a PDF deck (a non-PDF and a too-large
# deck refused with nothing stored), a scout screens it on a 375 px
# viewport and selects it, both sides see the acceleration sessions the
# organizer schedules (and download them as .ics), a judge scores the pitch
# on a phone and a conflicted judge cannot. Builds the portal and the CLI, creates a small
# demo event with a programme whose applications, screening and final pitch
# are open now, serves it on a free loopback port, runs
# e2e/portal/programme.test.mjs and stops the server.
# Needs Debian's chromium, fonts-noto-cjk, sqlite3 and poppler-utils
# (scripts/apt-packages.txt). Env: SHOT_DIR (screenshots).
set -eu
. "$(dirname -- "$0")/lib/e2e.sh"
e2e_setup e2e-programme
db="$tmp/programme.db"
"$pm" demo --db "$db" --startups 20 --companies 4 --themes 6 --days 2 >/dev/null

# The programme: applications, screening and the final pitch open now.
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
cat >"$tmp/programme.json" <<JSON
{
  "stages": [
    {"kind": "theme_call", "opens": "$(at '-20 days')", "closes": "$(at '-10 days')"},
    {"kind": "applications", "opens": "$(at '-10 days')", "closes": "$(at '+3 days')"},
    {"kind": "screening", "opens": "$(at '-2 days')", "closes": "$(at '+5 days')"},
    {"kind": "final_pitch", "opens": "$(at '-1 days')", "closes": "$(at '+6 days')"}
  ],
  "screening_rubric": {"criteria": [
    {"id": "fit", "label": {"ja": "テーマとの適合", "en": "Fit with the theme"}, "weight": 2},
    {"id": "team", "label": {"ja": "チーム", "en": "Team"}, "weight": 1}
  ]},
  "pitch_rubric": {"criteria": [
    {"id": "impact", "label": {"ja": "臨床的インパクト", "en": "Clinical impact"}, "weight": 2},
    {"id": "feasibility", "label": {"ja": "実現可能性", "en": "Feasibility"}, "weight": 1}
  ]},
  "sessions": {"start": "$(at '+7 days')", "weeks": 12, "count": 6, "every_weeks": 2, "minutes": 60, "mode": "online",
    "times": [{"weekday": 2, "start": "10:00"}, {"weekday": 4, "start": "15:00"}]},
  "pitch": {"start": "$(at '+1 days')", "pitch_minutes": 7, "qa_minutes": 5, "change_minutes": 2, "awards": 1},
  "max_deck_bytes": 204800
}
JSON
"$pm" programme setup --db "$db" --file "$tmp/programme.json" >/dev/null

e2e_serve "$db" 400

# The theme the startup applies to: the first of company C001.
THEME=$(sqlite3 "$db" "SELECT id FROM themes WHERE company_id = 'C001' ORDER BY id LIMIT 1")
[ -n "$THEME" ] || { echo "e2e-programme: company C001 has no theme" >&2; exit 1; }
SCOUT_LINK=$("$pm" invite --db "$db" --company C001 --scout "山田 太郎" --base-url "$url/" --expires 1h)
STARTUP_LINK=$("$pm" invite --db "$db" --startup S00001 --base-url "$url/" --expires 1h)
OTHER_LINK=$("$pm" invite --db "$db" --startup S00002 --base-url "$url/" --expires 1h)
"$pm" programme judge --db "$db" --id J1 --name "Judge One" --company C002 >/dev/null
"$pm" programme judge --db "$db" --id J2 --name "審査 次郎" --company C001 >/dev/null
JUDGE_LINK=$("$pm" invite --db "$db" --judge J1 --base-url "$url/" --expires 1h)
CONFLICT_LINK=$("$pm" invite --db "$db" --judge J2 --base-url "$url/" --expires 1h)
PM="$pm" PM_DB="$db" BASE_URL="$url" THEME="$THEME" SCOUT_LINK="$SCOUT_LINK" STARTUP_LINK="$STARTUP_LINK" OTHER_LINK="$OTHER_LINK" \
	JUDGE_LINK="$JUDGE_LINK" CONFLICT_LINK="$CONFLICT_LINK"
export PM PM_DB BASE_URL THEME SCOUT_LINK STARTUP_LINK OTHER_LINK JUDGE_LINK CONFLICT_LINK
echo "e2e-programme: serving $url" >&2
cd e2e/portal
node --test --test-concurrency=1 programme.test.mjs || { tail -n 30 "$tmp/serve.log" >&2; exit 1; }
