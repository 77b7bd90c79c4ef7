package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"pitchmatch/event"
)

// decodeJSON reads exactly one JSON object from body into v, rejecting
// unknown fields, trailing data, invalid UTF-8 and bodies over limit bytes.
// Errors are *event.Error (too_large or invalid) with the field named where
// the decoder knows it.
func decodeJSON(body io.Reader, limit int64, v any) error {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge(limit)
		}
		return badJSON("", "could not read the request body")
	}
	if int64(len(data)) > limit {
		return tooLarge(limit)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return badJSON("", "the body must be one JSON object")
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
			return badJSON(te.Field, fmt.Sprintf("%s must be a JSON %s", te.Field, te.Type))
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

func badJSON(field, en string) error {
	e := &event.Error{Code: event.EInvalid, Message: event.Text{Ja: "リクエストの形式が正しくありません", En: en}}
	if field == "" {
		return e
	}
	return &fieldError{err: e, field: field}
}

func tooLarge(limit int64) error {
	return &event.Error{Code: event.ETooLarge, Message: event.Text{
		Ja: fmt.Sprintf("リクエストが大きすぎます（上限 %d KB）", limit>>10),
		En: fmt.Sprintf("request body too large (limit %d KiB)", limit>>10),
	}}
}
