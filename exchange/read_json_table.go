package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"pitchmatch/event"
)

// ReadJSONTable reads a JSON file of kind into a Table, so that JSON goes
// through the same import pipeline as CSV and .xlsx (mapping, preview,
// only the fields present written, versions checked). The file is an
// array of records as the event types marshal (what WriteJSON writes), or
// an object whose key named after the kind ("startups", …) holds that
// array; other kinds' keys in such an object are skipped.
//
// Each record is one row, numbered by the line on which it starts. Its keys
// become columns: a bilingual {"ja": …, "en": …} value the two columns
// name_ja and name_en, a list its items joined with ';', a number or a
// boolean its text, null an empty cell. A key a record leaves out is absent
// from that row (TableRow.Absent): the stored value stays, as with a
// column the file does not have. updated_at, which the store keeps, is
// skipped.
func ReadJSONTable(ctx context.Context, name string, r io.Reader, kind Kind) (*Table, error) {
	if columnsOf(kind) == nil {
		return nil, fmt.Errorf("read %s: %w", name, unknownKind(kind))
	}
	data, err := readLimited(ctx, name, r)
	if err != nil {
		return nil, err
	}
	dec := decodeText(data)
	jt := &jsonTable{kind: kind, text: dec.text, t: &Table{File: name, Format: "JSON", Encoding: dec.encoding}}
	if i := invalidTextAt(dec); i >= 0 {
		jt.t.problem(jt.line(i), badEncoding(dec.encoding))
		return jt.t, nil
	}
	if err := jt.read(ctx); err != nil {
		return nil, err
	}
	jt.build()
	return jt.t, nil
}

// jsonTable is the state of reading one JSON file into a Table.
type jsonTable struct {
	kind Kind
	text []byte
	t    *Table
	recs []jsonRecord

	lineOff, lineNo int // the last offset line counted to, and its line
}

// jsonRecord is one record as flattened cells by column name.
type jsonRecord struct {
	line  int
	cells map[string]string
}

// line is the 1-based line of byte offset off. Offsets mostly grow, so
// counting resumes from the previous call.
func (jt *jsonTable) line(off int) int {
	off = min(max(off, 0), len(jt.text))
	if off < jt.lineOff || jt.lineNo == 0 {
		jt.lineOff, jt.lineNo = 0, 1
	}
	jt.lineNo += bytes.Count(jt.text[jt.lineOff:off], []byte("\n"))
	jt.lineOff = off
	return jt.lineNo
}

// start is the offset of the next non-space byte at or after off: where a
// value begins once the decoder has consumed the separator before it.
func (jt *jsonTable) start(off int) int {
	for off < len(jt.text) && strings.IndexByte(" \t\r\n,[", jt.text[off]) >= 0 {
		off++
	}
	return off
}

func (jt *jsonTable) syntax(d *json.Decoder, err error) {
	off := int(d.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	msg := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of the file"
	}
	jt.t.problem(jt.line(off), event.Text{Ja: "JSONとして読めません: " + msg, En: "is not valid JSON: " + msg})
}

func (jt *jsonTable) read(ctx context.Context) error {
	d := json.NewDecoder(bytes.NewReader(jt.text))
	d.UseNumber()
	tok, err := d.Token()
	if err != nil {
		jt.syntax(d, err)
		return nil
	}
	switch tok {
	case json.Delim('['):
		if ok, err := jt.readArray(ctx, d); err != nil || !ok {
			return err
		}
	case json.Delim('{'):
		found := false
		for d.More() {
			off := jt.start(int(d.InputOffset()))
			kt, err := d.Token()
			if err != nil {
				jt.syntax(d, err)
				return nil
			}
			key, _ := kt.(string)
			if k, err := ParseKind(key); err == nil && k == jt.kind {
				found = true
				if t, err := d.Token(); err != nil || t != json.Delim('[') {
					jt.t.problem(jt.line(off), event.Text{Ja: fmt.Sprintf("キー \"%s\" の値は配列である必要があります", key), En: fmt.Sprintf("key %q must hold an array", key)})
					return nil
				}
				if ok, err := jt.readArray(ctx, d); err != nil || !ok {
					return err
				}
				continue
			}
			if _, err := ParseKind(key); err != nil {
				jt.t.problem(jt.line(off), event.Text{
					Ja: fmt.Sprintf("キー「%s」は取り込み種別ではありません（%s の配列を探しています）", key, jt.kind),
					En: fmt.Sprintf("key %q is not a kind of records (looking for the %s array)", key, jt.kind),
				})
			}
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				jt.syntax(d, err)
				return nil
			}
		}
		if _, err := d.Token(); err != nil {
			jt.syntax(d, err)
			return nil
		}
		if !found {
			jt.t.problem(0, event.Text{Ja: fmt.Sprintf("キー \"%s\" がありません", jt.kind), En: fmt.Sprintf("has no %q key", jt.kind)})
		}
	default:
		jt.t.problem(1, event.Text{
			Ja: fmt.Sprintf("%sの配列（[...]）か、キー \"%s\" を持つオブジェクトである必要があります", jt.kind.label().Ja, jt.kind),
			En: fmt.Sprintf("must be an array of %s or an object with a %q key", jt.kind, jt.kind),
		})
		return nil
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		jt.t.problem(jt.line(int(d.InputOffset())), event.Text{Ja: "JSONの後ろに余分なデータがあります", En: "has extra data after the JSON value"})
	}
	return nil
}

// readArray reads records up to and including the closing ']'; false when
// the JSON cannot be read further.
func (jt *jsonTable) readArray(ctx context.Context, d *json.Decoder) (bool, error) {
	for n := 0; d.More(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		line := jt.line(jt.start(int(d.InputOffset())))
		var raw json.RawMessage
		if err := d.Decode(&raw); err != nil {
			jt.syntax(d, err)
			return false, nil
		}
		jt.record(line, raw)
	}
	if _, err := d.Token(); err != nil {
		jt.syntax(d, err)
		return false, nil
	}
	return true, nil
}

// record flattens one record into cells.
func (jt *jsonTable) record(line int, raw json.RawMessage) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		jt.t.problem(line, event.Text{Ja: "レコードは {...} のオブジェクトである必要があります", En: "a record must be an object {...}"})
		return
	}
	rec := jsonRecord{line: line, cells: make(map[string]string, len(obj)+2)}
	for k, v := range obj {
		if k == "updated_at" {
			continue
		}
		jt.flatten(rec, k, v)
	}
	jt.recs = append(jt.recs, rec)
}

// flatten puts value v of key k into rec's cells.
func (jt *jsonTable) flatten(rec jsonRecord, k string, v json.RawMessage) {
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return // cannot happen: the record was decoded already
	}
	switch x := x.(type) {
	case map[string]any:
		ja, jaOK := x["ja"]
		en, enOK := x["en"]
		if (jaOK || enOK) && len(x) <= 2 && (len(x) == 1 || jaOK && enOK) {
			if jaOK {
				rec.cells[k+"_ja"] = scalarCell(ja)
			}
			if enOK {
				rec.cells[k+"_en"] = scalarCell(en)
			}
			return
		}
		rec.cells[k] = string(v) // another shape (event days …): an unmapped column
	case []any:
		// The cell is escaped whole, as WriteTable writes a list.
		items := make([]string, 0, len(x))
		for _, it := range x {
			items = append(items, unescapeCell(scalarCell(it)))
		}
		rec.cells[k] = escapeCell(strings.Join(items, ";"))
	default:
		rec.cells[k] = scalarCell(x)
	}
}

// scalarCell is a JSON scalar as a cell: strings escaped as WriteTable
// escapes them (the pipeline unescapes every cell), numbers as written.
func scalarCell(x any) string {
	switch x := x.(type) {
	case nil:
		return ""
	case string:
		return escapeCell(x)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	data, _ := json.Marshal(x)
	return string(data)
}

// build turns the records into the header (the kind's columns in export
// order, then any other key in name order) and one row per record.
func (jt *jsonTable) build() {
	present := map[string]bool{}
	for _, r := range jt.recs {
		for k := range r.cells {
			present[k] = true
		}
	}
	var header []string
	for _, c := range TableColumns(jt.kind) {
		if present[c] {
			header = append(header, c)
			delete(present, c)
		}
	}
	rest := make([]string, 0, len(present))
	for k := range present {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	header = append(header, rest...)
	if len(header) == 0 {
		return
	}
	// The header has no line of its own: row 0, before every record.
	jt.t.Rows = append(jt.t.Rows, TableRow{Row: 0, Cells: header})
	for _, r := range jt.recs {
		row := TableRow{Row: r.line, Cells: make([]string, len(header))}
		for i, h := range header {
			c, ok := r.cells[h]
			if !ok {
				if row.Absent == nil {
					row.Absent = make([]bool, len(header))
				}
				row.Absent[i] = true
			}
			row.Cells[i] = c
		}
		jt.t.Rows = append(jt.t.Rows, row)
	}
}
