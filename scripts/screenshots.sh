#!/usr/bin/env bash
# Screenshots of every main view of the desktop app at 1366×768, in Japanese
# and English, in the light and the dark theme, taken under a virtual X
# server (Xvfb) on the demo event; then the text contrast of every
# screenshot is measured (internal/shotcheck: no text under 4.5:1).
#
#   bash scripts/screenshots.sh            # all views, ja and en, light and dark, into screenshots/
#   LANGS=ja THEMES=dark VIEWS="startups rankings" OUT=/tmp/shots bash scripts/screenshots.sh
#   DB=out/demo.db bash scripts/screenshots.sh   # use an existing event file
#
# Needs: Go with cgo, the Fyne build headers, xvfb and imagemagick (see
# scripts/apt-packages.txt; scripts/setup.sh installs them). Exit status is
# non-zero when a screenshot could not be taken.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-screenshots}
LANGS=${LANGS:-"ja en"}
VIEWS=${VIEWS:-"event startups companies rankings requests schedule reports settings"}
THEMES=${THEMES:-"light dark"}
WIDTH=${WIDTH:-1366}
HEIGHT=${HEIGHT:-768}
SETTLE=${SETTLE:-3}        # seconds to let the view compute and draw after the file is loaded
TIMEOUT=${TIMEOUT:-90}     # seconds to wait for the window and the file
DISPLAY_NUM=${DISPLAY_NUM:-99}

for tool in Xvfb import xwininfo; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install xvfb imagemagick x11-utils)" >&2; exit 1; }
done

mkdir -p bin "$OUT"
echo "building bin/pitchmatch-desktop and bin/pitchmatch…"
go build -o bin/pitchmatch-desktop .
if [ -z "${DB:-}" ] && ! go build -o bin/pitchmatch ./cmd/pitchmatch; then
  if [ -x bin/pitchmatch ]; then
    echo "screenshots: ./cmd/pitchmatch does not build; using the existing bin/pitchmatch for the demo event" >&2
  else
    echo "screenshots: ./cmd/pitchmatch does not build and there is no bin/pitchmatch; pass DB=FILE" >&2
    exit 1
  fi
fi

WORK=$(mktemp -d)
XPID=""
APID=""
cleanup() {
  [ -n "$APID" ] && kill "$APID" 2>/dev/null || true
  [ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${DB:-}" ]; then
  DB="$WORK/demo.db"
  bin/pitchmatch demo --db "$DB"
  # A timetable makes the Schedule and Reports views worth looking at.
  bin/pitchmatch schedule --db "$DB" --save >/dev/null 2>&1 \
    || echo "screenshots: 'pitchmatch schedule --save' failed; Schedule/Reports will show an empty timetable" >&2
fi

export DISPLAY=":$DISPLAY_NUM"
Xvfb "$DISPLAY" -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XPID=$!
for _ in $(seq 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || { echo "screenshots: Xvfb did not start:" >&2; cat "$WORK/xvfb.log" >&2; exit 1; }

# Fresh preferences (window size, recent files, language) for every run.
export XDG_CONFIG_HOME="$WORK/config"
export LIBGL_ALWAYS_SOFTWARE=1

failed=0
for theme in $THEMES; do
for lang in $LANGS; do
  for view in $VIEWS; do
    png="$OUT/${view}-${lang}-${theme}.png"
    FYNE_THEME="$theme" bin/pitchmatch-desktop --lang "$lang" --view "$view" --size "${WIDTH}x${HEIGHT}" "$DB" >"$WORK/app.log" 2>&1 &
    APID=$!
    # Ready when the window exists and the app has logged "opened FILE".
    shown=""
    for _ in $(seq $((TIMEOUT * 5))); do
      if grep -q "opened " "$WORK/app.log" && xwininfo -root -tree 2>/dev/null | grep -q 'PitchMatch'; then shown=1; break; fi
      kill -0 "$APID" 2>/dev/null || break
      sleep 0.2
    done
    if [ -z "$shown" ]; then
      echo "screenshots: the app did not open a window for $view ($lang):" >&2
      cat "$WORK/app.log" >&2
      failed=1
    else
      sleep "$SETTLE"
      import -window root "$png"
      echo "wrote $png"
    fi
    kill "$APID" 2>/dev/null || true
    wait "$APID" 2>/dev/null || true
    APID=""
    if grep -q "Error in Fyne call thread" "$WORK/app.log"; then
      echo "screenshots: Fyne reported a call from the wrong thread ($view, $lang):" >&2
      grep -A3 "Error in Fyne call thread" "$WORK/app.log" >&2
      failed=1
    fi
  done
done
done
echo "measuring text contrast (internal/shotcheck)…"
go run ./internal/shotcheck -out "$OUT/low-contrast" "$OUT"/*-*-*.png || failed=1
exit $failed
