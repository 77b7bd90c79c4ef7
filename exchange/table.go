package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
)

// Table is a spreadsheet as read from a file, before any column is
// understood: every non-blank row with its 1-based spreadsheet row number
// and its cells as text. The import pipeline (Map, Plan) works on it, so
// CSV, TSV and .xlsx files go the same way.
type Table struct {
	File     string   // base name, for messages
	Format   string   // "CSV", "TSV" or "XLSX"
	Encoding string   // for CSV and TSV: UTF-8, Shift_JIS or UTF-16
	Sheet    string   // for XLSX: the sheet read
	Sheets   []string // for XLSX: every sheet of the workbook, in order
	Rows     []TableRow
	// Ragged is true for CSV and TSV, whose rows carry their own cell
	// count: a row with fewer or more cells than the header is an error.
	// An .xlsx row has no such count (trailing empty cells are not
	// stored).
	Ragged bool
	// Problems are what is wrong with the file as a whole or with a row
	// regardless of columns (a stray byte-order mark, bad encoding).
	Problems []Problem
}

// TableRow is one row of a Table.
type TableRow struct {
	Row   int // 1-based spreadsheet row (for JSON: the record's first line)
	Cells []string
	// Absent marks the cells the row does not have at all (a key a JSON
	// record leaves out), as opposed to empty ones: the record keeps its
	// stored value for them. Nil when every cell is present.
	Absent []bool
}

// absent reports whether cell i is absent from the row.
func (r *TableRow) absent(i int) bool { return i < len(r.Absent) && r.Absent[i] }

// TableOptions choose what to read.
type TableOptions struct {
	// Sheet is the .xlsx sheet to read; empty means the first.
	Sheet string
	// Kind is what a JSON file holds (ReadJSONTable); spreadsheets do not
	// need it.
	Kind Kind
}

// ReadTableFile reads a .csv, .tsv, .txt, .xlsx or .json file into a Table
// (a JSON file of opt.Kind: see ReadJSONTable).
func ReadTableFile(ctx context.Context, path string, opt TableOptions) (*Table, error) {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json":
	default:
		return nil, &event.Error{Code: event.EInvalid, Message: event.Text{
			Ja: fmt.Sprintf("%s: 取り込めるのは .csv・.tsv・.txt・.xlsx・.json のファイルです", name),
			En: fmt.Sprintf("%s: only .csv, .tsv, .txt, .xlsx and .json files can be imported", name),
		}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxFileSize {
		return nil, tooLarge(name)
	}
	switch ext {
	case ".xlsx", ".xlsm":
		return ReadXLSXTable(ctx, name, f, opt)
	case ".json":
		return ReadJSONTable(ctx, name, f, opt.Kind)
	}
	return ReadTextTable(ctx, name, f)
}

func tooLarge(name string) error {
	return &event.Error{Code: event.ETooLarge, Message: event.Text{
		Ja: fmt.Sprintf("%s は大きすぎます（上限 %d MB）", name, MaxFileSize>>20),
		En: fmt.Sprintf("%s is too large (limit %d MB)", name, MaxFileSize>>20),
	}}
}

// ReadTextTable reads CSV or TSV text in any of the encodings decodeText
// knows (UTF-8 with or without a byte-order mark, Shift_JIS/CP932, UTF-16).
func ReadTextTable(ctx context.Context, name string, r io.Reader) (*Table, error) {
	data, err := readLimited(ctx, name, r)
	if err != nil {
		return nil, err
	}
	dec := decodeText(data)
	t := &Table{File: name, Format: "CSV", Encoding: dec.encoding, Ragged: true}
	cr := csv.NewReader(bytes.NewReader(dec.text))
	cr.Comma = delimiter(dec.text)
	if cr.Comma == '\t' {
		t.Format = "TSV"
	}
	cr.FieldsPerRecord = -1
	row, endLine := 0, 0
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := endLine + 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			t.problem(row+1+max(0, line-endLine-1), event.Text{
				Ja: fmt.Sprintf("CSVの形式が正しくありません（%v）。引用符 \" の対応を確認してください", csvErrText(err)),
				En: fmt.Sprintf("is not valid CSV (%v); check the quotes", csvErrText(err)),
			})
			return t, nil
		}
		start, _ := cr.FieldPos(0)
		row += 1 + max(0, start-endLine-1)
		last, _ := cr.FieldPos(len(rec) - 1)
		endLine = last + strings.Count(rec[len(rec)-1], "\n")
		blank := true
		bad := false
		for i, c := range rec {
			if strings.TrimSpace(c) != "" {
				blank = false
			}
			if dec.badCell(c) && !bad {
				bad = true
				t.problem(row, badEncoding(dec.encoding))
			}
			if strings.ContainsRune(c, '\uFEFF') {
				rec[i] = strings.ReplaceAll(c, "\uFEFF", "")
				if !bad {
					bad = true
					t.problem(row, strayBOM())
				}
			}
		}
		if blank && len(rec) <= 1 {
			continue
		}
		t.Rows = append(t.Rows, TableRow{Row: row, Cells: rec})
	}
	return t, nil
}

func strayBOM() event.Text {
	return event.Text{
		Ja: "行の途中にバイト順マーク（BOM, U+FEFF）があります。複数のファイルをつなげた可能性があります。この行の前後を確認し、1つのファイルとして保存し直してください",
		En: "contains a stray byte-order mark (U+FEFF), usually left by joining two files; check around this row and save the data as one file",
	}
}

func (t *Table) problem(row int, reason event.Text) {
	t.Problems = append(t.Problems, Problem{File: t.File, Row: row, Reason: reason})
}

// ReadXLSXTable reads one sheet of an .xlsx workbook: the first, or
// opt.Sheet. Cells read as Excel shows them (formatted); a merged range
// gives its value to every cell it covers, so a value merged over several
// rows or a header merged over two columns applies to each.
func ReadXLSXTable(ctx context.Context, name string, r io.Reader, opt TableOptions) (*Table, error) {
	data, err := readLimited(ctx, name, r)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &event.Error{Code: event.EInvalid, Err: err, Message: event.Text{
			Ja: fmt.Sprintf("%s: Excel ファイル（.xlsx）として読めません", name),
			En: fmt.Sprintf("%s: cannot be read as an Excel workbook (.xlsx)", name),
		}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := opt.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, fmt.Errorf("%s: the workbook has no sheets", name)
		}
		sheet = sheets[0]
	} else if !containsFold(sheets, sheet) {
		return nil, &event.Error{Code: event.EInvalid, Message: event.Text{
			Ja: fmt.Sprintf("%s: シート「%s」がありません。シート: %s", name, sheet, strings.Join(sheets, "、")),
			En: fmt.Sprintf("%s: no sheet %q; the sheets are: %s", name, sheet, strings.Join(sheets, ", ")),
		}}
	} else {
		for _, s := range sheets {
			if strings.EqualFold(s, sheet) {
				sheet = s
			}
		}
	}
	t := &Table{File: name, Format: "XLSX", Sheet: sheet, Sheets: sheets}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: read sheet %s: %w", name, sheet, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		cells, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %s row %d: %w", name, sheet, n, err)
		}
		blank := true
		for i, c := range cells {
			if strings.ContainsRune(c, '\uFEFF') {
				cells[i] = strings.ReplaceAll(c, "\uFEFF", "")
			}
			if strings.TrimSpace(c) != "" {
				blank = false
			}
		}
		if !blank {
			t.Rows = append(t.Rows, TableRow{Row: n, Cells: cells})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", name, sheet, err)
	}
	merged, err := mergedRanges(data, sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: merged cells: %w", name, sheet, err)
	}
	t.fillMerged(merged)
	return t, nil
}

// mergedRanges lists the merged ranges ("A1:G1") of sheet by reading the
// workbook's parts directly: excelize's GetMergeCells decodes the whole
// worksheet into memory, which for a 20,000-row sheet costs seconds.
func mergedRanges(data []byte, sheet string) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	read := func(path string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == path {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(io.LimitReader(rc, 1<<30))
			}
		}
		return nil, nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	wbData, err := read("xl/workbook.xml")
	if err != nil || wbData == nil {
		return nil, err
	}
	relData, err := read("xl/_rels/workbook.xml.rels")
	if err != nil || relData == nil {
		return nil, err
	}
	if err := xml.Unmarshal(wbData, &wb); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(relData, &rels); err != nil {
		return nil, err
	}
	target := ""
	for _, sh := range wb.Sheets {
		if sh.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == sh.RID {
				target = r.Target
			}
		}
	}
	if target == "" {
		return nil, nil
	}
	if strings.HasPrefix(target, "/") {
		target = strings.TrimPrefix(target, "/")
	} else {
		target = "xl/" + target
	}
	xmlData, err := read(target)
	if err != nil {
		return nil, err
	}
	i := bytes.Index(xmlData, []byte("<mergeCells"))
	if i < 0 {
		i = bytes.Index(xmlData, []byte(":mergeCells"))
	}
	if i < 0 {
		return nil, nil
	}
	var out []string
	for _, m := range reMergeRef.FindAllSubmatch(xmlData[i:], -1) {
		out = append(out, string(m[1]))
	}
	return out, nil
}

var reMergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"`)

// fillMerged copies the value of each merged range into every cell of it.
func (t *Table) fillMerged(merged []string) {
	if len(merged) == 0 {
		return
	}
	byRow := make(map[int]int, len(t.Rows))
	for i, r := range t.Rows {
		byRow[r.Row] = i
	}
	for _, m := range merged {
		a, b, _ := strings.Cut(m, ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		v := ""
		if i, ok := byRow[r1]; ok && err1 == nil && c1-1 < len(t.Rows[i].Cells) {
			v = t.Rows[i].Cells[c1-1]
		}
		if err1 != nil || err2 != nil || strings.TrimSpace(v) == "" {
			continue
		}
		for r := r1; r <= r2; r++ {
			i, ok := byRow[r]
			if !ok {
				// A row that is blank but for the merged value.
				t.Rows = append(t.Rows, TableRow{Row: r})
				i = len(t.Rows) - 1
				byRow[r] = i
			}
			cells := t.Rows[i].Cells
			for len(cells) < c2 {
				cells = append(cells, "")
			}
			for c := c1; c <= c2; c++ {
				cells[c-1] = v
			}
			t.Rows[i].Cells = cells
		}
	}
	sortRows(t.Rows)
}

func sortRows(rows []TableRow) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].Row < rows[j-1].Row; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
