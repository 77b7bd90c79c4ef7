package storage

import (
	"context"
	"database/sql"
	"fmt"

	"pitchmatch/event"
)

// Notices: which meeting changes each side has been told about. A change
// made by any tool (the scheduler from the CLI or the desktop, a portal
// step, the organizer's CLI) is found by comparing each meeting with the
// state last notified to each side, so every change is notified once, and
// the mails and the new notified state are stored in one transaction.

// NoticeState is a meeting's state as last notified to one side.
type NoticeState struct {
	Status   event.MeetingStatus
	Slot     int
	Table    int
	Sequence int
}

// Recipient is one address a side's notifications go to.
type Recipient struct {
	Kind event.ParticipantKind
	ID   string
	Name string // the scout's name; "" for a startup
	Addr string
	Lang event.Lang
}

// NoticeDue is one meeting whose state one side has not been told.
type NoticeDue struct {
	Meeting    event.Meeting
	Side       event.ParticipantKind
	Prev       *NoticeState // nil: never notified
	Recipients []Recipient  // empty: nobody to tell (no address)
	Startup    *event.Startup
	Company    *event.Company
	Theme      *event.Theme // nil when the meeting names none
	Event      *event.Event
}

// QueueNotices finds the meeting changes not yet notified (at most limit
// meetings), lets compose turn them into mails, and stores the mails in the
// outbox and the notified states in one transaction. It returns the number
// of mails queued. compose must not touch the store.
func (db *DB) QueueNotices(ctx context.Context, limit int, compose func(due []NoticeDue) ([]event.Mail, error)) (int, error) {
	if limit <= 0 {
		limit = 1000
	}
	queued := 0
	err := db.write(ctx, "queue notices", func(ctx context.Context, tx *sql.Tx) error {
		ev, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		type row struct {
			m    event.Meeting
			side string
			prev *NoticeState
		}
		// Meetings whose side's notified state differs (or is missing).
		// Cancelled or declined meetings nobody was told about are skipped.
		q := `SELECT ` + prefixed("m.", meetingCols) + `, s.side, n.status, n.slot, n.table_no, n.sequence
			FROM meetings m CROSS JOIN (SELECT 'startup' AS side UNION ALL SELECT 'company') s
			LEFT JOIN notices n ON n.meeting_id = m.id AND n.side = s.side
			WHERE (n.meeting_id IS NULL AND m.status NOT IN ('cancelled', 'declined'))
			   OR (n.meeting_id IS NOT NULL AND (n.status <> m.status OR n.slot <> m.slot OR n.table_no <> m.table_no))
			ORDER BY m.id, s.side LIMIT ?`
		rows, err := collect(ctx, tx, "due notices", q, []any{2 * limit}, func(sc scanner) (row, error) {
			var r row
			var status, outcome, at, side string
			var nStatus sql.NullString
			var nSlot, nTable, nSeq sql.NullInt64
			err := sc.Scan(&r.m.ID, &r.m.UID, &r.m.StartupID, &r.m.CompanyID, &r.m.ThemeID, &r.m.Slot, &r.m.Table, &status, &outcome,
				&r.m.Locked, &r.m.Score, &r.m.Sequence, &r.m.Version, &at, &side, &nStatus, &nSlot, &nTable, &nSeq)
			if err != nil {
				return r, err
			}
			r.m.Status, r.m.Outcome, r.side = event.MeetingStatus(status), event.Outcome(outcome), side
			if r.m.UpdatedAt, err = parseTime(at); err != nil {
				return r, err
			}
			if nStatus.Valid {
				r.prev = &NoticeState{Status: event.MeetingStatus(nStatus.String), Slot: int(nSlot.Int64), Table: int(nTable.Int64), Sequence: int(nSeq.Int64)}
			}
			return r, nil
		})
		if err != nil {
			return err
		}
		startups := map[string]*event.Startup{}
		companies := map[string]*event.Company{}
		themes := map[string]*event.Theme{}
		scouts := map[string][]Recipient{}
		rcp := newRecipients(tx)
		due := make([]NoticeDue, 0, len(rows))
		for _, r := range rows {
			if startups[r.m.StartupID] == nil {
				if startups[r.m.StartupID], err = startupByID(ctx, tx, r.m.StartupID); err != nil {
					return err
				}
			}
			if companies[r.m.CompanyID] == nil {
				if companies[r.m.CompanyID], err = companyByID(ctx, tx, r.m.CompanyID); err != nil {
					return err
				}
				l, err := rcp.company(ctx, r.m.CompanyID)
				if err != nil {
					return err
				}
				scouts[r.m.CompanyID] = l
			}
			if r.m.ThemeID != "" && themes[r.m.ThemeID] == nil {
				if t, err := themeByID(ctx, tx, r.m.ThemeID); err == nil {
					themes[r.m.ThemeID] = t
				}
			}
			d := NoticeDue{Meeting: r.m, Side: event.ParticipantKind(r.side), Prev: r.prev, Startup: startups[r.m.StartupID],
				Company: companies[r.m.CompanyID], Theme: themes[r.m.ThemeID], Event: ev}
			if d.Side == event.KindStartup {
				d.Recipients = rcp.startup(ctx, d.Startup)
			} else {
				d.Recipients = scouts[r.m.CompanyID]
			}
			due = append(due, d)
		}
		if len(due) == 0 {
			return nil
		}
		mails, err := compose(due)
		if err != nil {
			return err
		}
		at := now()
		if err := queueMails(ctx, tx, mails, at); err != nil {
			return err
		}
		for _, d := range due {
			if _, err := tx.ExecContext(ctx, `INSERT INTO notices (meeting_id, side, status, slot, table_no, sequence) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (meeting_id, side) DO UPDATE SET status = excluded.status, slot = excluded.slot, table_no = excluded.table_no,
				sequence = excluded.sequence`, d.Meeting.ID, string(d.Side), string(d.Meeting.Status), d.Meeting.Slot, d.Meeting.Table, d.Meeting.Sequence); err != nil {
				return fmt.Errorf("store notice of meeting %d: %w", d.Meeting.ID, err)
			}
		}
		queued = len(mails)
		return audit(ctx, tx, at, "system", "outbox.notices", "outbox", "", fmt.Sprintf("%d changes, %d mails", len(due), len(mails)))
	})
	return queued, err
}

// SetPortalLang records a participant's portal language (for its
// notifications).
func (db *DB) SetPortalLang(ctx context.Context, kind event.ParticipantKind, id string, lang event.Lang) error {
	if kind != event.KindStartup && kind != event.KindCompany {
		return invalid("参加者の種類が不正です", fmt.Sprintf("storage: language of %q", kind))
	}
	return db.write(ctx, "portal language of "+id, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO portal_langs (kind, id, lang) VALUES (?, ?, ?)
			ON CONFLICT (kind, id) DO UPDATE SET lang = excluded.lang`, string(kind), id, string(event.ParseLang(string(lang))))
		if err != nil {
			return fmt.Errorf("store portal language: %w", err)
		}
		return nil
	})
}

// PortalLang is a participant's recorded portal language ("" when none).
func (db *DB) PortalLang(ctx context.Context, kind event.ParticipantKind, id string) (event.Lang, error) {
	var l string
	err := db.sql.QueryRowContext(ctx, "SELECT lang FROM portal_langs WHERE kind = ? AND id = ?", string(kind), id).Scan(&l)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("storage: portal language of %s: %w", id, err)
	}
	return event.Lang(l), nil
}

// prefixed qualifies each column of a column list with p (for joins);
// expressions such as ifnull(theme_id, ”) get it inside.
func prefixed(p, cols string) string {
	out := ""
	for i, c := range splitCols(cols) {
		if i > 0 {
			out += ", "
		}
		if c == "ifnull(theme_id, '')" {
			out += "ifnull(" + p + "theme_id, '')"
			continue
		}
		out += p + c
	}
	return out
}

func splitCols(cols string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range cols {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, trimSpace(cols[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, trimSpace(cols[start:]))
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
