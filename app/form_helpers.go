package app

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// parser collects number-format problems while reading form entries, as
// field errors in the same shape event validation uses.
type parser struct {
	lang event.Lang
	errs []event.FieldError
}

func (p *parser) int(field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := event.ParseWhole(s)
	if err != nil {
		p.errs = append(p.errs, event.FieldError{Field: field, Code: event.FieldFormat, Message: messages["event.bad_number"]})
	}
	return n
}

// decimal reads an optional decimal such as 0.05 or ０．１ (event.ParseDecimal);
// empty is nil (not set).
func (p *parser) decimal(field, s string) *float64 {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	v, err := event.ParseDecimal(s)
	if err != nil {
		var ne *event.NumberError
		msg := event.T("数値を入力してください（例: 0.05）", "enter a number (e.g. 0.05)")
		if errors.As(err, &ne) {
			msg = ne.Message()
		}
		p.errs = append(p.errs, event.FieldError{Field: field, Code: event.FieldFormat, Message: msg})
		return nil
	}
	return &v
}

// year reads a year such as 2019, ２０１９ or 平成30年 (event.ParseYear).
func (p *parser) year(field, s string) int {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	n, err := event.ParseYear(s)
	if err != nil {
		p.errs = append(p.errs, event.FieldError{Field: field, Code: event.FieldFormat, Message: messages["event.bad_number"]})
	}
	return n
}

func (p *parser) float(field, s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		p.errs = append(p.errs, event.FieldError{Field: field, Code: event.FieldFormat, Message: messages["event.bad_number"]})
	}
	return n
}

// merge combines the parse problems with a validation error (may be nil).
func (p *parser) merge(entity string, verr error) error {
	if len(p.errs) == 0 {
		return verr
	}
	out := &event.ValidationError{Entity: entity, Errors: append([]event.FieldError(nil), p.errs...)}
	if ve, ok := verr.(*event.ValidationError); ok {
		out.ID = ve.ID
		out.Errors = append(out.Errors, ve.Errors...)
	}
	return out
}

// ParseBreaks reads "3:15, 6:60" (after slot:minutes).
func ParseBreaks(s string) ([]event.Break, error) {
	var out []event.Break
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == ' ' }) {
		a, b, ok := strings.Cut(part, ":")
		if !ok {
			return nil, fmt.Errorf("break %q: want after:minutes", part)
		}
		after, err1 := strconv.Atoi(strings.TrimSpace(a))
		mins, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("break %q: want numbers", part)
		}
		out = append(out, event.Break{AfterSlot: after, Minutes: mins})
	}
	return out, nil
}

// ParseBreakRanges reads a day's breaks as time ranges, "12:00-13:00,
// 15:00–15:15" (also 〜 or ~, full-width digits), for a day starting at
// start with slots of slotMinutes. A break must begin where a slot ends. The
// older "after slot:minutes" form ("4:60") is still accepted.
func ParseBreakRanges(s, start string, slotMinutes int) ([]event.Break, error) {
	s = event.FoldWidth(s)
	if !strings.ContainsAny(s, "-–〜~") {
		return ParseBreaks(s)
	}
	day, err := time.Parse("15:04", strings.TrimSpace(start))
	if err != nil {
		return nil, fmt.Errorf("day start %q: want HH:MM", start)
	}
	if slotMinutes <= 0 {
		slotMinutes = 30
	}
	type rng struct{ from, to time.Time }
	trs, err := event.ParseTimeRanges(s)
	if err != nil {
		return nil, err
	}
	var rs []rng
	for _, tr := range trs {
		from, err1 := time.Parse("15:04", tr.Start)
		to, err2 := time.Parse("15:04", tr.End)
		if err1 != nil || err2 != nil || !to.After(from) {
			return nil, fmt.Errorf("break %s-%s: want HH:MM-HH:MM", tr.Start, tr.End)
		}
		rs = append(rs, rng{from, to})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].from.Before(rs[j].from) })
	var out []event.Break
	t := day
	k := 0
	for _, r := range rs {
		for !t.Equal(r.from) {
			if t.After(r.from) || k > 24*60 {
				return nil, fmt.Errorf("break %s: starts inside a slot (slots end at %s, …)", r.from.Format("15:04"), day.Add(time.Duration(slotMinutes)*time.Minute).Format("15:04"))
			}
			t = t.Add(time.Duration(slotMinutes) * time.Minute)
			k++
		}
		mins := int(r.to.Sub(r.from) / time.Minute)
		out = append(out, event.Break{AfterSlot: k, Minutes: mins})
		t = r.to
	}
	return out, nil
}

// FormatBreakRanges shows a day's breaks as time ranges ("12:00–13:00").
func FormatBreakRanges(d event.Day, slotMinutes int) string {
	day, err := time.Parse("15:04", d.Start)
	if err != nil {
		return FormatBreaks(d.Breaks)
	}
	if slotMinutes <= 0 {
		slotMinutes = 30
	}
	var parts []string
	t := day
	for k := 1; k <= d.Slots; k++ {
		t = t.Add(time.Duration(slotMinutes) * time.Minute)
		for _, b := range d.Breaks {
			if b.AfterSlot == k {
				end := t.Add(time.Duration(b.Minutes) * time.Minute)
				parts = append(parts, t.Format("15:04")+"–"+end.Format("15:04"))
				t = end
			}
		}
	}
	return strings.Join(parts, ", ")
}

// FormatBreaks is the inverse of ParseBreaks.
func FormatBreaks(bs []event.Break) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = fmt.Sprintf("%d:%d", b.AfterSlot, b.Minutes)
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }

func entryWith(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	return e
}

func multiEntryWith(text string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetText(text)
	return e
}

// codeSelect is a Select over a vocabulary with an empty choice first. Put
// its sel field, not the codeSelect, into containers.
type codeSelect struct {
	sel   *widget.Select
	vocab *event.Vocabulary
	lang  event.Lang
	none  string
}

func newCodeSelect(v *event.Vocabulary, lang event.Lang, value event.Code, none string) *codeSelect {
	opts := []string{none}
	for _, t := range v.Terms {
		opts = append(opts, t.Label.In(lang))
	}
	cs := &codeSelect{sel: widget.NewSelect(opts, nil), vocab: v, lang: lang, none: none}
	cs.set(value)
	return cs
}

func (c *codeSelect) set(code event.Code) {
	if code == "" {
		c.sel.SetSelectedIndex(0)
		return
	}
	if c.vocab.Has(code) {
		c.sel.SetSelectedIndex(c.vocab.Rank(code) + 1)
		return
	}
	c.sel.Selected = code // unknown code: keep it so validation can name it
	c.sel.Refresh()
}

func (c *codeSelect) code() event.Code {
	i := c.sel.SelectedIndex()
	if i <= 0 {
		if c.sel.Selected != "" && c.sel.Selected != c.none {
			return c.sel.Selected
		}
		return ""
	}
	return c.vocab.Terms[i-1].Code
}

// codeChecks is a grid of check boxes over a vocabulary. Put its box
// field into containers.
type codeChecks struct {
	box    *fyne.Container
	vocab  *event.Vocabulary
	checks []*widget.Check
}

func newCodeChecks(v *event.Vocabulary, lang event.Lang, values []event.Code, cols int) *codeChecks {
	cc := &codeChecks{vocab: v}
	objs := make([]fyne.CanvasObject, len(v.Terms))
	for i, t := range v.Terms {
		c := widget.NewCheck(t.Label.In(lang), nil)
		cc.checks = append(cc.checks, c)
		objs[i] = c
	}
	cc.box = container.NewGridWithColumns(cols, objs...)
	cc.set(values)
	return cc
}

func (c *codeChecks) set(codes []event.Code) {
	for i, t := range c.vocab.Terms {
		c.checks[i].SetChecked(hasCode(codes, t.Code))
	}
}

func (c *codeChecks) codes() []event.Code {
	var out []event.Code
	for i, t := range c.vocab.Terms {
		if c.checks[i].Checked {
			out = append(out, t.Code)
		}
	}
	return out
}
