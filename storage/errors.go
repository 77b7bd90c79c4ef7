package storage

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"

	"pitchmatch/event"
)

// sqliteCode returns the extended SQLite result code of err, or 0.
func sqliteCode(err error) sqlite3.ErrNoExtended {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.ExtendedCode
	}
	return 0
}

func isNotADB(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrNotADB
}

func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.ErrConstraintPrimaryKey || c == sqlite3.ErrConstraintUnique
}

func isForeignKey(err error) bool { return sqliteCode(err) == sqlite3.ErrConstraintForeignKey }

// existsError reports that entity id is already stored.
func existsError(entity, id string) *event.Error {
	return &event.Error{Code: event.EExists, Message: event.Text{
		Ja: fmt.Sprintf("%s %s は既に登録されています", jaName(entity), id),
		En: fmt.Sprintf("%s %s already exists", entity, id),
	}}
}

// missingRefError reports that entity id refers to a ref (a kind of record,
// with refID when known) that does not exist.
func missingRefError(entity, id, ref, refID string, cause error) *event.Error {
	en, ja := ref, jaName(ref)
	if refID != "" {
		en, ja = ref+" "+refID, ja+" "+refID
	}
	return &event.Error{Code: event.EInvalid, Err: cause, Message: event.Text{
		Ja: fmt.Sprintf("%s %s が参照している%sが存在しません", jaName(entity), id, ja),
		En: fmt.Sprintf("%s %s refers to a %s that does not exist", entity, id, en),
	}}
}

// anyParticipant is the ref of records that name a startup, a company and
// perhaps a theme.
const anyParticipant = "startup, company or theme"

// jaName is the Japanese name of a kind of record, for messages.
func jaName(entity string) string {
	switch entity {
	case "startup":
		return "スタートアップ"
	case "company":
		return "企業"
	case "theme":
		return "テーマ"
	case "meeting":
		return "面談"
	case "interest":
		return "関心表明"
	case "availability":
		return "参加可能枠"
	case "token":
		return "トークン"
	case "event":
		return "イベント"
	case anyParticipant:
		return "スタートアップ・企業・テーマのいずれか"
	}
	return "データ"
}

// notOurs reports a file that is not a PitchMatch event database.
func notOurs() *event.Error {
	return invalid("PitchMatchのイベントファイルではありません", "not a PitchMatch event file")
}

// invalid returns an EInvalid error with a bilingual message.
func invalid(ja, en string) *event.Error {
	return &event.Error{Code: event.EInvalid, Message: event.Text{Ja: ja, En: en}}
}

// busyError is the kind every layer sees when another process holds the
// file's write lock longer than the busy timeout.
func busyError(cause error) *event.Error {
	return &event.Error{Code: event.EBusy, Err: cause, Message: event.T(
		"イベントファイルは他のプログラムが保存中のため使用中です。少し待ってからもう一度お試しください",
		"the event file is busy: another program is saving to it; try again in a moment")}
}

// isBusy reports SQLite's "database is locked" and "table is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// busyOr wraps a busy failure as an event.EBusy error and returns any other
// error as it is.
func busyOr(err error) error {
	if err == nil || !isBusy(err) {
		return err
	}
	var ee *event.Error
	if errors.As(err, &ee) {
		return err
	}
	return busyError(err)
}
