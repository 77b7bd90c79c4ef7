#!/usr/bin/env bash
# The main job on the bundled demo event: set up the machine, build, create
# the JHVS-scale demo event, rank startups for a theme, schedule the meetings
# with the proven bound, and open the desktop app on the event (when a
# display is available; set NO_GUI=1 to skip it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p bin out
go build -o bin/pitchmatch ./cmd/pitchmatch
DB=${DB:-out/demo.db}
bin/pitchmatch demo --db "$DB" --force
bin/pitchmatch info --db "$DB"
bin/pitchmatch rank --db "$DB" --theme T002 --top 10
bin/pitchmatch schedule --db "$DB" --save
if [ -f main.go ] && [ -z "${NO_GUI:-}" ]; then
  go build -o bin/pitchmatch-desktop .
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec bin/pitchmatch-desktop "$DB"
  else
    echo "No display: the desktop app was built (bin/pitchmatch-desktop) but not opened."
    echo "Run 'bin/pitchmatch-desktop $DB' on a desktop, or 'bash scripts/screenshots.sh' for screenshots under Xvfb."
  fi
fi
