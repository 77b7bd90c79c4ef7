package app

import (
	"fmt"
	"strconv"
	"strings"

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
