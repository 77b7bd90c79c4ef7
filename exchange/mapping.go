package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"pitchmatch/event"
)

// Mapping says how a file's columns and values feed a kind of record: the
// import pipeline's editable, savable middle step (file → Mapping → Plan →
// commit). Headers are keyed by fold(header as written), or "#n" for the
// n-th (1-based) column when its header is empty.
type Mapping struct {
	Kind Kind `json:"kind"`
	// HeaderRow is the 1-based spreadsheet row of the header; rows above it
	// (a title, a note) are ignored. 0 means "detect".
	HeaderRow int `json:"header_row,omitempty"`
	// Columns maps a header to a target column of the kind (see Targets);
	// "" ignores the column. Headers absent from the map are ignored too.
	Columns map[string]string `json:"columns"`
	// Values maps, per target column, a value as written (folded) to the
	// code it stands for; "" drops the value from a list.
	Values map[string]map[string]string `json:"values,omitempty"`
}

// Ignore is the target that ignores a column.
const Ignore = ""

// versionColumn carries a record's stored version in exports, so that an
// import of an older export can tell which records changed since.
const versionColumn = "version"

// Targets lists the columns a file of kind can be mapped to, with their
// labels, in export order.
func Targets(kind Kind) []Target {
	var out []Target
	for _, c := range columnsOf(kind) {
		out = append(out, Target{Column: c.name, Label: c.label()})
	}
	if kind.entity() != "" {
		out = append(out, Target{Column: versionColumn, Label: event.T("バージョン", "Version")})
	}
	return out
}

// Target is a column a file column can be mapped to.
type Target struct {
	Column string
	Label  event.Text
}

func (c *column) label() event.Text {
	if c.field != nil {
		return c.field.ColumnLabel(c.name)
	}
	if len(c.aliases) > 0 {
		return event.T(c.aliases[0], c.name)
	}
	return event.T(c.name, c.name)
}

// HeaderKey is the key Mapping.Columns uses for the i-th (0-based) header
// cell h.
func HeaderKey(i int, h string) string { return headerKey(i, h) }

// headerKey is the mapping key of the i-th (0-based) header cell h.
func headerKey(i int, h string) string {
	if k := fold(h); k != "" {
		return k
	}
	return fmt.Sprintf("#%d", i+1)
}

// Shape identifies files of the same shape (the same kind and header
// cells), under which a Mapping is saved for the next file.
func Shape(kind Kind, header []string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for i, c := range header {
		h.Write([]byte{0})
		h.Write([]byte(headerKey(i, c)))
	}
	return "import.mapping." + string(kind) + "." + hex.EncodeToString(h.Sum(nil))[:16]
}

// ParseMapping reads a mapping saved with Mapping.Marshal.
func ParseMapping(data string) (*Mapping, error) {
	var m Mapping
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		return nil, fmt.Errorf("saved column mapping: %w", err)
	}
	if m.Columns == nil {
		m.Columns = map[string]string{}
	}
	return &m, nil
}

// Marshal is the mapping as JSON, for saving per event.
func (m *Mapping) Marshal() string {
	data, _ := json.Marshal(m)
	return string(data)
}

// SetColumn maps the file column headed header to target (Ignore to drop).
func (m *Mapping) SetColumn(header, target string) {
	if m.Columns == nil {
		m.Columns = map[string]string{}
	}
	m.Columns[fold(header)] = target
}

// SetValue maps value in target column to code ("" drops it).
func (m *Mapping) SetValue(target, value, code string) {
	if m.Values == nil {
		m.Values = map[string]map[string]string{}
	}
	if m.Values[target] == nil {
		m.Values[target] = map[string]string{}
	}
	m.Values[target][fold(value)] = code
}

// aliasIndex maps folded headers to the target column of kind.
func aliasIndex(kind Kind) map[string]string {
	out := map[string]string{}
	for _, c := range columnsOf(kind) {
		out[fold(c.name)] = c.name
		for _, a := range c.aliases {
			if k := fold(a); k != "" {
				if _, taken := out[k]; !taken {
					out[k] = c.name
				}
			}
		}
	}
	if kind.entity() != "" {
		out[versionColumn] = versionColumn
		out[fold("バージョン")] = versionColumn
	}
	return out
}

// headerScore counts the cells of row that name a column of kind, exactly
// or as part of a longer header.
func headerScore(kind Kind, aliases map[string]string, cells []string) int {
	n := 0
	for _, c := range cells {
		if _, _, ok := matchHeader(aliases, c); ok {
			n++
		}
	}
	return n
}

// matchHeader finds the target a header names: exactly (after fold), or as
// the longest alias of at least two characters contained in it (a Google
// Forms question 「対象領域を選んでください（複数可）」 contains 対象領域).
func matchHeader(aliases map[string]string, h string) (target string, exact, ok bool) {
	k := fold(h)
	if k == "" {
		return "", false, false
	}
	if t, found := aliases[k]; found {
		return t, true, true
	}
	best, bestLen := "", 0
	for a, t := range aliases {
		n := utf8.RuneCountInString(a)
		if n < 2 || n <= bestLen || (isASCII(a) && n < 4) {
			continue
		}
		if strings.Contains(k, a) {
			best, bestLen = t, n
		}
	}
	return best, false, best != ""
}

// DetectHeader returns the index in t.Rows of the header row: among the
// first ten rows, the one naming the most columns of kind (a title row
// above the header names none); with no such row, the first row with at
// least two non-empty cells.
func DetectHeader(kind Kind, t *Table) int {
	if t.Format == "JSON" {
		return 0 // the keys, made into a header by ReadJSONTable
	}
	aliases := aliasIndex(kind)
	best, bestScore := -1, 0
	for i := 0; i < len(t.Rows) && i < 10; i++ {
		if s := headerScore(kind, aliases, t.Rows[i].Cells); s > bestScore {
			best, bestScore = i, s
		}
	}
	if best >= 0 {
		return best
	}
	for i, r := range t.Rows {
		n := 0
		for _, c := range r.Cells {
			if strings.TrimSpace(c) != "" {
				n++
			}
		}
		if n >= 2 {
			return i
		}
	}
	return 0
}

// SuggestMapping proposes a mapping of t's columns to kind: saved (a
// mapping saved for this shape, used as it is where it names a header),
// then header aliases (exact beats contained), then the data (a column
// whose values are mostly labels of one vocabulary, e-mail addresses or web
// addresses). Each target gets at most one column; the rest are ignored.
func SuggestMapping(kind Kind, t *Table, saved *Mapping) *Mapping {
	m := &Mapping{Kind: kind, Columns: map[string]string{}}
	if len(t.Rows) == 0 {
		return m
	}
	hi := DetectHeader(kind, t)
	if saved != nil && saved.HeaderRow > 0 {
		for i, r := range t.Rows {
			if r.Row == saved.HeaderRow {
				hi = i
			}
		}
	}
	m.HeaderRow = t.Rows[hi].Row
	header := t.Rows[hi].Cells
	data := t.Rows[hi+1:]
	used := map[string]bool{}
	assigned := make([]bool, len(header))
	if saved != nil {
		for target, vals := range saved.Values {
			for v, code := range vals {
				m.SetValue(target, v, code)
				m.Values[target][v] = code
			}
		}
		for i, h := range header {
			if target, ok := saved.Columns[headerKey(i, h)]; ok {
				m.Columns[headerKey(i, h)] = target
				assigned[i] = true
				if target != Ignore {
					used[target] = true
				}
			}
		}
	}
	aliases := aliasIndex(kind)
	for pass := 0; pass < 2; pass++ {
		for i, h := range header {
			if assigned[i] {
				continue
			}
			target, exact, ok := matchHeader(aliases, h)
			if !ok || used[target] || (pass == 0) != exact {
				continue
			}
			m.Columns[headerKey(i, h)] = target
			used[target], assigned[i] = true, true
		}
	}
	cols := columnsOf(kind)
	for i, h := range header {
		if assigned[i] {
			continue
		}
		if target := guessFromData(cols, used, data, i); target != "" {
			m.Columns[headerKey(i, h)] = target
			used[target], assigned[i] = true, true
		}
	}
	return m
}

// guessFromData names the unused column whose values fit column i's data.
func guessFromData(cols []column, used map[string]bool, rows []TableRow, i int) string {
	var sample []string
	for _, r := range rows {
		if i < len(r.Cells) && strings.TrimSpace(r.Cells[i]) != "" {
			sample = append(sample, r.Cells[i])
			if len(sample) == 50 {
				break
			}
		}
	}
	if len(sample) == 0 {
		return ""
	}
	lk := newLookups()
	best, bestFit := "", 0.6
	for _, c := range cols {
		if used[c.name] || c.field == nil {
			continue
		}
		fit := 0
		for _, v := range sample {
			switch c.field.Type {
			case event.TypeCode, event.TypeCodes:
				items := splitList(v, codeSeparators)
				ok := len(items) > 0
				for _, it := range items {
					if !c.field.Vocab.Has(lk.of(c.field.Vocab).code(it)) {
						ok = false
					}
				}
				if ok {
					fit++
				}
			case event.TypeEmail:
				if event.ValidEmail(strings.TrimSpace(v)) {
					fit++
				}
			case event.TypeURL:
				if s := strings.TrimSpace(v); strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
					fit++
				}
			}
		}
		if f := float64(fit) / float64(len(sample)); f > bestFit {
			best, bestFit = c.name, f
		}
	}
	return best
}

// Describe lists the mapping for people: one line per file column, "header
// → target label" or "header: ignored".
func (m *Mapping) Describe(t *Table, lang event.Lang) []string {
	header := m.header(t)
	labels := map[string]event.Text{}
	for _, tg := range Targets(m.Kind) {
		labels[tg.Column] = tg.Label
	}
	var out []string
	for i, h := range header {
		target := m.Columns[headerKey(i, h)]
		shown := strings.TrimSpace(h)
		if shown == "" {
			shown = fmt.Sprintf("#%d", i+1)
		}
		if target == Ignore {
			if lang == event.Ja {
				out = append(out, fmt.Sprintf("%s → （取り込まない）", shown))
			} else {
				out = append(out, fmt.Sprintf("%s → (ignored)", shown))
			}
			continue
		}
		out = append(out, fmt.Sprintf("%s → %s [%s]", shown, labels[target].In(lang), target))
	}
	return out
}

// header returns the header cells of t under m.
func (m *Mapping) header(t *Table) []string {
	for _, r := range t.Rows {
		if r.Row == m.HeaderRow {
			return r.Cells
		}
	}
	if len(t.Rows) > 0 {
		return t.Rows[0].Cells
	}
	return nil
}

// ParseValueRule reads a value-map rule "COLUMN:VALUE=CODE" as the CLI's
// --value and the desktop dialog take it; CODE "-" (or empty) drops the
// value. VALUE may itself contain ':' and '=' before the last '='.
func ParseValueRule(s string) (column, value, code string, err error) {
	i := strings.LastIndex(s, "=")
	if i < 0 {
		return "", "", "", fmt.Errorf("%q: want COLUMN:VALUE=CODE", s)
	}
	column, value, ok := strings.Cut(s[:i], ":")
	if !ok || strings.TrimSpace(column) == "" {
		return "", "", "", fmt.Errorf("%q: want COLUMN:VALUE=CODE", s)
	}
	code = strings.TrimSpace(s[i+1:])
	if code == "-" {
		code = ""
	}
	return strings.TrimSpace(column), value, code, nil
}

// KeepUnmappedAsNotes maps every column of t that m ignores (and that has
// a header) to the notes field, when the kind has one: the columns are
// then kept on each record as "header: value" lines instead of dropped. It
// returns how many columns it mapped.
func (m *Mapping) KeepUnmappedAsNotes(t *Table) int {
	if event.FieldByName(m.Kind.entity(), event.NotesField) == nil {
		return 0
	}
	n := 0
	for i, h := range m.header(t) {
		if strings.TrimSpace(h) == "" {
			continue
		}
		if k := headerKey(i, h); m.Columns[k] == Ignore {
			m.Columns[k] = event.NotesField
			n++
		}
	}
	return n
}
