package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"pitchmatch/event"
)

// ---- availability ----

// Availability returns every participant's unavailable slots, startups
// first, each side ordered by ID.
func (db *DB) Availability(ctx context.Context) ([]event.Availability, error) {
	out, err := queryAvailability(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

func queryAvailability(ctx context.Context, q querier) ([]event.Availability, error) {
	return collect(ctx, q, "availability", `SELECT ifnull(startup_id, ''), ifnull(company_id, ''), unavailable
		FROM availability ORDER BY startup_id IS NULL, startup_id, company_id`, nil, scanAvailability)
}

func scanAvailability(sc scanner) (event.Availability, error) {
	var sid, cid, slots string
	if err := sc.Scan(&sid, &cid, &slots); err != nil {
		return event.Availability{}, err
	}
	a := event.Availability{Kind: event.KindStartup, ID: sid}
	if sid == "" {
		a.Kind, a.ID = event.KindCompany, cid
	}
	var err error
	if a.Unavailable, err = decodeInts(slots); err != nil {
		return a, fmt.Errorf("availability of %s %s: %w", a.Kind, a.ID, err)
	}
	return a, nil
}

// availabilityWriter replaces participants' availability records through
// statements prepared once per transaction.
type availabilityWriter struct {
	stmts [4]*sql.Stmt // delete startup, insert startup, delete company, insert company
}

func newAvailabilityWriter(ctx context.Context, tx *sql.Tx) (*availabilityWriter, error) {
	w := &availabilityWriter{}
	for k, q := range []string{
		"DELETE FROM availability WHERE startup_id = ?",
		"INSERT INTO availability (startup_id, unavailable) VALUES (?, ?)",
		"DELETE FROM availability WHERE company_id = ?",
		"INSERT INTO availability (company_id, unavailable) VALUES (?, ?)",
	} {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("prepare availability statement: %w", err)
		}
		w.stmts[k] = st
	}
	return w, nil
}

func (w *availabilityWriter) Close() {
	for _, st := range w.stmts {
		if st != nil {
			st.Close()
		}
	}
}

// put replaces one participant's availability record.
func (w *availabilityWriter) put(ctx context.Context, a *event.Availability) error {
	del, ins := w.stmts[0], w.stmts[1]
	if a.Kind == event.KindCompany {
		del, ins = w.stmts[2], w.stmts[3]
	}
	if _, err := del.ExecContext(ctx, a.ID); err != nil {
		return fmt.Errorf("availability of %s %s: %w", a.Kind, a.ID, err)
	}
	_, err := ins.ExecContext(ctx, a.ID, encodeInts(a.Unavailable))
	if isForeignKey(err) {
		return missingRefError("availability", a.ID, string(a.Kind), a.ID, err)
	}
	if err != nil {
		return fmt.Errorf("availability of %s %s: %w", a.Kind, a.ID, err)
	}
	return nil
}

// ---- interests ----

const interestCols = "id, kind, startup_id, company_id, ifnull(theme_id, ''), by_side, note, created_at"

func scanInterest(sc scanner) (event.Interest, error) {
	var i event.Interest
	var kind, by, at string
	if err := sc.Scan(&i.ID, &kind, &i.StartupID, &i.CompanyID, &i.ThemeID, &by, &i.Note, &at); err != nil {
		return i, err
	}
	i.Kind, i.By = event.InterestKind(kind), event.ParticipantKind(by)
	var err error
	if i.CreatedAt, err = parseTime(at); err != nil {
		return i, fmt.Errorf("interest %d: %w", i.ID, err)
	}
	return i, nil
}

// Interests returns every interest ordered by ID.
func (db *DB) Interests(ctx context.Context) ([]event.Interest, error) {
	out, err := collect(ctx, db.sql, "interests", "SELECT "+interestCols+" FROM interests ORDER BY id", nil, scanInterest)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// themeOwner finds the company of a theme; ok is false if there is no such
// theme.
type themeOwner func(themeID string) (companyID string, ok bool, err error)

// queryThemeOwner looks a theme's company up in the database.
func queryThemeOwner(ctx context.Context, q querier) themeOwner {
	return func(id string) (string, bool, error) {
		var c string
		err := q.QueryRowContext(ctx, "SELECT company_id FROM themes WHERE id = ?", id).Scan(&c)
		if errors.Is(err, sql.ErrNoRows) {
			return "", false, nil
		}
		if err != nil {
			return "", false, fmt.Errorf("read theme %s: %w", id, err)
		}
		return c, true, nil
	}
}

// prepareInterest fills the company from the theme when it is missing,
// checks that a named theme belongs to the named company and validates.
func prepareInterest(i *event.Interest, owner themeOwner) error {
	if i.ThemeID != "" {
		c, ok, err := owner(i.ThemeID)
		if err != nil {
			return err
		}
		if !ok {
			return missingRefError("interest", interestLabel(i), "theme", i.ThemeID, nil)
		}
		if i.CompanyID == "" {
			i.CompanyID = c
		} else if i.CompanyID != c {
			return invalid(
				fmt.Sprintf("テーマ %s は企業 %s のテーマではありません", i.ThemeID, i.CompanyID),
				fmt.Sprintf("theme %s does not belong to company %s", i.ThemeID, i.CompanyID))
		}
	}
	return i.Validate()
}

func interestLabel(i *event.Interest) string {
	if i.ID != 0 {
		return fmt.Sprint(i.ID)
	}
	return fmt.Sprintf("%s %s→%s/%s", i.Kind, i.StartupID, i.CompanyID, i.ThemeID)
}

// interestWriter stores interests through statements prepared once per
// transaction, which keeps imports of tens of thousands of interests fast.
type interestWriter struct {
	add, upsert *sql.Stmt // ID 0 (merge identical statements) / with an ID
}

const interestInsert = `INSERT INTO interests (id, kind, startup_id, company_id, theme_id, by_side, note, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?) `

const interestMerge = `ON CONFLICT (startup_id, company_id, ifnull(theme_id, ''), kind, by_side) DO UPDATE SET note = excluded.note
	RETURNING id, created_at`

func newInterestWriter(ctx context.Context, tx *sql.Tx) (*interestWriter, error) {
	add, err := tx.PrepareContext(ctx, interestInsert+interestMerge)
	if err != nil {
		return nil, fmt.Errorf("prepare interest insert: %w", err)
	}
	put, err := tx.PrepareContext(ctx, interestInsert+`ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,
		startup_id = excluded.startup_id, company_id = excluded.company_id, theme_id = excluded.theme_id,
		by_side = excluded.by_side, note = excluded.note `+interestMerge)
	if err != nil {
		add.Close()
		return nil, fmt.Errorf("prepare interest upsert: %w", err)
	}
	return &interestWriter{add: add, upsert: put}, nil
}

func (w *interestWriter) Close() {
	w.add.Close()
	w.upsert.Close()
}

// put stores an interest: with ID 0 it is inserted, or merged into the
// identical statement (same pair, theme, kind and side) if one exists;
// with an ID it overwrites that interest. It sets i.ID and i.CreatedAt.
func (w *interestWriter) put(ctx context.Context, i *event.Interest, at time.Time) error {
	created := i.CreatedAt
	if created.IsZero() {
		created = at
	}
	var theme any
	if i.ThemeID != "" {
		theme = i.ThemeID
	}
	stmt := w.add
	var id any
	if i.ID != 0 {
		stmt, id = w.upsert, i.ID
	}
	var storedAt string
	err := stmt.QueryRowContext(ctx, id, string(i.Kind), i.StartupID, i.CompanyID, theme, string(i.By), i.Note,
		formatTime(created)).Scan(&i.ID, &storedAt)
	if isForeignKey(err) {
		return missingRefError("interest", interestLabel(i), anyParticipant, "", err)
	}
	if isUnique(err) {
		return existsError("interest", interestLabel(i))
	}
	if err != nil {
		return fmt.Errorf("store interest %s: %w", interestLabel(i), err)
	}
	if i.CreatedAt, err = parseTime(storedAt); err != nil {
		return fmt.Errorf("interest %d: %w", i.ID, err)
	}
	return nil
}

// AddInterest stores one interest and sets its ID and CreatedAt. Adding
// the same statement again (same pair, theme, kind and side) updates its
// note and returns the existing ID. An empty CompanyID is taken from the
// theme.
func (db *DB) AddInterest(ctx context.Context, actor string, i *event.Interest) error {
	if i == nil {
		return invalid("関心の登録内容がありません", "storage: add interest: nil interest")
	}
	c := *i
	c.ID = 0
	at := now()
	err := db.write(ctx, "add interest", func(ctx context.Context, tx *sql.Tx) error {
		if err := prepareInterest(&c, queryThemeOwner(ctx, tx)); err != nil {
			return err
		}
		w, err := newInterestWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		if err := w.put(ctx, &c, at); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor, "interest.add", "interest", fmt.Sprint(c.ID),
			fmt.Sprintf("%s %s→%s %s by %s", c.Kind, c.StartupID, c.CompanyID, c.ThemeID, c.By))
	})
	if err != nil {
		return err
	}
	*i = c
	return nil
}

// DeleteInterest deletes one interest.
func (db *DB) DeleteInterest(ctx context.Context, actor string, id int64) error {
	return db.write(ctx, fmt.Sprintf("delete interest %d", id), func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM interests WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("delete: %w", err)
		} else if n == 0 {
			return event.NotFound("interest", fmt.Sprint(id))
		}
		return audit(ctx, tx, now(), actor, "interest.delete", "interest", fmt.Sprint(id), "")
	})
}

// SetStartupInterests replaces the startup's own statements (By startup,
// kind apply or no_thanks) with in. Entries may leave StartupID, By and
// CompanyID empty (they are filled from startupID and the theme); other
// kinds or another startup are refused. The IDs and creation times of the
// stored interests are written back into in.
func (db *DB) SetStartupInterests(ctx context.Context, actor, startupID string, in []event.Interest) error {
	return db.setStartupInterests(ctx, actor, startupID, in, nil)
}

func (db *DB) setStartupInterests(ctx context.Context, actor, startupID string, in []event.Interest, check func([]event.Interest) error) error {
	prepared := make([]event.Interest, len(in))
	copy(prepared, in)
	at := now()
	err := db.write(ctx, "set interests of startup "+startupID, func(ctx context.Context, tx *sql.Tx) error {
		if _, err := startupByID(ctx, tx, startupID); err != nil {
			return err
		}
		if check != nil {
			stored, err := ownStatements(ctx, tx, startupID)
			if err != nil {
				return err
			}
			if err := check(stored); err != nil {
				return err
			}
		}
		owner := queryThemeOwner(ctx, tx)
		for k := range prepared {
			i := &prepared[k]
			i.ID = 0
			if i.StartupID == "" {
				i.StartupID = startupID
			}
			if i.By == "" {
				i.By = event.KindStartup
			}
			if i.StartupID != startupID || i.By != event.KindStartup ||
				(i.Kind != event.InterestApply && i.Kind != event.InterestNoThanks) {
				return invalid(
					fmt.Sprintf("%d件目: スタートアップ自身の応募（apply）または辞退（no_thanks）のみ登録できます", k+1),
					fmt.Sprintf("entry %d: only the startup's own apply or no_thanks statements can be set here", k+1))
			}
			if err := prepareInterest(i, owner); err != nil {
				return fmt.Errorf("entry %d: %w", k+1, err)
			}
		}
		// Statements made again keep the time they were first made.
		since := map[[3]string]time.Time{}
		rows, err := tx.QueryContext(ctx, `SELECT company_id, ifnull(theme_id, ''), kind, created_at FROM interests
			WHERE startup_id = ? AND by_side = 'startup' AND kind IN ('apply', 'no_thanks')`, startupID)
		if err != nil {
			return fmt.Errorf("read earlier statements: %w", err)
		}
		for rows.Next() {
			var c, th, kind, at string
			if err := rows.Scan(&c, &th, &kind, &at); err != nil {
				rows.Close()
				return fmt.Errorf("read earlier statements: %w", err)
			}
			if t, err := parseTime(at); err == nil {
				since[[3]string{c, th, kind}] = t
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read earlier statements: %w", err)
		}
		for k := range prepared {
			i := &prepared[k]
			if t, ok := since[[3]string{i.CompanyID, i.ThemeID, string(i.Kind)}]; ok && i.CreatedAt.IsZero() {
				i.CreatedAt = t
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM interests WHERE startup_id = ? AND by_side = 'startup'
			AND kind IN ('apply', 'no_thanks')`, startupID)
		if err != nil {
			return fmt.Errorf("clear earlier statements: %w", err)
		}
		removed, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("clear earlier statements: %w", err)
		}
		w, err := newInterestWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.Close()
		for k := range prepared {
			if err := w.put(ctx, &prepared[k], at); err != nil {
				return err
			}
		}
		return audit(ctx, tx, at, actor, "interests.set", "startup", startupID,
			fmt.Sprintf("replaced %d statements with %d", removed, len(prepared)))
	})
	if err != nil {
		return err
	}
	copy(in, prepared)
	return nil
}
