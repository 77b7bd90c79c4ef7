package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"pitchmatch/event"
)

// decodeJSON reads exactly one JSON object from body into v, rejecting
// unknown fields, trailing data, invalid UTF-8 and bodies over limit bytes.
// Errors are *event.Error (too_large or invalid) with the field named where
// the decoder knows it.
func decodeJSON(body io.Reader, limit int64, v any) error {
	_, err := decodeJSONKeys(body, limit, v)
	return err
}

// decodeJSONKeys is decodeJSON that also returns the object's top-level
// keys, so a handler can tell a field sent empty from one left out.
func decodeJSONKeys(body io.Reader, limit int64, v any) (map[string]bool, error) {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		return nil, badJSON("", "could not read the request body")
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	if err := decodeBytes(data, v); err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, badJSON("", "the body must be one JSON object")
	}
	keys := make(map[string]bool, len(raw))
	for k := range raw {
		keys[k] = true
	}
	return keys, nil
}

func decodeBytes(data []byte, v any) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return badJSON("", "the body must be one JSON object")
	}
	if !utf8.Valid(trimmed) {
		// encoding/json would turn the bytes into U+FFFD and carry on;
		// nothing the user did not type is stored.
		field := jsonFieldAt(trimmed, invalidUTF8At(trimmed))
		if field == "" {
			field = "body"
		}
		return &event.ValidationError{Entity: "request", Errors: []event.FieldError{{
			Field: field, Code: event.FieldFormat,
			Message: event.T("文字コードが正しくありません（UTF-8 ではないバイト列があります）", "is not valid UTF-8"),
		}}}
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return badJSON("", fmt.Sprintf("malformed JSON at byte %d", se.Offset))
		case errors.As(err, &te):
			// A body embedding the record (PUT /me with "base") names the
			// record's field, not the Go embedding.
			f := strings.TrimPrefix(te.Field, "Startup.")
			return badJSON(f, fmt.Sprintf("%s must be a JSON %s", f, te.Type))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return badJSON(name, fmt.Sprintf("unknown field %q", name))
		default:
			return badJSON("", "malformed JSON")
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return badJSON("", "unexpected data after the JSON object")
	}
	return nil
}

// fieldError is an *event.Error that names a field.
type fieldError struct {
	err   *event.Error
	field string
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// badJSON is a malformed request (400). Every refusal names a field; one
// about the request as a whole names "body".
func badJSON(field, en string) error {
	e := &event.Error{Code: event.EInvalid, Message: event.Text{Ja: "リクエストの形式が正しくありません", En: en}}
	if field == "" {
		field = "body"
	}
	return &fieldError{err: e, field: field}
}

func tooLarge(limit int64) error {
	return &fieldError{field: "body", err: &event.Error{Code: event.ETooLarge, Message: event.Text{
		Ja: fmt.Sprintf("リクエストが大きすぎます（上限 %d KB）", limit>>10),
		En: fmt.Sprintf("request body too large (limit %d KiB)", limit>>10),
	}}}
}

// invalidUTF8At is the byte offset of the first invalid UTF-8 sequence in b,
// or len(b).
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// jsonFieldAt names the JSON value that byte offset off of data lies in, as
// a path such as "name.ja" or "apply[2]"; "" at the top level or when the
// JSON before off does not parse.
func jsonFieldAt(data []byte, off int) string {
	type level struct {
		array bool
		key   string
		index int
		// wantKey: in an object, the next string token is a key.
		wantKey bool
	}
	var stack []level
	dec := json.NewDecoder(bytes.NewReader(data))
	path := func() string {
		var b strings.Builder
		for _, l := range stack {
			switch {
			case l.array:
				b.WriteString("[" + strconv.Itoa(l.index) + "]")
			case l.key != "":
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(l.key)
			}
		}
		return b.String()
	}
	// value marks that a value ended in the innermost container.
	value := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].wantKey = true
			}
		}
	}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return path()
		}
		end := dec.InputOffset()
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, level{wantKey: true})
			case '[':
				stack = append(stack, level{array: true})
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				value()
			}
			continue
		}
		n := len(stack)
		if n > 0 && !stack[n-1].array && stack[n-1].wantKey {
			k, _ := tok.(string)
			stack[n-1].key, stack[n-1].wantKey = k, false
			if int64(off) < end {
				return path()
			}
			continue
		}
		if int64(off) >= start && int64(off) < end {
			return path()
		}
		value()
	}
}
