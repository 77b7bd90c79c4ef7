package event

import "strings"

// Lang is a user-interface language.
type Lang string

// The two languages every user-facing text exists in.
const (
	Ja Lang = "ja"
	En Lang = "en"
)

// ParseLang maps a locale string such as "ja_JP.UTF-8", "ja-JP" or "en" to a
// Lang, defaulting to English for anything that is not Japanese.
func ParseLang(locale string) Lang {
	l := strings.ToLower(strings.TrimSpace(locale))
	if strings.HasPrefix(l, "ja") {
		return Ja
	}
	return En
}

// Text is a bilingual string. Either side may be empty; In falls back to the
// other language so a user never sees a blank where the other text exists.
type Text struct {
	Ja string `json:"ja"`
	En string `json:"en"`
}

// In returns the text in lang, or in the other language if that side is empty.
func (t Text) In(lang Lang) string {
	if lang == Ja {
		if t.Ja != "" {
			return t.Ja
		}
		return t.En
	}
	if t.En != "" {
		return t.En
	}
	return t.Ja
}

// IsZero reports whether both sides are empty (after trimming spaces).
func (t Text) IsZero() bool {
	return strings.TrimSpace(t.Ja) == "" && strings.TrimSpace(t.En) == ""
}

// Joined returns both sides separated by a newline, for text similarity and
// search, which look at both languages at once.
func (t Text) Joined() string {
	switch {
	case t.Ja == "":
		return t.En
	case t.En == "":
		return t.Ja
	}
	return t.Ja + "\n" + t.En
}

// T builds a Text from Japanese and English.
func T(ja, en string) Text { return Text{Ja: ja, En: en} }
