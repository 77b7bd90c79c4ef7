package docs

import (
	"fmt"
	"time"

	"pitchmatch/event"
)

// Label returns the bilingual label documents print for key; unknown keys
// come back as themselves so a missing label shows rather than blanks.
func Label(key string) event.Text {
	switch key {
	case "schedule":
		return event.T("面談スケジュール", "Meeting schedule")
	case "table_sheet":
		return event.T("テーブル別スケジュール", "Table sheet")
	case "date":
		return event.T("日付", "Date")
	case "time":
		return event.T("時間", "Time")
	case "start":
		return event.T("開始", "Start")
	case "end":
		return event.T("終了", "End")
	case "slot":
		return event.T("枠", "Slot")
	case "table":
		return event.T("テーブル", "Table")
	case "startup":
		return event.T("スタートアップ", "Startup")
	case "startup_id":
		return event.T("スタートアップID", "Startup ID")
	case "company":
		return event.T("企業", "Company")
	case "company_id":
		return event.T("企業ID", "Company ID")
	case "theme":
		return event.T("テーマ", "Theme")
	case "theme_id":
		return event.T("テーマID", "Theme ID")
	case "with":
		return event.T("面談相手", "Meeting with")
	case "status":
		return event.T("状態", "Status")
	case "outcome":
		return event.T("成果", "Outcome")
	case "held_check":
		return event.T("実施", "Held")
	case "sequence":
		return event.T("更新回数", "Sequence")
	case "uid":
		return event.T("UID", "UID")
	case "venue":
		return event.T("会場", "Venue")
	case "no_meetings":
		return event.T("予定されている面談はありません。", "No meetings scheduled.")
	case "meetings_count":
		return event.T("面談数", "Meetings")
	case "kind":
		return event.T("種別", "Kind")
	case "by":
		return event.T("申請者", "By")
	case "note":
		return event.T("メモ", "Note")
	case "created":
		return event.T("日時", "Created")
	case "rank":
		return event.T("順位", "Rank")
	case "score":
		return event.T("スコア", "Score")
	case "reasons":
		return event.T("理由", "Reasons")
	case "page":
		return event.T("ページ", "Page")
	case "kpi":
		return event.T("KPIレポート", "KPI report")
	}
	return event.Text{Ja: key, En: key}
}

// Both renders a label as "日本語 (English)", or one side when the other
// is empty or the same.
func Both(t event.Text) string {
	switch {
	case t.Ja == "" || t.Ja == t.En:
		return t.En
	case t.En == "":
		return t.Ja
	}
	return t.Ja + " (" + t.En + ")"
}

// Header renders a column header as "日本語 / English".
func Header(key string) string {
	t := Label(key)
	if t.Ja == t.En {
		return t.Ja
	}
	return t.Ja + " / " + t.En
}

var weekdaysJa = [...]string{"日", "月", "火", "水", "木", "金", "土"}

// DateLabel formats a date as "2026-10-14 (水)" in Japanese or
// "2026-10-14 (Wed)" in English.
func DateLabel(t time.Time, lang event.Lang) string {
	if lang == event.Ja {
		return t.Format("2006-01-02") + " (" + weekdaysJa[t.Weekday()] + ")"
	}
	return t.Format("2006-01-02 (Mon)")
}

// Weekday is the short weekday name: "水" or "Wed".
func Weekday(t time.Time, lang event.Lang) string {
	if lang == event.Ja {
		return weekdaysJa[t.Weekday()]
	}
	return t.Format("Mon")
}

// TimeRange formats a slot as "10:00–10:20".
func TimeRange(s event.Slot) string {
	return s.Start.Format("15:04") + "–" + s.End.Format("15:04")
}

// TableLabel names a 0-based table: "テーブル 3" / "Table 3".
func TableLabel(table int) event.Text {
	return event.T(fmt.Sprintf("テーブル %d", table+1), fmt.Sprintf("Table %d", table+1))
}

// EventDates describes the event's days, such as "2026-10-14 – 2026-10-16".
func EventDates(e *event.Event) string {
	if e == nil || len(e.Days) == 0 {
		return ""
	}
	first, last := e.Days[0].Date, e.Days[len(e.Days)-1].Date
	if first == last {
		return first
	}
	return first + " – " + last
}

// StatusLabel is the bilingual label of a meeting status.
func StatusLabel(s event.MeetingStatus) event.Text {
	return event.T(event.MeetingStatuses.Label(string(s), event.Ja), event.MeetingStatuses.Label(string(s), event.En))
}

// OutcomeLabel is the bilingual label of a meeting outcome (empty when
// unknown).
func OutcomeLabel(o event.Outcome) event.Text {
	if o == event.OutcomeUnknown {
		return event.Text{}
	}
	return event.T(event.Outcomes.Label(string(o), event.Ja), event.Outcomes.Label(string(o), event.En))
}
