package server

// Responses: error kinds to HTTP statuses, the JSON error body in the
// request's language, and JSON answers.

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// Accept-Language, else Japanese.
func requestLang(r *http.Request) event.Lang {
	if l := r.URL.Query().Get("lang"); l != "" {
		return event.ParseLang(l)
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		return event.ParseLang(al)
	}
	return event.Ja
}

func statusFor(code string) int {
	switch code {
	case event.EInvalid:
		return http.StatusUnprocessableEntity
	case event.EConflict, event.EExists:
		return http.StatusConflict
	case event.ENotFound:
		return http.StatusNotFound
	case event.EUnauthorized:
		return http.StatusUnauthorized
	case event.EForbidden:
		return http.StatusForbidden
	case event.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case event.ERateLimited:
		return http.StatusTooManyRequests
	case event.EUnavailable, event.EBusy, event.EReadOnly:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	lang := requestLang(r)
	code := event.ErrorCode(err)
	if code == event.EBusy {
		// Another program holds the event file's write lock (storage
		// reports it as event.EBusy): the client may retry shortly.
		w.Header().Set("Retry-After", "1")
	}
	body := api.Error{Code: code, Message: event.ErrorMessage(err, lang)}
	status := statusFor(code)
	var fe *fieldError
	var ve *event.ValidationError
	var ce *event.ConflictError
	switch {
	case errors.As(err, &fe):
		body.Field = fe.field
		if code == event.EInvalid {
			status = http.StatusBadRequest
		}
	case errors.As(err, &ve):
		body.Errors = ve.Errors
		if len(ve.Errors) > 0 {
			f := ve.Errors[0]
			body.Field = f.Field
			body.Message = f.Field + ": " + f.Message.In(lang)
		}
	case errors.As(err, &ce) && ce.Current != nil:
		body.Field = "version" // the version sent is not the stored one
		cur, merr := json.Marshal(ce.Current)
		if merr != nil {
			s.log.Error("encode conflict record", "path", r.URL.Path, "err", merr.Error())
		} else {
			body.Current = cur
		}
	}
	if code == event.EInvalid && fe == nil && ve == nil {
		status = http.StatusBadRequest // malformed request rather than bad values
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "path", r.URL.Path, "err", err.Error())
		body.Message = event.T("サーバーでエラーが発生しました", "internal server error").In(lang)
	}
	if info, _ := r.Context().Value(reqInfoKey{}).(*reqInfo); info != nil {
		info.errCode = code
	}
	body.Status = status
	writeJSON(w, body.Status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"code":"internal","message":"encoding failed","field":""}`, http.StatusInternalServerError)
		return
	}
	writeJSONBytes(w, status, b)
}

// writeJSONBytes writes an encoded JSON body (as writeJSON does, with a
// final newline).
func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
