package exchange

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
)

// TableColumns is the header WriteTable writes for kind: the import
// columns, and for startups, companies and themes the version column, so
// that importing an older export can tell which records changed since.
func TableColumns(kind Kind) []string {
	cols := Columns(kind)
	if kind.entity() != "" {
		cols = append(cols, versionColumn)
	}
	return cols
}

// TableRows returns the rows of kind from st in the shape BuildPlan reads
// back: codes, lists joined with ';', slot numbers for availability.
func TableRows(kind Kind, st *Stored) ([][]string, error) {
	var out [][]string
	withVersion := func(cells []string, v int64) []string { return append(cells, strconv.FormatInt(v, 10)) }
	switch kind {
	case KindStartups:
		fs := event.StartupFields()
		for _, s := range st.Startups {
			out = append(out, withVersion(schemaCells(fs, s), s.Version))
		}
	case KindCompanies:
		fs := event.CompanyFields()
		for _, c := range st.Companies {
			out = append(out, withVersion(schemaCells(fs, c), c.Version))
		}
	case KindThemes:
		fs := event.ThemeFields()
		for _, t := range st.Themes {
			out = append(out, withVersion(schemaCells(fs, t), t.Version))
		}
	case KindAvailability:
		for _, a := range st.Availability {
			slots := make([]string, len(a.Unavailable))
			for i, s := range a.Unavailable {
				slots[i] = strconv.Itoa(s)
			}
			out = append(out, cells(string(a.Kind), a.ID, strings.Join(slots, ";")))
		}
	case KindInterests:
		for _, in := range st.Interests {
			out = append(out, cells(string(in.Kind), in.StartupID, in.CompanyID, in.ThemeID, string(in.By), in.Note))
		}
	case KindSettings:
		if st.Event != nil {
			out = append(out, schemaCells(event.EventFields(), st.Event))
		}
	case KindFigures:
		if st.Event != nil {
			for _, y := range st.Event.PastFigures {
				out = append(out, []string{strconv.Itoa(y.Year), num(y.Exhibitors), num(y.Meetings), num(y.Deals)})
			}
		}
	default:
		return nil, unknownKind(kind)
	}
	return out, nil
}

// WriteTable writes kind from st as CSV (UTF-8 with a byte-order mark, CRLF)
// or, with xlsx, as a one-sheet workbook; either imports back unchanged.
func WriteTable(ctx context.Context, w io.Writer, kind Kind, st *Stored, xlsx bool) error {
	rows, err := TableRows(kind, st)
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	header := TableColumns(kind)
	if xlsx {
		return writeTableXLSX(ctx, w, kind, header, rows)
	}
	if _, err := w.Write(bomUTF8); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	for i, r := range rows {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := cw.Write(r); err != nil {
			return fmt.Errorf("export %s row %d: %w", kind, i+2, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	return nil
}

func writeTableXLSX(ctx context.Context, w io.Writer, kind Kind, header []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := string(kind)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	row := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, vals)
	}
	if err := row(1, header); err != nil {
		return err
	}
	for i, r := range rows {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := row(i+2, r); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export %s xlsx: %w", kind, err)
	}
	return nil
}
