package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"pitchmatch/event"
)

// Programme notices: a company's decision on an application (with its
// message to the startup) and every acceleration session placed, moved or
// cancelled are found by comparing the stored records with the state last
// notified (programme_notices), as meeting notices are, so a change made by
// any tool — the CLI, the desktop, the portal — is mailed once; the mails
// and the new notified states are stored in one transaction.

// SessionNotice is a session's state as last notified.
type SessionNotice struct {
	Status   event.SessionStatus
	Start    time.Time
	Sequence int
}

// DecisionDue is a decision the startup has not been told.
type DecisionDue struct {
	App        event.Application
	Prev       event.Decision // "" when never notified
	Startup    *event.Startup
	Company    *event.Company
	Theme      *event.Theme
	Recipients []Recipient // the startup's address; empty when it has none
}

// SessionDue is a session whose state the pair has not been told.
type SessionDue struct {
	Session    event.Session
	Prev       *SessionNotice // nil: never notified
	Startup    *event.Startup
	Company    *event.Company
	Theme      *event.Theme // nil when the session names none
	Recipients []Recipient  // the startup's address and the company's scouts'
}

// ProgrammeDue is every programme change not yet notified.
type ProgrammeDue struct {
	Event     *event.Event
	Decisions []DecisionDue
	Sessions  []SessionDue
}

// recipients reads participants' notification addresses inside one
// transaction, each participant once.
type recipients struct {
	tx     *sql.Tx
	scouts map[string][]Recipient
	langs  map[string]event.Lang
}

func newRecipients(tx *sql.Tx) *recipients {
	return &recipients{tx: tx, scouts: map[string][]Recipient{}, langs: map[string]event.Lang{}}
}

// startup is the startup's contact address with its portal language (none
// without an address).
func (r *recipients) startup(ctx context.Context, s *event.Startup) []Recipient {
	if s.ContactEmail == "" {
		return nil
	}
	lang, ok := r.langs[s.ID]
	if !ok {
		var l string
		if err := r.tx.QueryRowContext(ctx, "SELECT lang FROM portal_langs WHERE kind = 'startup' AND id = ?", s.ID).Scan(&l); err == nil {
			lang = event.Lang(l)
		}
		r.langs[s.ID] = lang
	}
	return []Recipient{{Kind: event.KindStartup, ID: s.ID, Addr: s.ContactEmail, Lang: lang}}
}

// company is the addresses of the company's scouts with a live link.
func (r *recipients) company(ctx context.Context, companyID string) ([]Recipient, error) {
	if l, ok := r.scouts[companyID]; ok {
		return l, nil
	}
	l, err := collect(ctx, r.tx, "scout addresses", `SELECT scout, email, lang FROM scout_tokens
		WHERE company_id = ? AND revoked = 0 AND email <> '' GROUP BY email ORDER BY email`, []any{companyID},
		func(sc scanner) (Recipient, error) {
			rc := Recipient{Kind: event.KindCompany, ID: companyID}
			var lang string
			err := sc.Scan(&rc.Name, &rc.Addr, &lang)
			rc.Lang = event.Lang(lang)
			return rc, err
		})
	if err != nil {
		return nil, err
	}
	r.scouts[companyID] = l
	return l, nil
}

// queueMails stores composed mails in the outbox at time at (due then
// unless they say otherwise), inside the caller's transaction.
func queueMails(ctx context.Context, tx *sql.Tx, mails []event.Mail, at time.Time) error {
	for k := range mails {
		m := &mails[k]
		m.CreatedAt = at
		if m.NextAt.IsZero() {
			m.NextAt = at
		}
		if err := insertMail(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// withExtra scans a row's leading columns with a record's scan function
// and its trailing ones into extra.
type withExtra struct {
	sc    scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.sc.Scan(append(dest, w.extra...)...) }

// QueueProgrammeNotices finds the decisions and session changes not yet
// notified, lets compose turn them into mails, and stores the mails in the
// outbox and the notified states in one transaction. It returns the number
// of mails queued. compose must not touch the store.
func (db *DB) QueueProgrammeNotices(ctx context.Context, compose func(*ProgrammeDue) ([]event.Mail, error)) (int, error) {
	queued := 0
	err := db.write(ctx, "queue programme notices", func(ctx context.Context, tx *sql.Tx) error {
		ev, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		type decRow struct {
			app  event.Application
			prev string
		}
		decs, err := collect(ctx, tx, "due decisions", "SELECT "+prefixed("a.", applicationCols)+`, ifnull(n.status, '')
			FROM applications a LEFT JOIN programme_notices n ON n.kind = 'decision' AND n.ref = a.id
			WHERE a.decision <> '' AND (n.ref IS NULL OR n.sequence <> a.version) ORDER BY a.id`, nil,
			func(sc scanner) (decRow, error) {
				var r decRow
				var err error
				r.app, err = scanApplication(withExtra{sc, []any{&r.prev}})
				return r, err
			})
		if err != nil {
			return err
		}
		type sesRow struct {
			s    event.Session
			prev *SessionNotice
		}
		sess, err := collect(ctx, tx, "due sessions", "SELECT "+prefixed("s.", sessionCols)+`, n.status, n.start_at, n.sequence
			FROM sessions s LEFT JOIN programme_notices n ON n.kind = 'session' AND n.ref = s.id
			WHERE (n.ref IS NULL AND s.status <> 'cancelled') OR (n.ref IS NOT NULL AND (n.status <> s.status OR n.start_at <> s.start_at))
			ORDER BY s.startup_id, s.company_id, s.number`, nil,
			func(sc scanner) (sesRow, error) {
				var r sesRow
				var nStatus, nStart sql.NullString
				var nSeq sql.NullInt64
				var err error
				if r.s, err = scanSession(withExtra{sc, []any{&nStatus, &nStart, &nSeq}}); err != nil || !nStatus.Valid {
					return r, err
				}
				r.prev = &SessionNotice{Status: event.SessionStatus(nStatus.String), Sequence: int(nSeq.Int64)}
				if r.prev.Start, err = parseTime(nStart.String); err != nil {
					return r, fmt.Errorf("notice of session %d: %w", r.s.ID, err)
				}
				return r, nil
			})
		if err != nil {
			return err
		}
		if len(decs) == 0 && len(sess) == 0 {
			return nil
		}
		startups := map[string]*event.Startup{}
		companies := map[string]*event.Company{}
		themes := map[string]*event.Theme{}
		load := func(sid, cid, tid string) error {
			if startups[sid] == nil {
				if startups[sid], err = startupByID(ctx, tx, sid); err != nil {
					return err
				}
			}
			if companies[cid] == nil {
				if companies[cid], err = companyByID(ctx, tx, cid); err != nil {
					return err
				}
			}
			if _, ok := themes[tid]; !ok && tid != "" {
				t, err := themeByID(ctx, tx, tid)
				if err != nil && event.ErrorCode(err) != event.ENotFound {
					return err
				}
				themes[tid] = t
			}
			return nil
		}
		rcp := newRecipients(tx)
		due := &ProgrammeDue{Event: ev}
		for _, r := range decs {
			if err := load(r.app.StartupID, r.app.CompanyID, r.app.ThemeID); err != nil {
				return err
			}
			st := startups[r.app.StartupID]
			due.Decisions = append(due.Decisions, DecisionDue{App: r.app, Prev: event.Decision(r.prev), Startup: st,
				Company: companies[r.app.CompanyID], Theme: themes[r.app.ThemeID], Recipients: rcp.startup(ctx, st)})
		}
		for _, r := range sess {
			if err := load(r.s.StartupID, r.s.CompanyID, r.s.ThemeID); err != nil {
				return err
			}
			st := startups[r.s.StartupID]
			scouts, err := rcp.company(ctx, r.s.CompanyID)
			if err != nil {
				return err
			}
			due.Sessions = append(due.Sessions, SessionDue{Session: r.s, Prev: r.prev, Startup: st, Company: companies[r.s.CompanyID],
				Theme: themes[r.s.ThemeID], Recipients: append(rcp.startup(ctx, st), scouts...)})
		}
		mails, err := compose(due)
		if err != nil {
			return err
		}
		at := now()
		if err := queueMails(ctx, tx, mails, at); err != nil {
			return err
		}
		const upsert = `INSERT INTO programme_notices (kind, ref, status, start_at, sequence) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (kind, ref) DO UPDATE SET status = excluded.status, start_at = excluded.start_at, sequence = excluded.sequence`
		for _, d := range due.Decisions {
			if _, err := tx.ExecContext(ctx, upsert, "decision", d.App.ID, string(d.App.Decision), "", d.App.Version); err != nil {
				return fmt.Errorf("store notice of application %d: %w", d.App.ID, err)
			}
		}
		for _, d := range due.Sessions {
			s := &d.Session
			if _, err := tx.ExecContext(ctx, upsert, "session", s.ID, string(s.Status), formatTime(s.Start), s.Sequence); err != nil {
				return fmt.Errorf("store notice of session %d: %w", s.ID, err)
			}
		}
		queued = len(mails)
		return audit(ctx, tx, at, "system", "outbox.programme", "outbox", "",
			fmt.Sprintf("%d decisions, %d session changes, %d mails", len(due.Decisions), len(due.Sessions), len(mails)))
	})
	return queued, err
}
