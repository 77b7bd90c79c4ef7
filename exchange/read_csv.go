package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"pitchmatch/event"
)

// ReadOptions is what the reader needs to know about the event the file is
// imported into.
type ReadOptions struct {
	// NumSlots is the event's number of slots (event.Event.NumSlots);
	// availability slot indexes must be below it.
	NumSlots int
	// CompanyExists reports whether a company ID is known: stored in the
	// event or imported in the same set of files. Themes naming a company
	// for which it returns false are rejected. Nil skips the check.
	CompanyExists func(id string) bool
}

// WithCompanies returns options whose CompanyExists also accepts the
// companies of b, for importing a companies file and its themes together.
// Options without a CompanyExists check are returned as they are.
func (o ReadOptions) WithCompanies(b *event.Batch) ReadOptions {
	if b == nil || len(b.Companies) == 0 || o.CompanyExists == nil {
		return o
	}
	ids := make(map[string]bool, len(b.Companies))
	for _, c := range b.Companies {
		ids[c.ID] = true
	}
	prev := o.CompanyExists
	o.CompanyExists = func(id string) bool { return ids[id] || prev(id) }
	return o
}

// ReadCSV reads a CSV file of kind (see the package documentation for the
// columns) and returns its records as a batch. name is the file's name for
// messages. Any problem rejects the whole file with an *ImportError listing
// every problem; read failures and cancellation are returned as they are.
func ReadCSV(ctx context.Context, name string, r io.Reader, kind Kind, opt ReadOptions) (*event.Batch, error) {
	cols := columnsOf(kind)
	if cols == nil {
		return nil, fmt.Errorf("read %s: %w", name, unknownKind(kind))
	}
	if err := checkSlots(name, kind, opt); err != nil {
		return nil, err
	}
	data, err := readLimited(ctx, name, r)
	if err != nil {
		return nil, err
	}
	dec := decodeText(data)
	cr := &csvReader{
		kind: kind, cols: cols, opt: opt, dec: &dec,
		ps:     &problems{file: name},
		lk:     newLookups(),
		seen:   map[string]int{},
		batch:  &event.Batch{},
		idx:    map[string]int{},
		header: map[string]string{},
	}
	if err := cr.read(ctx); err != nil {
		return nil, err
	}
	if err := cr.ps.err(); err != nil {
		return nil, err
	}
	return cr.batch, nil
}

// csvReader is the state of reading one CSV file.
type csvReader struct {
	kind  Kind
	cols  []column
	opt   ReadOptions
	dec   *decoded
	ps    *problems
	lk    *lookups
	batch *event.Batch

	idx    map[string]int    // canonical column → cell index
	header map[string]string // canonical column → header as written
	colAt  []string          // cell index → canonical column, "" if none
	// flagged marks header cells already reported (unknown, duplicate or
	// undecodable), whose values need no further report.
	flagged []bool
	seen    map[string]int // record key → row of first occurrence
}

// delimiter guesses the separator from the first line: a tab-separated
// file (Excel's "Unicode text") has tabs and no commas there.
func delimiter(text []byte) rune {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	if bytes.IndexByte(line, '\t') >= 0 && bytes.IndexByte(line, ',') < 0 {
		return '\t'
	}
	return ','
}

func (cr *csvReader) read(ctx context.Context) error {
	r := csv.NewReader(bytes.NewReader(cr.dec.text))
	r.Comma = delimiter(cr.dec.text)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	row, endLine := 0, 0
	headerDone, rowsOK := false, false
	for n := 0; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := endLine + 1
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			cr.ps.add(row+1+max(0, line-endLine-1), "", "", event.Text{
				Ja: fmt.Sprintf("CSVの形式が正しくありません（%v）。引用符 \" の対応を確認してください", csvErrText(err)),
				En: fmt.Sprintf("is not valid CSV (%v); check the quotes", csvErrText(err)),
			})
			return nil
		}
		// Spreadsheet rows: encoding/csv skips blank lines and a quoted
		// cell may span lines; count both as a spreadsheet would.
		start, _ := r.FieldPos(0)
		row += 1 + max(0, start-endLine-1)
		last, _ := r.FieldPos(len(rec) - 1)
		endLine = last + strings.Count(rec[len(rec)-1], "\n")

		if !headerDone {
			headerDone = true
			rowsOK = cr.readHeader(row, rec)
			continue
		}
		if rowsOK {
			cr.readRow(row, rec)
		}
	}
	if !headerDone {
		cr.ps.add(1, "", "", event.Text{
			Ja: "ファイルが空です。1行目に見出し行が必要です",
			En: "the file is empty; the first row must be the header",
		})
	}
	return nil
}

func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readHeader maps the header row to columns and reports unknown,
// duplicate and missing columns. It returns whether rows can be read.
func (cr *csvReader) readHeader(row int, rec []string) bool {
	byFold := map[string]string{}
	for _, c := range cr.cols {
		byFold[fold(c.name)] = c.name
		for _, a := range c.aliases {
			byFold[fold(a)] = c.name
		}
	}
	cr.colAt = make([]string, len(rec))
	cr.flagged = make([]bool, len(rec))
	known := strings.Join(Columns(cr.kind), ", ")
	for i, h := range rec {
		if cr.dec.badCell(h) {
			cr.flagged[i] = true
			cr.ps.add(row, fmt.Sprintf("#%d", i+1), "", badEncoding(cr.dec.encoding))
			continue
		}
		h = strings.TrimSpace(h)
		if h == "" {
			continue // an empty header cell; its cells must stay empty
		}
		name, ok := byFold[fold(h)]
		_, dup := cr.idx[name]
		cr.flagged[i] = !ok || dup
		if !ok && cr.ps.full() {
			cr.ps.omitted++
			continue
		}
		if !ok {
			cr.ps.add(row, h, "", event.Text{
				Ja: fmt.Sprintf("%sファイルの列ではありません。使える列: %s", cr.kind.label().Ja, known),
				En: fmt.Sprintf("is not a column of a %s file; the columns are: %s", cr.kind, known),
			})
			continue
		}
		if j, dup := cr.idx[name]; dup {
			cr.ps.add(row, h, "", event.Text{
				Ja: fmt.Sprintf("列 %s が2回あります（%d列目と%d列目）", name, j+1, i+1),
				En: fmt.Sprintf("column %s appears twice (columns %d and %d)", name, j+1, i+1),
			})
			continue
		}
		cr.idx[name] = i
		cr.header[name] = h
		cr.colAt[i] = name
	}
	ok := true
	for _, c := range cr.cols {
		if _, found := cr.idx[c.name]; !found {
			ok = false
			cr.ps.add(row, c.name, "", event.Text{
				Ja: "この列がありません（値が空でも見出しは必要です）",
				En: "is missing from the header (include it even if its cells are empty)",
			})
		}
	}
	return ok
}

// colName is the header of canonical column c as written in the file.
func (cr *csvReader) colName(c string) string {
	if h, ok := cr.header[c]; ok {
		return h
	}
	return c
}

// readRow turns one data row into a record, or into problems.
func (cr *csvReader) readRow(row int, rec []string) {
	empty := true
	bad := false
	for i, v := range rec {
		if strings.TrimSpace(v) == "" {
			continue
		}
		empty = false
		if cr.dec.badCell(v) {
			bad = true
			cr.ps.add(row, cr.cellColumn(i), "", badEncoding(cr.dec.encoding))
		}
	}
	if empty || bad {
		return // blank rows are skipped; badly encoded ones already reported
	}
	for i := range rec {
		if strings.TrimSpace(rec[i]) == "" || cr.headerAt(i) || i < len(cr.flagged) && cr.flagged[i] {
			continue
		}
		cr.ps.add(row, cr.cellColumn(i), "", event.Text{
			Ja: fmt.Sprintf("%d列目に値がありますが、見出しがありません", i+1),
			En: fmt.Sprintf("has a value in column %d, which has no header", i+1),
		})
	}
	rc := &rowCtx{cr: cr, cells: rec, row: row}
	switch cr.kind {
	case KindStartups:
		cr.startupRow(rc)
	case KindCompanies:
		cr.companyRow(rc)
	case KindThemes:
		cr.themeRow(rc)
	case KindAvailability:
		cr.availabilityRow(rc)
	}
}

// headerAt reports whether cell index i lies under a recognised header.
func (cr *csvReader) headerAt(i int) bool { return i < len(cr.colAt) && cr.colAt[i] != "" }

// cellColumn names the column of cell index i for a problem: its header
// as written, or "#n" for a cell without one.
func (cr *csvReader) cellColumn(i int) string {
	if cr.headerAt(i) {
		return cr.header[cr.colAt[i]]
	}
	return fmt.Sprintf("#%d", i+1)
}

// duplicate records the key's first row and reports a repeat.
func (cr *csvReader) duplicate(row int, column, key, shown string) bool {
	if first, dup := cr.seen[key]; dup {
		cr.ps.add(row, column, "id", event.Text{
			Ja: fmt.Sprintf("ID「%s」が重複しています（%d行目と同じ）", shown, first),
			En: fmt.Sprintf("duplicate id %q (first on row %d)", shown, first),
		})
		return true
	}
	cr.seen[key] = row
	return false
}

// validation maps a record's validation errors to problems on its row.
func (cr *csvReader) validation(row int, err error) {
	if err == nil {
		return
	}
	var ve *event.ValidationError
	if !errors.As(err, &ve) {
		cr.ps.add(row, "", "", event.Text{Ja: err.Error(), En: err.Error()})
		return
	}
	for _, fe := range ve.Errors {
		cr.ps.add(row, cr.colName(cr.fieldColumn(fe.Field)), fe.Field, fe.Message)
	}
}

// fieldColumn maps a validation field path ("name.ja", "areas[2]") to the
// canonical column holding it ("name_ja", "areas"); a bilingual field as
// a whole ("name") maps to its Japanese column.
func (cr *csvReader) fieldColumn(field string) string {
	c, _, _ := strings.Cut(field, "[")
	c = strings.ReplaceAll(c, ".", "_")
	if _, ok := cr.idx[c]; ok {
		return c
	}
	if _, ok := cr.idx[c+"_ja"]; ok {
		return c + "_ja"
	}
	return c
}

// schemaRow reads every schema column of the row into rec.
func (cr *csvReader) schemaRow(rc *rowCtx, rec any) {
	for i := range cr.cols {
		if cr.cols[i].field != nil {
			rc.field(&cr.cols[i], rec)
		}
	}
}

func (cr *csvReader) startupRow(rc *rowCtx) {
	s := &event.Startup{}
	cr.schemaRow(rc, s)
	cr.validation(rc.row, s.Validate())
	if s.ID != "" && cr.duplicate(rc.row, cr.colName("id"), s.ID, s.ID) {
		return
	}
	cr.batch.Startups = append(cr.batch.Startups, s)
}

func (cr *csvReader) companyRow(rc *rowCtx) {
	c := &event.Company{}
	cr.schemaRow(rc, c)
	cr.validation(rc.row, c.Validate())
	if c.ID != "" && cr.duplicate(rc.row, cr.colName("id"), c.ID, c.ID) {
		return
	}
	cr.batch.Companies = append(cr.batch.Companies, c)
}

func (cr *csvReader) themeRow(rc *rowCtx) {
	t := &event.Theme{}
	cr.schemaRow(rc, t)
	cr.validation(rc.row, t.Validate())
	if event.ValidID(t.CompanyID) && cr.opt.CompanyExists != nil && !cr.opt.CompanyExists(t.CompanyID) {
		cr.ps.add(rc.row, cr.colName("company_id"), "company_id", unknownCompany(t.CompanyID))
	}
	if t.ID != "" && cr.duplicate(rc.row, cr.colName("id"), t.ID, t.ID) {
		return
	}
	cr.batch.Themes = append(cr.batch.Themes, t)
}

func unknownCompany(id string) event.Text {
	return event.Text{
		Ja: fmt.Sprintf("企業「%s」はイベントにもこのファイル群にもありません。先に企業を取り込んでください", id),
		En: fmt.Sprintf("company %q is neither in the event nor in the imported files; import the companies first", id),
	}
}

func (cr *csvReader) availabilityRow(rc *rowCtx) {
	a := event.Availability{
		Kind: participantKind(rc.str("kind")),
		ID:   rc.id("id"),
	}
	a.Unavailable = rc.slots("unavailable", cr.opt.NumSlots)
	cr.validation(rc.row, a.Validate(cr.opt.NumSlots))
	if a.ID != "" && cr.duplicate(rc.row, cr.colName("id"), string(a.Kind)+"\x00"+a.ID, a.ID) {
		return
	}
	cr.batch.Availability = append(cr.batch.Availability, a)
}

// checkSlots rejects an availability import into an event without slots,
// where every slot index would be out of range.
func checkSlots(name string, kind Kind, opt ReadOptions) error {
	if kind != KindAvailability || opt.NumSlots > 0 {
		return nil
	}
	ps := &problems{file: name}
	ps.add(0, "", "", event.Text{
		Ja: "イベントに面談枠がまだありません。参加不可枠を取り込む前に開催日と枠を設定してください",
		En: "the event has no slots yet; set its days and slots before importing availability",
	})
	return ps.err()
}

// participantKind maps what people write in an availability kind cell.
func participantKind(s string) event.ParticipantKind {
	switch fold(s) {
	case "startup", "startups", "スタートアップ", "s":
		return event.KindStartup
	case "company", "companies", "企業", "大企業", "c":
		return event.KindCompany
	}
	return event.ParticipantKind(s)
}
