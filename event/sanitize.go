package event

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The one text sanitiser. Every text field of every record goes through it,
// whatever the entry point (import, portal, desktop, CLI), because the
// records' Validate methods call it: NormalizeText puts a value in its
// stored form (NFC; CRLF and CR become LF in multi-line fields) and
// CheckText refuses what may never be stored.
//
// golang.org/x/text/unicode/norm is the one non-stdlib import of event: it
// compiles for js/wasm and the portal already carries its tables (matching
// normalises text for similarity).

// Text-problem codes, in FieldError.Code.
const (
	FieldControl   = "control_character"
	FieldInvisible = "no_visible_character"
)

// TextKind says which characters a text field may hold.
type TextKind int

// Text kinds.
const (
	SingleLine TextKind = iota // names, titles, URLs: no line breaks
	MultiLine                  // summaries, descriptions, notes: line feeds allowed
)

// NormalizeText returns s in the form it is stored in: NFC-normalised and,
// for multi-line fields, with CRLF and lone CR turned into LF. Invalid UTF-8
// is returned unchanged so that CheckText reports it instead of it being
// silently replaced.
func NormalizeText(s string, kind TextKind) string {
	if !utf8.ValidString(s) {
		return s
	}
	if kind == MultiLine && strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

// CheckText returns the problem with s as the value of field, or nil:
// invalid UTF-8; a control character (C0, DEL, C1; a line feed is allowed
// in multi-line fields only); a bidirectional override or isolate (U+202A–
// U+202E, U+2066–U+2069), which can make a name read differently from what it
// is; and, for a required field, no visible character at all (only spaces,
// zero-width or format characters such as U+200B or U+202E, or NUL).
// Messages name the character's position and code point.
func CheckText(field, s string, kind TextKind, required bool) *FieldError {
	if !utf8.ValidString(s) {
		return &FieldError{Field: field, Code: FieldFormat, Message: Text{
			Ja: "文字コードが正しくありません（UTF-8 ではないバイト列があります）",
			En: "is not valid UTF-8"}}
	}
	visible := false
	pos := 0
	for _, r := range s {
		pos++
		if bad, what := badRune(r, kind); bad {
			return &FieldError{Field: field, Code: FieldControl, Message: Text{
				Ja: fmt.Sprintf("%d文字目に使えない制御文字（U+%04X %s）があります", pos, r, what.Ja),
				En: fmt.Sprintf("character %d is a control character not allowed here (U+%04X, %s)", pos, r, what.En)}}
		}
		if !visible && isVisible(r) {
			visible = true
		}
	}
	if required && !visible {
		if s == "" || strings.TrimSpace(s) == "" {
			return &FieldError{Field: field, Code: FieldRequired, Message: Text{Ja: "必須項目です", En: "is required"}}
		}
		return &FieldError{Field: field, Code: FieldInvisible, Message: Text{
			Ja: "目に見える文字がありません（空白や幅ゼロの文字だけです）",
			En: "has no visible character (only spaces or invisible characters)"}}
	}
	return nil
}

// HasVisible reports whether s has at least one letter, digit, punctuation
// mark or symbol.
func HasVisible(s string) bool {
	for _, r := range s {
		if isVisible(r) {
			return true
		}
	}
	return false
}

func isVisible(r rune) bool {
	return unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S)
}

// badRune reports whether r may not be stored in a field of kind, and what
// it is.
func badRune(r rune, kind TextKind) (bool, Text) {
	switch {
	case r == '\n':
		if kind == MultiLine {
			return false, Text{}
		}
		return true, Text{Ja: "改行", En: "line break"}
	case r == 0:
		return true, Text{Ja: "NUL", En: "NUL"}
	case r == '\t':
		return true, Text{Ja: "タブ", En: "tab"}
	case r == '\r':
		return true, Text{Ja: "復帰", En: "carriage return"}
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true, Text{Ja: "制御文字", En: "control character"}
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return true, Text{Ja: "双方向テキストの制御文字", En: "bidirectional control"}
	case r == 0x2028 || r == 0x2029:
		return true, Text{Ja: "行・段落の区切り", En: "line or paragraph separator"}
	case r == 0xfffe || r == 0xffff:
		return true, Text{Ja: "非文字", En: "non-character"}
	}
	return false, Text{}
}

// CleanText is NormalizeText then CheckText: the stored form of s, or the
// problem that refuses it.
func CleanText(field, s string, kind TextKind, required bool) (string, *FieldError) {
	s = NormalizeText(s, kind)
	if fe := CheckText(field, s, kind, required); fe != nil {
		return s, fe
	}
	return s, nil
}

// normText normalises both sides of a bilingual text in place.
func normText(t *Text, kind TextKind) {
	t.Ja = NormalizeText(t.Ja, kind)
	t.En = NormalizeText(t.En, kind)
}

// Normalize puts every text field of the startup in its stored form
// (NormalizeText). Validate calls it first.
func (s *Startup) Normalize() {
	normText(&s.Name, SingleLine)
	normText(&s.ProductName, SingleLine)
	normText(&s.ProductSummary, MultiLine)
	s.Website = NormalizeText(strings.TrimSpace(s.Website), SingleLine)
	s.ContactEmail = NormalizeText(strings.TrimSpace(s.ContactEmail), SingleLine)
	s.Notes = NormalizeText(s.Notes, MultiLine)
}

// Normalize puts every text field of the company in its stored form.
func (co *Company) Normalize() {
	normText(&co.Name, SingleLine)
	normText(&co.Description, MultiLine)
	for i := range co.Scouts {
		co.Scouts[i] = NormalizeText(co.Scouts[i], SingleLine)
	}
	co.Notes = NormalizeText(co.Notes, MultiLine)
}

// Normalize puts every text field of the theme in its stored form.
func (t *Theme) Normalize() {
	normText(&t.Title, SingleLine)
	normText(&t.Description, MultiLine)
}

// Normalize puts every text field of the event settings in its stored form.
func (e *Event) Normalize() {
	normText(&e.Name, SingleLine)
	normText(&e.Venue, SingleLine)
}

// Normalize puts the interest's note in its stored form.
func (i *Interest) Normalize() { i.Note = NormalizeText(i.Note, MultiLine) }

// CSV cells. Every CSV PitchMatch writes passes each cell through CSVCell,
// and every CSV it reads through CSVUncell, so a name such as
// "=HYPERLINK(…)" or "+cmd|…" is never taken for a formula by a spreadsheet
// (OWASP's CSV-injection rule: a leading = + - @ tab or CR gets an
// apostrophe) and still round-trips.

// csvFormulaStart reports whether a cell starting with b is a formula to a
// spreadsheet.
func csvFormulaStart(b byte) bool {
	return b == '=' || b == '+' || b == '-' || b == '@' || b == '\t' || b == '\r'
}

// CSVCell neutralises a CSV cell: an apostrophe goes before a value
// starting with = + - @ tab or CR, and before a value that already starts
// with an apostrophe followed by one of those or another apostrophe, so that
// CSVUncell inverts it exactly.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	if csvFormulaStart(s[0]) || s[0] == '\'' && len(s) > 1 && (csvFormulaStart(s[1]) || s[1] == '\'') {
		return "'" + s
	}
	return s
}

// CSVUncell undoes CSVCell.
func CSVUncell(s string) string {
	if len(s) > 1 && s[0] == '\'' && (csvFormulaStart(s[1]) || s[1] == '\'') {
		return s[1:]
	}
	return s
}

// CSVSafe reports whether a written cell is neutral: it does not start with
// a formula character. Tests of every CSV writer check each cell with it.
func CSVSafe(cell string) bool { return cell == "" || !csvFormulaStart(cell[0]) }
