package exchange

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"pitchmatch/event"
)

// WriteCSV writes the records of kind in b as CSV: UTF-8 with a byte-order
// mark (so Excel opens it as UTF-8), the canonical header row, CRLF line
// ends, codes rather than labels, lists joined with ';', and an apostrophe
// before values a spreadsheet would take for formulas. ReadCSV reads the
// result back to the same records (Version and UpdatedAt are not written).
func WriteCSV(ctx context.Context, w io.Writer, kind Kind, b *event.Batch) error {
	cols := Columns(kind)
	if cols == nil {
		return fmt.Errorf("write csv: %w", unknownKind(kind))
	}
	if b == nil {
		b = &event.Batch{}
	}
	if _, err := w.Write(bomUTF8); err != nil {
		return fmt.Errorf("write %s csv: %w", kind, err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(cols); err != nil {
		return fmt.Errorf("write %s csv: %w", kind, err)
	}
	rows := csvRows(kind, b)
	for i, row := range rows {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := cw.Write(row()); err != nil {
			return fmt.Errorf("write %s csv row %d: %w", kind, i+2, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s csv: %w", kind, err)
	}
	return nil
}

// csvRows returns one cell-producing function per record of kind, in the
// order of Columns(kind).
func csvRows(kind Kind, b *event.Batch) []func() []string {
	var out []func() []string
	switch kind {
	case KindStartups:
		fs := event.StartupFields()
		for _, s := range b.Startups {
			out = append(out, func() []string { return schemaCells(fs, s) })
		}
	case KindCompanies:
		fs := event.CompanyFields()
		for _, c := range b.Companies {
			out = append(out, func() []string { return schemaCells(fs, c) })
		}
	case KindThemes:
		fs := event.ThemeFields()
		for _, t := range b.Themes {
			out = append(out, func() []string { return schemaCells(fs, t) })
		}
	case KindAvailability:
		for _, a := range b.Availability {
			out = append(out, func() []string {
				slots := make([]string, len(a.Unavailable))
				for i, s := range a.Unavailable {
					slots[i] = strconv.Itoa(s)
				}
				return cells(string(a.Kind), a.ID, strings.Join(slots, ";"))
			})
		}
	}
	return out
}

// schemaCells is the row of rec: every schema field's cells in order.
func schemaCells(fs []event.Field, rec any) []string {
	out := make([]string, 0, len(fs)+8)
	for i := range fs {
		out = append(out, fs[i].Cells(rec)...)
	}
	return cells(out...)
}

func cells(vs ...string) []string {
	for i, v := range vs {
		vs[i] = escapeCell(v)
	}
	return vs
}

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// WriteJSON writes the records of kind in b as an indented JSON array of
// the event types as they marshal, which ReadJSON reads back unchanged.
func WriteJSON(ctx context.Context, w io.Writer, kind Kind, b *event.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b == nil {
		b = &event.Batch{}
	}
	var v any
	switch kind {
	case KindStartups:
		v = nonNil(b.Startups)
	case KindCompanies:
		v = nonNil(b.Companies)
	case KindThemes:
		v = nonNil(b.Themes)
	case KindAvailability:
		v = nonNil(b.Availability)
	default:
		return fmt.Errorf("write json: %w", unknownKind(kind))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s json: %w", kind, err)
	}
	return nil
}

// nonNil makes an empty list marshal as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
