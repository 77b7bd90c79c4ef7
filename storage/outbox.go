package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"pitchmatch/event"
)

// The notifications outbox: e-mails queued in the event file in the same
// place as everything else, so nothing is lost when the SMTP server is down
// or the program stops; a sender (server.Outbox, `pitchmatch outbox`) takes
// them later.

const mailCols = "id, created_at, kind, to_kind, to_id, to_addr, lang, subject, body, ics, ifnull(meeting_id, 0), attempts, last_error, next_at, sent_at"

func scanMail(sc scanner) (event.Mail, error) {
	var m event.Mail
	var created, toKind, lang, next, sent string
	if err := sc.Scan(&m.ID, &created, &m.Kind, &toKind, &m.ToID, &m.ToAddr, &lang, &m.Subject, &m.Body, &m.ICS, &m.MeetingID,
		&m.Attempts, &m.LastError, &next, &sent); err != nil {
		return m, err
	}
	m.ToKind, m.Lang = event.ParticipantKind(toKind), event.Lang(lang)
	var err error
	if m.CreatedAt, err = parseTime(created); err != nil {
		return m, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	if m.NextAt, err = parseTime(next); err != nil {
		return m, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	if m.SentAt, err = parseTime(sent); err != nil {
		return m, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	return m, nil
}

// Enqueue stores mails in the outbox in one transaction, setting their IDs
// and CreatedAt; NextAt defaults to now.
func (db *DB) Enqueue(ctx context.Context, ms []event.Mail) error {
	if len(ms) == 0 {
		return nil
	}
	at := now()
	return db.write(ctx, "queue notifications", func(ctx context.Context, tx *sql.Tx) error {
		for k := range ms {
			m := &ms[k]
			if m.ToAddr == "" || m.Subject == "" {
				return invalid("宛先と件名が必要です", fmt.Sprintf("mail %d: recipient and subject are required", k+1))
			}
			m.CreatedAt = at
			if m.NextAt.IsZero() {
				m.NextAt = at
			}
			if err := insertMail(ctx, tx, m); err != nil {
				return err
			}
		}
		return audit(ctx, tx, at, "system", "outbox.queue", "outbox", "", fmt.Sprintf("%d mails", len(ms)))
	})
}

// insertMail stores one mail and sets its ID.
func insertMail(ctx context.Context, tx *sql.Tx, m *event.Mail) error {
	if m.ToAddr == "" || m.Subject == "" {
		return invalid("宛先と件名が必要です", fmt.Sprintf("mail to %s: recipient and subject are required", m.ToID))
	}
	var mid any
	if m.MeetingID != 0 {
		mid = m.MeetingID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (created_at, kind, to_kind, to_id, to_addr, lang, subject, body, ics,
		meeting_id, attempts, last_error, next_at, sent_at) VALUES (`+placeholders(14)+`)`,
		formatTime(m.CreatedAt), m.Kind, string(m.ToKind), m.ToID, m.ToAddr, string(m.Lang), m.Subject, m.Body, m.ICS, mid,
		m.Attempts, m.LastError, formatTime(m.NextAt), formatTime(m.SentAt))
	if err != nil {
		return fmt.Errorf("queue mail to %s: %w", m.ToID, err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// PendingMail returns up to limit unsent mails due at or before t, oldest
// first (limit <= 0: all unsent mails, due or not).
func (db *DB) PendingMail(ctx context.Context, t time.Time, limit int) ([]event.Mail, error) {
	q, args := "SELECT "+mailCols+" FROM outbox WHERE sent_at = '' AND next_at <= ? ORDER BY next_at, id LIMIT ?", []any{formatTime(t), limit}
	if limit <= 0 {
		q, args = "SELECT "+mailCols+" FROM outbox WHERE sent_at = '' ORDER BY id", nil
	}
	l, err := collect(ctx, db.sql, "outbox", q, args, scanMail)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return l, nil
}

// Outbox returns every mail, sent ones included, by ID.
func (db *DB) Outbox(ctx context.Context) ([]event.Mail, error) {
	l, err := collect(ctx, db.sql, "outbox", "SELECT "+mailCols+" FROM outbox ORDER BY id", nil, scanMail)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return l, nil
}

// MarkMailSent records that mail id was delivered at t.
func (db *DB) MarkMailSent(ctx context.Context, id int64, t time.Time) error {
	return db.write(ctx, fmt.Sprintf("mail %d sent", id), func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ? AND sent_at = ''",
			formatTime(t.UTC()), id)
		if err != nil {
			return fmt.Errorf("mark mail %d sent: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return event.NotFound("mail", fmt.Sprint(id))
		}
		return nil
	})
}

// MarkMailFailed records a failed attempt and when to try again.
func (db *DB) MarkMailFailed(ctx context.Context, id int64, cause string, next time.Time) error {
	return db.write(ctx, fmt.Sprintf("mail %d failed", id), func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ? AND sent_at = ''",
			firstLine(cause, 500), formatTime(next.UTC()), id)
		if err != nil {
			return fmt.Errorf("mark mail %d failed: %w", id, err)
		}
		return nil
	})
}
