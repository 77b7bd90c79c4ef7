package app

import (
	"strings"
	"unicode/utf8"

	"pitchmatch/event"
)

// shortRunes is the longest name a grid cell shows per side.
const shortRunes = 10

// legalForms are dropped from names shown in the grid: they make every
// company start with the same characters.
var legalForms = []string{"株式会社", "有限会社", "合同会社", "一般社団法人", "(株)", "（株）", "㈱",
	" Co., Ltd.", " Co.,Ltd.", " Co., Ltd", " Inc.", " Inc", " Corporation", " Corp.", " K.K.", " Ltd."}

// shortName trims a display name for a grid cell: legal forms removed,
// at most shortRunes characters (with an ellipsis).
func shortName(name string) string {
	s := name
	for _, f := range legalForms {
		s = strings.ReplaceAll(s, f, "")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		s = name
	}
	if utf8.RuneCountInString(s) > shortRunes {
		r := []rune(s)
		s = string(r[:shortRunes-1]) + "…"
	}
	return s
}

// StartupShort is the startup's short display name in lang.
func (d *Data) StartupShort(id string, lang event.Lang) string {
	return shortName(d.StartupName(id, lang))
}

// CompanyShort is the company's short display name in lang.
func (d *Data) CompanyShort(id string, lang event.Lang) string {
	return shortName(d.CompanyName(id, lang))
}

// statusLabel is a meeting status in lang.
func statusLabel(s event.MeetingStatus, lang event.Lang) string {
	return event.MeetingStatuses.Label(string(s), lang)
}
