package event

import (
	"errors"
	"fmt"
)

// Error codes: the kinds of failure every layer reports, mapped by the server
// to HTTP statuses and by the CLI to messages.
const (
	EConflict     = "conflict"     // stale version: the record changed elsewhere
	EInvalid      = "invalid"      // bad input; see ValidationError for fields
	ENotFound     = "not_found"    // no such record
	EUnauthorized = "unauthorized" // no or bad credentials
	EForbidden    = "forbidden"    // credentials do not reach this record
	EExists       = "exists"       // a record or file already exists
	ETooLarge     = "too_large"    // request or file over its limit
	ERateLimited  = "rate_limited" // too many requests
	EUnavailable  = "unavailable"  // an outside service is down
	EBusy         = "busy"         // the event file is locked by another writer or in use; retry later
	EReadOnly     = "read_only"    // the event file was opened read-only (medium, permissions); writes refused
	EInternal     = "internal"     // a bug or an unexpected failure
)

// Error is a domain error with a code and a bilingual message fit for users.
type Error struct {
	Code    string
	Message Text
	Err     error // the underlying cause, if any
}

func (e *Error) Error() string {
	msg := e.Message.En
	if msg == "" {
		msg = e.Message.Ja
	}
	if e.Err != nil {
		if msg == "" {
			return e.Err.Error()
		}
		return msg + ": " + e.Err.Error()
	}
	if msg == "" {
		return e.Code
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and an English message; ja is the
// Japanese message (may be empty, then the English is shown).
func Errorf(code, ja, enFormat string, args ...any) *Error {
	return &Error{Code: code, Message: Text{Ja: ja, En: fmt.Sprintf(enFormat, args...)}}
}

// ErrorCode returns the code of the first *Error or *ValidationError in err's
// chain; EInternal for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return EInvalid
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err in lang.
func ErrorMessage(err error, lang Lang) string {
	var e *Error
	if errors.As(err, &e) {
		if m := e.Message.In(lang); m != "" {
			return m
		}
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// ConflictError is returned when an update carries a stale version. Current
// holds the stored record (a *Startup, *Company, *Theme, *Meeting or *Event)
// so the caller can show both versions.
type ConflictError struct {
	Entity  string
	ID      string
	Have    int64 // the version the caller sent
	Stored  int64 // the version in the store
	Current any
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s %s changed elsewhere (your version %d, stored %d)", e.Entity, e.ID, e.Have, e.Stored)
}

// Unwrap lets errors.As find an *Error with code EConflict.
func (e *ConflictError) Unwrap() error {
	return &Error{Code: EConflict, Message: Text{
		Ja: "このデータは他の場所で更新されています。最新の内容を確認してください。",
		En: "This record was changed elsewhere. Review the latest version.",
	}}
}

// NotFound returns an ENotFound error for entity id.
func NotFound(entity, id string) *Error {
	return &Error{Code: ENotFound, Message: Text{
		Ja: fmt.Sprintf("%s %s が見つかりません", entity, id),
		En: fmt.Sprintf("%s %s not found", entity, id),
	}}
}
