package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"pitchmatch/event"
)

// ReadJSON reads a JSON file of kind: an array of records as the event
// types marshal (what WriteJSON writes), or an object whose key named
// after the kind ("startups", …) holds that array; other kinds' keys in
// such an object are skipped. Unknown fields are rejected. Problems are
// reported like ReadCSV's, with Row the line on which the record starts
// and Field the JSON field path.
func ReadJSON(ctx context.Context, name string, r io.Reader, kind Kind, opt ReadOptions) (*event.Batch, error) {
	if columnsOf(kind) == nil {
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
	jr := &jsonReader{
		kind: kind, opt: opt, text: dec.text,
		ps:     &problems{file: name},
		seen:   map[string]int{},
		batch:  &event.Batch{},
		lineNo: 1,
	}
	if i := invalidTextAt(dec); i >= 0 {
		jr.ps.add(jr.line(i), "", "", badEncoding(dec.encoding))
		return nil, jr.ps.err()
	}
	if err := jr.read(ctx); err != nil {
		return nil, err
	}
	if err := jr.ps.err(); err != nil {
		return nil, err
	}
	return jr.batch, nil
}

// invalidTextAt returns the offset of the first undecodable character in
// the decoded text, or -1. JSON is UTF-8 by definition, but a file saved by
// a Japanese Windows editor may be Shift_JIS, which decodeText handles.
func invalidTextAt(d decoded) int {
	if d.encoding == encShiftJS {
		return bytes.IndexRune(d.text, utf8.RuneError)
	}
	for i := 0; i < len(d.text); {
		r, size := utf8.DecodeRune(d.text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// jsonReader is the state of reading one JSON file.
type jsonReader struct {
	kind  Kind
	opt   ReadOptions
	text  []byte
	ps    *problems
	seen  map[string]int
	batch *event.Batch
	fatal bool // a syntax error ended reading

	lineOff, lineNo int // the last offset line counted to, and its line
}

// line returns the 1-based line of byte offset off. Offsets mostly grow,
// so counting resumes from the previous call.
func (jr *jsonReader) line(off int) int {
	off = min(max(off, 0), len(jr.text))
	if off < jr.lineOff {
		jr.lineOff, jr.lineNo = 0, 1
	}
	jr.lineNo += bytes.Count(jr.text[jr.lineOff:off], []byte("\n"))
	jr.lineOff = off
	return jr.lineNo
}

// recordStart skips the whitespace and comma between records.
func (jr *jsonReader) recordStart(off int) int {
	for off < len(jr.text) && strings.IndexByte(" \t\r\n,", jr.text[off]) >= 0 {
		off++
	}
	return off
}

func (jr *jsonReader) syntax(d *json.Decoder, err error) {
	off := int(d.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	reason := err.Error()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		reason = "unexpected end of file"
	}
	jr.fatal = true
	jr.ps.add(jr.line(off), "", "", event.Text{
		Ja: "JSONの形式が正しくありません（" + reason + "）",
		En: "is not valid JSON (" + reason + ")",
	})
}

func (jr *jsonReader) read(ctx context.Context) error {
	d := json.NewDecoder(bytes.NewReader(jr.text))
	d.DisallowUnknownFields()
	tok, err := d.Token()
	if err != nil {
		jr.syntax(d, err)
		return nil
	}
	switch tok {
	case json.Delim('['):
		if err := jr.readArray(ctx, d); err != nil {
			return err
		}
	case json.Delim('{'):
		found := false
		for d.More() {
			off := int(d.InputOffset())
			kt, err := d.Token()
			if err != nil {
				jr.syntax(d, err)
				return nil
			}
			key, _ := kt.(string)
			if key == string(jr.kind) {
				found = true
				if t, err := d.Token(); err != nil || t != json.Delim('[') {
					jr.ps.add(jr.line(off), "", key, event.Text{Ja: "配列である必要があります", En: "must be an array"})
					return nil
				}
				if err := jr.readArray(ctx, d); err != nil || jr.fatal {
					return err
				}
				continue
			}
			if !slices.Contains(Kinds(), Kind(key)) {
				jr.ps.add(jr.line(jr.recordStart(off)), "", key, event.Text{
					Ja: fmt.Sprintf("不明なキーです（使えるキー: %s）", kindList()),
					En: fmt.Sprintf("is not a known key (the keys are %s)", kindList()),
				})
			}
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				jr.syntax(d, err)
				return nil
			}
		}
		if _, err := d.Token(); err != nil {
			jr.syntax(d, err)
			return nil
		}
		if !found {
			jr.ps.add(0, "", "", event.Text{
				Ja: fmt.Sprintf("キー \"%s\" がありません", jr.kind),
				En: fmt.Sprintf("has no %q key", jr.kind),
			})
		}
	default:
		jr.ps.add(1, "", "", event.Text{
			Ja: fmt.Sprintf("%sの配列（[...]）か、キー \"%s\" を持つオブジェクトである必要があります", jr.kind.label().Ja, jr.kind),
			En: fmt.Sprintf("must be an array of %s or an object with a %q key", jr.kind, jr.kind),
		})
		return nil
	}
	if _, err := d.Token(); !jr.fatal && !errors.Is(err, io.EOF) {
		jr.ps.add(jr.line(int(d.InputOffset())), "", "", event.Text{
			Ja: "JSONの後ろに余分なデータがあります",
			En: "has extra data after the JSON value",
		})
	}
	return nil
}

func kindList() string {
	names := make([]string, 0, 4)
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// readArray reads records up to and including the closing ']'.
func (jr *jsonReader) readArray(ctx context.Context, d *json.Decoder) error {
	for n := 0; d.More(); n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row := jr.line(jr.recordStart(int(d.InputOffset())))
		if fatal := jr.readRecord(d, row); fatal {
			return nil
		}
	}
	if _, err := d.Token(); err != nil {
		jr.syntax(d, err)
	}
	return nil
}

// readRecord decodes and checks one record. fatal means the JSON could not
// be parsed further.
func (jr *jsonReader) readRecord(d *json.Decoder, row int) (fatal bool) {
	var rec interface{ Validate() error }
	var target any
	var av *event.Availability
	switch jr.kind {
	case KindStartups:
		s := &event.Startup{}
		rec, target = s, s
	case KindCompanies:
		c := &event.Company{}
		rec, target = c, c
	case KindThemes:
		t := &event.Theme{}
		rec, target = t, t
	case KindAvailability:
		av = &event.Availability{}
		target = av
	}
	if err := d.Decode(target); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			jr.syntax(d, err)
			return true
		}
		jr.decodeProblem(row, err)
		return false
	}
	var err error
	var id, key string
	if av != nil {
		slices.Sort(av.Unavailable)
		err = av.Validate(jr.opt.NumSlots)
		id, key = av.ID, string(av.Kind)+"\x00"+av.ID
	} else {
		err = rec.Validate()
	}
	before := len(jr.ps.list) + jr.ps.omitted
	jr.validation(row, err)
	switch v := target.(type) {
	case *event.Startup:
		id, key = v.ID, v.ID
	case *event.Company:
		id, key = v.ID, v.ID
	case *event.Theme:
		id, key = v.ID, v.ID
		if event.ValidID(v.CompanyID) && jr.opt.CompanyExists != nil && !jr.opt.CompanyExists(v.CompanyID) {
			jr.ps.add(row, "", "company_id", unknownCompany(v.CompanyID))
		}
	}
	if id != "" {
		if first, dup := jr.seen[key]; dup {
			jr.ps.add(row, "", "id", event.Text{
				Ja: fmt.Sprintf("ID「%s」が重複しています（%d行目と同じ）", id, first),
				En: fmt.Sprintf("duplicate id %q (first on line %d)", id, first),
			})
		} else {
			jr.seen[key] = row
		}
	}
	if len(jr.ps.list)+jr.ps.omitted > before {
		return false
	}
	switch v := target.(type) {
	case *event.Startup:
		jr.batch.Startups = append(jr.batch.Startups, v)
	case *event.Company:
		jr.batch.Companies = append(jr.batch.Companies, v)
	case *event.Theme:
		jr.batch.Themes = append(jr.batch.Themes, v)
	case *event.Availability:
		jr.batch.Availability = append(jr.batch.Availability, *v)
	}
	return false
}

// decodeProblem reports a record that is valid JSON but does not fit the
// record type: an unknown field or a value of the wrong type.
func (jr *jsonReader) decodeProblem(row int, err error) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := te.Type.String()
		jr.ps.add(row, "", te.Field, event.Text{
			Ja: fmt.Sprintf("値の型が違います（%s ではなく %s が必要です）", te.Value, want),
			En: fmt.Sprintf("has the wrong type: %s where %s is expected", te.Value, want),
		})
		return
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		f = strings.Trim(f, `"`)
		jr.ps.add(row, "", f, event.Text{
			Ja: fmt.Sprintf("「%s」は%sの項目ではありません", f, jr.kind.label().Ja),
			En: fmt.Sprintf("%q is not a field of %s", f, jr.kind),
		})
		return
	}
	jr.ps.add(row, "", "", event.Text{Ja: "読み取れません: " + msg, En: "cannot be read: " + msg})
}

func (jr *jsonReader) validation(row int, err error) {
	if err == nil {
		return
	}
	var ve *event.ValidationError
	if !errors.As(err, &ve) {
		jr.ps.add(row, "", "", event.Text{Ja: err.Error(), En: err.Error()})
		return
	}
	for _, fe := range ve.Errors {
		jr.ps.add(row, "", fe.Field, fe.Message)
	}
}
