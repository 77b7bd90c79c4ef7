package exchange

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"pitchmatch/event"
)

// rowCtx reads the cells of one CSV data row by canonical column name.
type rowCtx struct {
	cr    *csvReader
	cells []string
	row   int
}

func (rc *rowCtx) problem(c string, reason event.Text) {
	rc.cr.ps.add(rc.row, rc.cr.colName(c), c, reason)
}

// raw is the cell of column c as read; "" for a short row.
func (rc *rowCtx) raw(c string) string {
	i, ok := rc.cr.idx[c]
	if !ok || i >= len(rc.cells) {
		return ""
	}
	return rc.cells[i]
}

// str is a text cell: trimmed, without the apostrophe WriteCSV puts before
// a value Excel would take for a formula.
func (rc *rowCtx) str(c string) string { return unescapeCell(strings.TrimSpace(rc.raw(c))) }

// id is an ID cell; full-width letters and digits become half-width.
func (rc *rowCtx) id(c string) string {
	s := rc.str(c)
	if !isASCII(s) {
		s = strings.TrimSpace(norm.NFKC.String(s))
	}
	return s
}

// code reads a single-code column, accepting the code or a label.
func (rc *rowCtx) code(c string, v *event.Vocabulary) event.Code {
	s := rc.str(c)
	if s == "" {
		return ""
	}
	return rc.cr.lk.of(v).code(s)
}

// codes reads a list-of-codes column.
func (rc *rowCtx) codes(c string, v *event.Vocabulary) []event.Code {
	items := splitList(rc.raw(c), codeSeparators)
	if len(items) == 0 {
		return nil
	}
	ix := rc.cr.lk.of(v)
	out := make([]event.Code, len(items))
	for i, s := range items {
		out[i] = ix.code(s)
	}
	return out
}

// names reads a list of names (scouts); commas are not separators there
// because names such as "Yamada, Taro" contain them.
func (rc *rowCtx) names(c string) []string {
	return splitList(rc.str(c), nameSeparators)
}

// num reads a whole number (event.ParseWhole); empty is 0.
func (rc *rowCtx) num(c string) int {
	s := strings.TrimSpace(rc.raw(c))
	if s == "" {
		return 0
	}
	n, err := event.ParseWhole(s)
	if err != nil {
		rc.problem(c, numberReason(err))
	}
	return n
}

// year reads a year (event.ParseYear): 2018, 平成30年, 2018/04/01 …
func (rc *rowCtx) year(c string) int {
	s := strings.TrimSpace(rc.raw(c))
	if s == "" {
		return 0
	}
	n, err := event.ParseYear(s)
	if err != nil {
		rc.problem(c, numberReason(err))
	}
	return n
}

// numberReason is the reason of a number-parsing error.
func numberReason(err error) event.Text {
	var ne *event.NumberError
	if errors.As(err, &ne) {
		return ne.Message()
	}
	return event.Text{Ja: err.Error(), En: err.Error()}
}

// field reads column c into its schema field of rec.
func (rc *rowCtx) field(c *column, rec any) {
	f := c.field
	switch {
	case f.Type.Bilingual():
		t := f.Text(rec)
		if strings.HasSuffix(c.name, "_en") {
			t.En = rc.str(c.name)
		} else {
			t.Ja = rc.str(c.name)
		}
	case f.Type == event.TypeYear:
		*f.Int(rec) = rc.year(c.name)
	case f.Type == event.TypeInt:
		*f.Int(rec) = rc.num(c.name)
	case f.Type == event.TypeCode:
		*f.String(rec) = rc.code(c.name, f.Vocab)
	case f.Type == event.TypeCodes:
		*f.List(rec) = rc.codes(c.name, f.Vocab)
	case f.Type == event.TypeNames:
		*f.List(rec) = rc.names(c.name)
	case f.Type == event.TypeID:
		*f.String(rec) = rc.id(c.name)
	default:
		*f.String(rec) = rc.str(c.name)
	}
}

// slots reads a list of 0-based slot indexes; "3-5" stands for 3;4;5.
// The result is sorted; validation reports duplicates and indexes out of
// range.
func (rc *rowCtx) slots(c string, numSlots int) []int {
	var out []int
	for _, item := range splitList(rc.raw(c), codeSeparators) {
		f := item
		if !isASCII(f) {
			f = norm.NFKC.String(f)
		}
		f = strings.NewReplacer("〜", "-", "~", "-").Replace(f)
		if i := strings.IndexByte(f, '-'); i > 0 {
			lo, ok1 := parseInt(f[:i])
			hi, ok2 := parseInt(f[i+1:])
			switch {
			case !ok1 || !ok2:
				rc.problem(c, notSlot(item))
			case lo < 0 || hi >= numSlots || lo > hi:
				rc.problem(c, event.Text{
					Ja: fmt.Sprintf("範囲「%s」は0から%dの間で、小さい方から書いてください", item, numSlots-1),
					En: fmt.Sprintf("range %q must lie between 0 and %d, low end first", item, numSlots-1),
				})
			default:
				for s := lo; s <= hi; s++ {
					out = append(out, s)
				}
			}
			continue
		}
		n, ok := parseInt(f)
		if !ok {
			rc.problem(c, notSlot(item))
			continue
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func notSlot(s string) event.Text {
	return event.Text{
		Ja: fmt.Sprintf("「%s」は枠番号（0から始まる整数）ではありません", s),
		En: fmt.Sprintf("%q is not a slot number (a whole number counting from 0)", s),
	}
}

// parseInt parses a whole number written by a person (event.ParseWhole).
func parseInt(s string) (int, bool) {
	n, err := event.ParseWhole(s)
	return n, err == nil
}

// List separators accepted in list cells: ';' (what WriteCSV writes),
// full-width '；', ',' and '，', the Japanese '、', and line breaks inside
// a cell. Names (scouts) are not split at commas.
const (
	codeSeparators = ";；,，、\n"
	nameSeparators = ";；、\n"
)

// splitList splits s at any of seps and returns the trimmed, non-empty items.
func splitList(s, seps string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// escapeCell and unescapeCell are event's one CSV-injection rule (OWASP: an
// apostrophe before a cell starting with = + - @ tab or CR), which every CSV
// writer uses, so export and import round-trip.
func escapeCell(s string) string { return event.CSVCell(s) }

func unescapeCell(s string) string { return event.CSVUncell(s) }
