package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"pitchmatch/event"
)

// The programme (event/programme*.go) stored. Every write is one
// transaction with its audit entry, or nothing: an application refused
// after the deadline, a deck that is not a PDF or is too large, a
// conflicted judge's scorecard — none leaves a row behind.

func programmeByRow(ctx context.Context, q querier) (*event.Programme, error) {
	var data, at string
	var version int64
	err := q.QueryRowContext(ctx, "SELECT settings, version, updated_at FROM programme WHERE id = 1").Scan(&data, &version, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &event.Error{Code: event.ENotFound, Message: event.T(
			"プログラム(応募・選考・セッション・最終ピッチ)が設定されていません", "no programme (applications, screening, sessions, final pitch) is set up")}
	}
	if err != nil {
		return nil, fmt.Errorf("read programme: %w", err)
	}
	p := new(event.Programme)
	if err := json.Unmarshal([]byte(data), p); err != nil {
		return nil, fmt.Errorf("read programme: bad stored settings: %w", err)
	}
	p.Version = version
	return p, nil
}

// Programme returns the stored programme, or ENotFound.
func (db *DB) Programme(ctx context.Context) (*event.Programme, error) {
	p, err := programmeByRow(ctx, db.sql)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return p, nil
}

// SaveProgramme validates and stores the programme settings. Version 0
// creates them; otherwise it must match the stored version (else a
// *event.ConflictError with the stored programme).
func (db *DB) SaveProgramme(ctx context.Context, actor string, p *event.Programme) error {
	if err := p.Validate(); err != nil {
		return err
	}
	at := now()
	return db.write(ctx, "save programme", func(ctx context.Context, tx *sql.Tx) error {
		cur, err := programmeByRow(ctx, tx)
		var stored int64
		switch {
		case event.ErrorCode(err) == event.ENotFound:
		case err != nil:
			return err
		default:
			stored = cur.Version
		}
		if p.Version != stored {
			return &event.ConflictError{Entity: "programme", Have: p.Version, Stored: stored, Current: cur}
		}
		c := *p
		c.Version = 0
		data, err := json.Marshal(&c)
		if err != nil {
			return fmt.Errorf("encode programme: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO programme (id, settings, version, updated_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, version = excluded.version, updated_at = excluded.updated_at`,
			string(data), stored+1, formatTime(at)); err != nil {
			return fmt.Errorf("store programme: %w", err)
		}
		p.Version = stored + 1
		return audit(ctx, tx, at, actor, "programme.save", "programme", "", fmt.Sprintf("version %d", p.Version))
	})
}

// ---- applications ----

const applicationCols = "id, startup_id, theme_id, company_id, proposal_ja, proposal_en, deck_name, deck_size, deck_sha256, " +
	"submitted_at, decision, message_ja, message_en, decided_at, version"

func scanApplication(sc scanner) (event.Application, error) {
	var a event.Application
	var sub, dec, decAt string
	err := sc.Scan(&a.ID, &a.StartupID, &a.ThemeID, &a.CompanyID, &a.Proposal.Ja, &a.Proposal.En, &a.DeckName, &a.DeckSize,
		&a.DeckSHA256, &sub, &dec, &a.Message.Ja, &a.Message.En, &decAt, &a.Version)
	if err != nil {
		return a, err
	}
	a.Decision = event.Decision(dec)
	if a.SubmittedAt, err = parseTime(sub); err != nil {
		return a, fmt.Errorf("application %d: %w", a.ID, err)
	}
	if a.DecidedAt, err = parseTime(decAt); err != nil {
		return a, fmt.Errorf("application %d: %w", a.ID, err)
	}
	return a, nil
}

func applicationByID(ctx context.Context, q querier, id int64) (*event.Application, error) {
	a, err := scanApplication(q.QueryRowContext(ctx, "SELECT "+applicationCols+" FROM applications WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, event.NotFound("application", fmt.Sprint(id))
	}
	if err != nil {
		return nil, fmt.Errorf("read application %d: %w", id, err)
	}
	return &a, nil
}

// Deck is an uploaded pitch deck.
type Deck struct {
	Name string
	Data []byte
}

// Apply stores a startup's application to a theme at time at (the
// caller's clock): refused outside the applications stage with the
// deadline in the message, the proposal checked, the deck (optional)
// checked as a PDF within the programme's size limit. Applying again to the
// same theme before the deadline replaces the proposal (and the deck, when
// one is given) of the undecided application. Nothing is stored on refusal.
func (db *DB) Apply(ctx context.Context, actor string, at time.Time, startupID, themeID string, proposal event.Text, deck *Deck) (*event.Application, error) {
	if err := event.CheckProposal(proposal); err != nil {
		return nil, err
	}
	var out *event.Application
	err := db.write(ctx, "apply "+startupID+" to "+themeID, func(ctx context.Context, tx *sql.Tx) error {
		p, err := programmeByRow(ctx, tx)
		if err != nil {
			return err
		}
		ev, _, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		if err := p.CanApply(at, ev.Location()); err != nil {
			return err
		}
		if _, err := startupByID(ctx, tx, startupID); err != nil {
			return err
		}
		th, err := themeByID(ctx, tx, themeID)
		if err != nil {
			return err
		}
		var name, sum string
		var data []byte
		if deck != nil {
			if err := event.CheckDeck(deck.Name, deck.Data, p.DeckLimit()); err != nil {
				return err
			}
			h := sha256.Sum256(deck.Data)
			name, sum, data = deck.Name, hex.EncodeToString(h[:]), deck.Data
		}
		var id int64
		var dec string
		err = tx.QueryRowContext(ctx, "SELECT id, decision FROM applications WHERE startup_id = ? AND theme_id = ?", startupID, themeID).Scan(&id, &dec)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, `INSERT INTO applications (startup_id, theme_id, company_id, proposal_ja, proposal_en,
				deck_name, deck_size, deck_sha256, deck, submitted_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
				startupID, themeID, th.CompanyID, proposal.Ja, proposal.En, name, len(data), sum, data, formatTime(at))
			if err != nil {
				return fmt.Errorf("insert application: %w", err)
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("read application: %w", err)
		case dec != "":
			return event.Errorf(event.EConflict, "この応募は既に選考結果が出ているため変更できません", "this application has been decided (%s) and cannot be changed", dec)
		default:
			q := "UPDATE applications SET proposal_ja = ?, proposal_en = ?, submitted_at = ?, version = version + 1"
			args := []any{proposal.Ja, proposal.En, formatTime(at)}
			if deck != nil {
				q += ", deck_name = ?, deck_size = ?, deck_sha256 = ?, deck = ?"
				args = append(args, name, len(data), sum, data)
			}
			if _, err := tx.ExecContext(ctx, q+" WHERE id = ?", append(args, id)...); err != nil {
				return fmt.Errorf("update application %d: %w", id, err)
			}
		}
		if out, err = applicationByID(ctx, tx, id); err != nil {
			return err
		}
		detail := "theme " + themeID
		if deck != nil {
			detail += fmt.Sprintf(", deck %s (%d bytes, sha256 %s)", name, len(data), sum[:12])
		}
		return audit(ctx, tx, now(), actor, "application.submit", "startup", startupID, detail)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Applications returns every application (without deck contents), by ID.
func (db *DB) Applications(ctx context.Context) ([]event.Application, error) {
	out, err := collect(ctx, db.sql, "applications", "SELECT "+applicationCols+" FROM applications ORDER BY id", nil, scanApplication)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// Application returns one application, or ENotFound.
func (db *DB) Application(ctx context.Context, id int64) (*event.Application, error) {
	a, err := applicationByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return a, nil
}

// ApplicationDeck returns an application's deck for a viewer allowed by
// event.CanReadDeck (else EForbidden); ENotFound when it has none.
func (db *DB) ApplicationDeck(ctx context.Context, id int64, kind event.ParticipantKind, viewer string) (*Deck, error) {
	a, err := applicationByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	if !event.CanReadDeck(a, kind, viewer) {
		return nil, fmt.Errorf("storage: %w", event.Errorf(event.EForbidden, "この資料はテーマの企業と事務局だけが閲覧できます", "only the theme's company and the organizer may download this deck"))
	}
	d := &Deck{Name: a.DeckName}
	if err := db.sql.QueryRowContext(ctx, "SELECT deck FROM applications WHERE id = ?", id).Scan(&d.Data); err != nil {
		return nil, fmt.Errorf("storage: read deck of application %d: %w", id, err)
	}
	if len(d.Data) == 0 {
		return nil, fmt.Errorf("storage: %w", event.NotFound("deck of application", fmt.Sprint(id)))
	}
	return d, nil
}

// ---- screening ----

func scanCard(sc scanner) (cardRow, error) {
	var r cardRow
	var scores, at string
	if err := sc.Scan(&r.app, &r.card.Reviewer, &r.card.CompanyID, &scores, &r.card.Comment, &at); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(scores), &r.card.Scores); err != nil {
		return r, fmt.Errorf("scorecard of application %d by %s: %w", r.app, r.card.Reviewer, err)
	}
	var err error
	if r.card.At, err = parseTime(at); err != nil {
		return r, fmt.Errorf("scorecard of application %d by %s: %w", r.app, r.card.Reviewer, err)
	}
	return r, nil
}

type cardRow struct {
	app  int64
	card event.Scorecard
}

func byApplication(l []cardRow) map[int64][]event.Scorecard {
	out := map[int64][]event.Scorecard{}
	for _, r := range l {
		out[r.app] = append(out[r.app], r.card)
	}
	return out
}

// ScreenApplication stores (or replaces) one scout's scorecard on an
// application: only a scout of the theme's company (companyID), on the
// organizer's screening rubric.
func (db *DB) ScreenApplication(ctx context.Context, actor string, id int64, companyID string, card event.Scorecard) error {
	return db.write(ctx, fmt.Sprintf("screen application %d", id), func(ctx context.Context, tx *sql.Tx) error {
		p, err := programmeByRow(ctx, tx)
		if err != nil {
			return err
		}
		a, err := applicationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := event.MayScreen(a, companyID); err != nil {
			return err
		}
		if err := p.ScreeningRubric.Check(&card); err != nil {
			return err
		}
		scores, _ := json.Marshal(card.Scores)
		at := now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO screening_scores (application_id, scout, company_id, scores, comment, at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (application_id, scout) DO UPDATE SET scores = excluded.scores, comment = excluded.comment, at = excluded.at`,
			id, card.Reviewer, companyID, string(scores), card.Comment, formatTime(at)); err != nil {
			return fmt.Errorf("store scorecard: %w", err)
		}
		return audit(ctx, tx, at, actor, "application.screen", "startup", a.StartupID, fmt.Sprintf("application %d, scout %s, %s", id, card.Reviewer, scores))
	})
}

// ScreeningCards returns every screening scorecard by application ID.
func (db *DB) ScreeningCards(ctx context.Context) (map[int64][]event.Scorecard, error) {
	l, err := collect(ctx, db.sql, "screening scores", "SELECT application_id, scout, company_id, scores, comment, at FROM screening_scores ORDER BY application_id, scout", nil, scanCard)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return byApplication(l), nil
}

// DecideApplication records the theme's company's decision with its
// message to the startup; version, when not 0, must match.
func (db *DB) DecideApplication(ctx context.Context, actor string, id int64, d event.Decision, msg event.Text, version int64) (*event.Application, error) {
	if _, err := event.ParseDecision(string(d)); err != nil {
		return nil, err
	}
	for _, s := range []string{msg.Ja, msg.En} {
		if err := checkNote("message", s); err != nil {
			return nil, err
		}
	}
	var out *event.Application
	err := db.write(ctx, fmt.Sprintf("decide application %d", id), func(ctx context.Context, tx *sql.Tx) error {
		a, err := applicationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != 0 && version != a.Version {
			return &event.ConflictError{Entity: "application", ID: fmt.Sprint(id), Have: version, Stored: a.Version, Current: a}
		}
		at := now()
		if _, err := tx.ExecContext(ctx, "UPDATE applications SET decision = ?, message_ja = ?, message_en = ?, decided_at = ?, version = version + 1 WHERE id = ?",
			string(d), msg.Ja, msg.En, formatTime(at), id); err != nil {
			return fmt.Errorf("store decision: %w", err)
		}
		if out, err = applicationByID(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor, "application.decide", "startup", a.StartupID, fmt.Sprintf("application %d: %s → %s", id, a.Decision, d))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
