#!/usr/bin/env bash
# A demo event running a MedTech ROUND-like programme, to look at the
# desktop's Programme view and the programme KPI: 40 startups, 6 companies,
# 9 themes; stages around today (screening open now), 24 applications
# screened by two scouts each, 6 selected, 36 acceleration sessions placed
# (one held, one with a note), 3 judges (one from a sponsoring company) who
# scored part of the final pitches.
#
#   bash scripts/programme-demo.sh out/programme.db
#   bin/pitchmatch-desktop --view programme out/programme.db
#   DB=out/programme.db VIEWS="programme reports" bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:?usage: programme-demo.sh EVENT.db}
mkdir -p bin "$(dirname "$DB")"
go build -o bin/pitchmatch ./cmd/pitchmatch
P=bin/pitchmatch
rm -f "$DB" "$DB-wal" "$DB-shm"
$P demo --db "$DB" --startups 40 --companies 6 --themes 9 --days 1 --seed 7 >/dev/null
day() { date -d "$1 days" +%Y-%m-%dT00:00:00+09:00; }
PROG=$(mktemp)
trap 'rm -f "$PROG"' EXIT
cat >"$PROG" <<JSON
{"stages":[{"kind":"theme_call","opens":"$(day -40)","closes":"$(day -25)"},
{"kind":"applications","opens":"$(day -25)","closes":"$(day -5)"},
{"kind":"screening","opens":"$(day -5)","closes":"$(day 10)"},
{"kind":"matching","opens":"$(day 10)","closes":"$(day 20)"},
{"kind":"sessions","opens":"$(day 20)","closes":"$(day 110)"},
{"kind":"final_pitch","opens":"$(day 120)","closes":"$(day 121)"}],
"screening_rubric":{"criteria":[{"id":"fit","label":{"ja":"テーマ適合","en":"Theme fit"},"weight":3},{"id":"team","label":{"ja":"チーム","en":"Team"},"weight":1}]},
"pitch_rubric":{"criteria":[{"id":"impact","label":{"ja":"インパクト","en":"Impact"},"weight":2},{"id":"plan","label":{"ja":"事業計画","en":"Business plan"},"weight":1}]},
"sessions":{"start":"$(day 20)","weeks":12,"count":6,"every_weeks":2,"minutes":60,"mode":"online","times":[{"weekday":2,"start":"10:00"},{"weekday":4,"start":"15:00"}]},
"pitch":{"start":"$(date -d '120 days' +%Y-%m-%dT13:00:00+09:00)","pitch_minutes":7,"qa_minutes":5,"change_minutes":1,"break_every":3,"break_minutes":10,"awards":2},
"past_years":[{"year":2024,"companies":4,"themes":4,"applications":31,"selected":6,"sessions_held":30,"pitches":6,"outstanding":2}]}
JSON
$P programme setup --db "$DB" --file "$PROG"
applied=$(date -d '-10 days' '+%Y-%m-%d 10:00')
for i in $(seq 1 24); do
  s=$(printf "S%05d" "$i"); n=$(( (i-1)%4+1 )); t=$(printf "T%03d" $n); c=$(printf "C%03d" $n)
  $P programme apply --db "$DB" --startup "$s" --theme "$t" --proposal-ja "術中の出血をAIで予測する提案 ($s)" --proposal-en "AI prediction of bleeding during surgery ($s)" --now "$applied" >/dev/null
  for k in 1 2; do
    $P programme screen --db "$DB" --company "$c" --scout "scout$k" --startup "$s" --theme "$t" \
      --score "fit=$(( (i+k)%5+1 )),team=$(( (i*3+k)%5+1 ))" --comment "臨床ニーズが明確 ($k)" >/dev/null
  done
done
for i in 1 2 3 5 6 7; do
  n=$(( (i-1)%4+1 ))
  $P programme decide --db "$DB" --startup "$(printf "S%05d" "$i")" --theme "$(printf "T%03d" $n)" --decision selected \
    --message-ja "採択されました。初回セッションの日程をお送りします。" --message-en "You were selected; the session dates follow." >/dev/null
done
$P programme decide --db "$DB" --startup S00004 --theme T004 --decision declined --message-ja "今回は見送ります" >/dev/null
$P programme schedule-sessions --db "$DB"
$P programme session --db "$DB" --id 1 --held >/dev/null
$P programme session --db "$DB" --id 2 --note "議事録を共有" >/dev/null
$P programme judge --db "$DB" --id J1 --name "山田 花子" >/dev/null
$P programme judge --db "$DB" --id J2 --name "Judge Brown" >/dev/null
$P programme judge --db "$DB" --id J3 --name "佐藤 一郎" --company C001 >/dev/null
for i in 1 2 3 5; do
  n=$(( (i-1)%4+1 ))
  for j in J1 J2 J3; do # J3 is refused on C001's pairs (conflict of interest)
    $P programme score-pitch --db "$DB" --judge $j --startup "$(printf "S%05d" "$i")" --theme "$(printf "T%03d" $n)" \
      --score "impact=$(( (i+${j:1})%5+1 )),plan=4" >/dev/null 2>&1 || true
  done
done
echo "wrote $DB: $($P programme status --db "$DB" --lang en | grep -i 'open now' || true)"
