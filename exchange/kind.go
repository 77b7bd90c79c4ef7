package exchange

import (
	"fmt"
	"strings"

	"pitchmatch/event"
)

// Kind names what a file holds: one of the four importable record kinds.
type Kind string

// The importable kinds.
const (
	KindStartups     Kind = "startups"
	KindCompanies    Kind = "companies"
	KindThemes       Kind = "themes"
	KindAvailability Kind = "availability"
	KindInterests    Kind = "interests" // applications, requests, must-meets, no-thanks, conflicts
	KindSettings     Kind = "settings"  // the event's settings (caps, floor …), one row
	KindFigures      Kind = "figures"   // past years' figures for the KPI report
)

// AllKinds lists every kind the import pipeline (BuildPlan) reads and
// WriteTable writes, in import order.
func AllKinds() []Kind {
	return []Kind{KindSettings, KindFigures, KindCompanies, KindThemes, KindStartups, KindAvailability, KindInterests}
}

// Kinds lists every kind in import order (companies before their themes).
func Kinds() []Kind {
	return []Kind{KindStartups, KindCompanies, KindThemes, KindAvailability}
}

// ParseKind maps a name such as "startups", "Startup" or "テーマ" to a Kind.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "startups", "startup", "スタートアップ":
		return KindStartups, nil
	case "companies", "company", "企業", "大企業":
		return KindCompanies, nil
	case "themes", "theme", "テーマ":
		return KindThemes, nil
	case "availability", "availabilities", "参加可否", "参加不可枠":
		return KindAvailability, nil
	case "interests", "interest", "希望", "応募", "リクエスト", "面談希望":
		return KindInterests, nil
	case "settings", "setting", "event", "イベント設定", "設定":
		return KindSettings, nil
	case "figures", "past_figures", "past", "過去実績", "実績":
		return KindFigures, nil
	}
	return "", unknownKind(Kind(s))
}

// unknownKind is the error for a Kind that is not one of the four.
func unknownKind(k Kind) error {
	return &event.Error{Code: event.EInvalid, Message: event.Text{
		Ja: fmt.Sprintf("「%s」は取り込み種別ではありません（startups, companies, themes, availability, interests, settings, figures のいずれか）", k),
		En: fmt.Sprintf("%q is not a kind of file (want startups, companies, themes, availability, interests, settings or figures)", string(k)),
	}}
}

// label is the kind's name for people.
func (k Kind) label() event.Text {
	switch k {
	case KindStartups:
		return event.T("スタートアップ", "startups")
	case KindCompanies:
		return event.T("企業", "companies")
	case KindThemes:
		return event.T("テーマ", "themes")
	case KindAvailability:
		return event.T("参加不可枠", "availability")
	case KindInterests:
		return event.T("面談希望", "interests")
	case KindSettings:
		return event.T("イベント設定", "event settings")
	case KindFigures:
		return event.T("過去実績", "past figures")
	}
	return event.T(string(k), string(k))
}

// column is one CSV column: its canonical header and the Japanese (or
// other) headers also accepted for it.
type column struct {
	name    string
	aliases []string
	field   *event.Field // the schema field, nil for columns without one
}

func col(name string, aliases ...string) column { return column{name: name, aliases: aliases} }

// Columns returns the canonical CSV header of kind, in the order WriteCSV
// writes it, or nil for an unknown kind.
func Columns(kind Kind) []string {
	cs := columnsOf(kind)
	if cs == nil {
		return nil
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// columnsOf is the column table of kind, with the accepted header aliases.
// Aliases are compared after NFKC normalisation and lower-casing, so
// full-width and half-width brackets, letters and digits all match. The
// columns of startups, companies and themes come from the field schema
// (event.Fields): a field added there is a column here.
func columnsOf(kind Kind) []column {
	if entity := kind.entity(); entity != "" {
		return schemaColumns(event.Fields(entity))
	}
	switch kind {
	case KindAvailability:
		return []column{
			col("kind", "種別", "区分", "参加者種別"),
			col("id", "ID番号", "参加者ID", "スタートアップID", "企業ID", "社名", "企業名", "会社名", "参加者", "名前"),
			col("unavailable", "参加不可枠", "不可枠", "参加できない時間", "参加できない枠", "都合の悪い時間", "不在", "unavailable slots"),
		}
	case KindInterests:
		return []column{
			col("kind", "種別", "区分", "希望の種類"),
			col("startup_id", "スタートアップID", "スタートアップ", "スタートアップ名", "社名"),
			col("company_id", "企業ID", "企業", "企業名", "大企業"),
			col("theme_id", "テーマID", "テーマ", "テーマ名", "応募テーマ"),
			col("by", "申請者", "申請元", "誰から"),
			col("note", "メモ", "備考", "コメント"),
		}
	case KindSettings:
		return schemaColumns(event.EventFields())
	case KindFigures:
		return []column{
			col("year", "年", "開催年", "年度"),
			col("exhibitors", "出展社数", "出展者数", "出展数"),
			col("meetings", "商談数", "面談数", "商談件数"),
			col("deals", "成約数", "商談進展数", "商談進展"),
		}
	}
	return nil
}

// KindEntity is the schema entity (event.EntityStartup …) of kind, or ""
// for a kind without one.
func KindEntity(k Kind) string { return k.entity() }

// entity is the schema entity of kind, or "" for a kind without one.
func (k Kind) entity() string {
	switch k {
	case KindStartups:
		return event.EntityStartup
	case KindCompanies:
		return event.EntityCompany
	case KindThemes:
		return event.EntityTheme
	}
	return ""
}

// schemaColumns turns schema fields into columns: one per column of each
// field, named as the field's column, accepting the column's labels in
// both languages and the field's aliases.
func schemaColumns(fs []event.Field) []column {
	var out []column
	for i := range fs {
		f := &fs[i]
		for k, name := range f.Columns() {
			l := f.ColumnLabel(name)
			aliases := []string{l.Ja, l.En}
			switch {
			case !f.Type.Bilingual():
				aliases = append(aliases, f.Aliases...)
			case k == 0:
				aliases = append(aliases, f.Label.Ja, f.Label.En)
				aliases = append(aliases, f.Aliases...)
			default:
				aliases = append(aliases, f.AliasesEn...)
			}
			out = append(out, column{name: name, aliases: aliases, field: f})
		}
	}
	return out
}
