package docs

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"pitchmatch/event"
)

// Column is one column of a tabular export: its header label and a width
// in characters for spreadsheets.
type Column struct {
	Key   string
	Width float64
}

// ScheduleColumns are the columns of the schedule table (CSV and Excel).
func ScheduleColumns() []Column {
	return []Column{
		{"date", 12}, {"start", 7}, {"end", 7}, {"table", 8},
		{"startup_id", 12}, {"startup", 30}, {"startup_en", 30},
		{"company_id", 10}, {"company", 26}, {"company_en", 26},
		{"theme_id", 10}, {"theme", 36}, {"theme_en", 36},
		{"status", 10}, {"outcome", 12}, {"uid", 30}, {"sequence", 8},
	}
}

// ColumnHeader is the header text of a column key, "日本語 / English";
// keys ending in "_en" are the English-name companions of a Japanese column.
func ColumnHeader(key string) string {
	switch key {
	case "startup_en":
		return "スタートアップ名（英） / Startup (English)"
	case "company_en":
		return "企業名（英） / Company (English)"
	case "theme_en":
		return "テーマ（英） / Theme (English)"
	}
	return Header(key)
}

// ScheduleRecord returns a meeting's row for the schedule table, matching
// ScheduleColumns: strings, except the 1-based table and the sequence,
// which are ints.
func (ix *Index) ScheduleRecord(m *event.Meeting) ([]any, error) {
	s, err := ix.MeetingSlot(m)
	if err != nil {
		return nil, err
	}
	sn, cn, tt := ix.StartupName(m.StartupID), ix.CompanyName(m.CompanyID), ix.ThemeTitle(m.ThemeID)
	return []any{
		s.Start.Format("2006-01-02"), s.Start.Format("15:04"), s.End.Format("15:04"), m.Table + 1,
		m.StartupID, sn.In(event.Ja), sn.In(event.En),
		m.CompanyID, cn.In(event.Ja), cn.In(event.En),
		m.ThemeID, tt.In(event.Ja), tt.In(event.En),
		StatusLabel(m.Status).Ja, OutcomeLabel(m.Outcome).Ja, m.UID, m.Sequence,
	}, nil
}

// UTF8BOM starts every CSV PitchMatch writes, so Excel reads it as UTF-8.
const UTF8BOM = "\uFEFF"

// WriteScheduleCSV writes the meetings of d (cancelled ones too, with
// their status) as CSV: UTF-8 with a byte-order mark, CRLF line ends, a
// header row "日本語 / English", rows in time order. For a participant's
// scope, filter d first (Data.Filter).
func WriteScheduleCSV(ctx context.Context, w io.Writer, d *Data, progress Progress) error {
	ix, err := NewIndex(d)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(UTF8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cols := ScheduleColumns()
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = event.CSVCell(ColumnHeader(c.Key))
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	total, done := len(d.Meetings), 0
	err = ix.Meetings(func(m *event.Meeting) error {
		if done%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			progress.Report("schedule.csv", done, total)
		}
		row, err := ix.ScheduleRecord(m)
		if err != nil {
			return err
		}
		for i, v := range row {
			rec[i] = event.CSVCell(cellString(v))
		}
		done++
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	progress.Report("schedule.csv", total, total)
	return bw.Flush()
}

func cellString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
