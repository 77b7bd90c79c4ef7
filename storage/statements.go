package storage

import (
	"context"
	"database/sql"
	"fmt"

	"pitchmatch/event"
)

// The portal's compound writes. Each reads what it checks and writes what
// it changes in ONE transaction on the writer connection, so another
// request of the server, the desktop or the CLI (in another process)
// writing the same records at the same moment can neither slip in between
// nor be overwritten by a decision taken on what was read before it.

const ownStatementsWhere = `startup_id = ? AND by_side = 'startup' AND kind IN ('apply', 'no_thanks')`

// ownStatements reads the startup's own statements (apply / no_thanks
// made by the startup) through q, ordered by theme.
func ownStatements(ctx context.Context, q querier, startupID string) ([]event.Interest, error) {
	return collect(ctx, q, "statements of startup "+startupID,
		"SELECT "+interestCols+" FROM interests WHERE "+ownStatementsWhere+" ORDER BY ifnull(theme_id, ''), id",
		[]any{startupID}, scanInterest)
}

// statementText is how an interest shows in a history: "apply C001 T001 by startup".
func statementText(i *event.Interest) string {
	return fmt.Sprintf("%s %s %s by %s", i.Kind, i.CompanyID, i.ThemeID, i.By)
}

// TooManyStatements is the field error of a change that would leave a
// startup with more than max statements.
func tooManyStatements(startupID string, max int) error {
	return &event.ValidationError{Entity: "interests", ID: startupID, Errors: []event.FieldError{{Field: "kind", Code: event.FieldTooLong,
		Message: event.T(fmt.Sprintf("%d件以内にしてください", max), fmt.Sprintf("at most %d themes in all", max))}}}
}

// SetStartupInterest sets the startup's own statement about one theme in
// one transaction: kind apply or no_thanks replaces whatever the startup
// said about the theme, kind "" withdraws it. The startup's statements
// about other themes and every statement of the other side stay as
// stored, whoever wrote them meanwhile. With max > 0 a change that would
// leave the startup more than max statements is refused and nothing is
// stored. Setting what is already stored writes nothing. It returns the
// startup's own statements after the change, ordered by theme.
func (db *DB) SetStartupInterest(ctx context.Context, actor, startupID, themeID string, kind event.InterestKind, max int) ([]event.Interest, error) {
	switch kind {
	case event.InterestApply, event.InterestNoThanks, "":
	default:
		return nil, invalid(fmt.Sprintf("「%s」は設定できません（apply / no_thanks / なし）", kind),
			fmt.Sprintf("storage: set interest: kind %q is not apply, no_thanks or none", kind))
	}
	var out []event.Interest
	at := now()
	err := db.write(ctx, fmt.Sprintf("set interest of startup %s in theme %s", startupID, themeID), func(ctx context.Context, tx *sql.Tx) error {
		if _, err := startupByID(ctx, tx, startupID); err != nil {
			return err
		}
		cur, err := ownStatements(ctx, tx, startupID)
		if err != nil {
			return err
		}
		var was []event.Interest
		for _, in := range cur {
			if in.ThemeID == themeID {
				was = append(was, in)
			}
		}
		if (kind == "" && len(was) == 0) || (len(was) == 1 && was[0].Kind == kind) {
			out = cur // already so
			return nil
		}
		var add *event.Interest
		if kind != "" {
			add = &event.Interest{Kind: kind, StartupID: startupID, ThemeID: themeID, By: event.KindStartup}
			if err := prepareInterest(add, queryThemeOwner(ctx, tx)); err != nil {
				return err
			}
			if max > 0 && len(cur)-len(was)+1 > max {
				return tooManyStatements(startupID, max)
			}
		}
		var changes []event.FieldChange
		for k := range was {
			if _, err := tx.ExecContext(ctx, "DELETE FROM interests WHERE id = ?", was[k].ID); err != nil {
				return fmt.Errorf("withdraw statement %d: %w", was[k].ID, err)
			}
			c := event.FieldChange{Entity: "startup", ID: startupID, Field: "interest", Old: statementText(&was[k])}
			changes = append(changes, c)
		}
		if add != nil {
			w, err := newInterestWriter(ctx, tx)
			if err != nil {
				return err
			}
			defer w.Close()
			if err := w.put(ctx, add, at); err != nil {
				return err
			}
			if len(changes) > 0 {
				changes[0].New = statementText(add)
			} else {
				changes = append(changes, event.FieldChange{Entity: "startup", ID: startupID, Field: "interest", New: statementText(add)})
			}
		}
		detail := fmt.Sprintf("theme %s: %s", themeID, kindOrNone(kind))
		if err := auditChanges(ctx, tx, at, actor, "interest.set", "startup", startupID, detail, changes); err != nil {
			return err
		}
		out, err = ownStatements(ctx, tx, startupID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func kindOrNone(k event.InterestKind) string {
	if k == "" {
		return "none"
	}
	return string(k)
}

// SetStartupInterestsIf is SetStartupInterests with a precondition: check
// gets the startup's own statements as stored, inside the same
// transaction, and an error from it (for example an *event.ConflictError
// when they are not the set the client read) refuses the change with
// nothing stored.
func (db *DB) SetStartupInterestsIf(ctx context.Context, actor, startupID string, in []event.Interest, check func(stored []event.Interest) error) error {
	return db.setStartupInterests(ctx, actor, startupID, in, check)
}

// UpdateAvailability changes a participant's unavailable slots in one
// transaction: change gets the slots as stored and returns the new ones
// (checked as SetAvailability checks them). Use it to merge a client's
// change into what others stored since the client read.
func (db *DB) UpdateAvailability(ctx context.Context, actor string, kind event.ParticipantKind, id string, change func(stored []int) ([]int, error)) error {
	return db.setAvailability(ctx, actor, kind, id, change)
}

// Answer is one side's answer to the other side's statement: a startup's
// to a scout's meeting request, a company's to a startup's application.
type Answer struct {
	To   int64              // the interest answered
	Kind event.InterestKind // its kind (request or apply): an interest of another kind is not found
	// By is the answering side and Party its startup or company ID: the
	// interest answered must be the other side's and name Party.
	By    event.ParticipantKind
	Party string
	// With is the answer: must_meet (accept), no_thanks (decline), or ""
	// to withdraw an earlier answer.
	With event.InterestKind
}

// AnswerInterest records an answer in one transaction: it reads the
// interest answered, checks it is the other side's and names the
// answering party, replaces the party's earlier answer about the same
// pair and theme (must_meet or no_thanks) with the new one, and writes one
// audit entry. Answering as already answered writes nothing.
func (db *DB) AnswerInterest(ctx context.Context, actor string, a Answer) error {
	switch a.With {
	case event.InterestMustMeet, event.InterestNoThanks, "":
	default:
		return invalid("回答は承諾・辞退・取り消しのいずれかです", fmt.Sprintf("storage: answer: %q is not must_meet, no_thanks or none", a.With))
	}
	if a.By != event.KindStartup && a.By != event.KindCompany {
		return invalid("回答するのはスタートアップまたは企業です", fmt.Sprintf("storage: answer: side %q", a.By))
	}
	what := "interest"
	switch a.Kind {
	case event.InterestRequest:
		what = "request"
	case event.InterestApply:
		what = "application"
	}
	at := now()
	return db.write(ctx, fmt.Sprintf("answer %s %d", what, a.To), func(ctx context.Context, tx *sql.Tx) error {
		l, err := collect(ctx, tx, what, "SELECT "+interestCols+" FROM interests WHERE id = ?", []any{a.To}, scanInterest)
		if err != nil {
			return err
		}
		party := func(in *event.Interest) string {
			if a.By == event.KindStartup {
				return in.StartupID
			}
			return in.CompanyID
		}
		if len(l) == 0 || l[0].Kind != a.Kind || l[0].By == a.By || party(&l[0]) != a.Party {
			return event.NotFound(what, fmt.Sprint(a.To))
		}
		to := l[0]
		prev, err := collect(ctx, tx, "earlier answers", "SELECT "+interestCols+` FROM interests
			WHERE startup_id = ? AND company_id = ? AND ifnull(theme_id, '') = ? AND by_side = ? AND kind IN ('must_meet', 'no_thanks')
			ORDER BY id`, []any{to.StartupID, to.CompanyID, to.ThemeID, string(a.By)}, scanInterest)
		if err != nil {
			return err
		}
		if (a.With == "" && len(prev) == 0) || (len(prev) == 1 && prev[0].Kind == a.With) {
			return nil // already so
		}
		entity := "startup"
		if a.By == event.KindCompany {
			entity = "company"
		}
		var changes []event.FieldChange
		for k := range prev {
			if _, err := tx.ExecContext(ctx, "DELETE FROM interests WHERE id = ?", prev[k].ID); err != nil {
				return fmt.Errorf("withdraw answer %d: %w", prev[k].ID, err)
			}
			changes = append(changes, event.FieldChange{Entity: entity, ID: a.Party, Field: "interest", Old: statementText(&prev[k])})
		}
		if a.With != "" {
			in := event.Interest{Kind: a.With, StartupID: to.StartupID, CompanyID: to.CompanyID, ThemeID: to.ThemeID, By: a.By,
				Note: fmt.Sprintf("answer to %s #%d", what, to.ID)}
			if err := prepareInterest(&in, queryThemeOwner(ctx, tx)); err != nil {
				return err
			}
			w, err := newInterestWriter(ctx, tx)
			if err != nil {
				return err
			}
			defer w.Close()
			if err := w.put(ctx, &in, at); err != nil {
				return err
			}
			if len(changes) > 0 {
				changes[0].New = statementText(&in)
			} else {
				changes = append(changes, event.FieldChange{Entity: entity, ID: a.Party, Field: "interest", New: statementText(&in)})
			}
		}
		return auditChanges(ctx, tx, at, actor, "interest.answer", "interest", fmt.Sprint(to.ID),
			fmt.Sprintf("%s by %s: %s", what, a.By, kindOrNone(a.With)), changes)
	})
}

// DeleteMarks removes a company's marks of one kind (shortlist, request,
// no_thanks made by the company) on a startup — about one theme, or every
// theme when themeID is "" — in one transaction with an audit entry per
// mark. Removing marks that are not there is not an error. It returns how
// many were removed.
func (db *DB) DeleteMarks(ctx context.Context, actor, companyID, startupID string, kind event.InterestKind, themeID string) (int, error) {
	n := 0
	at := now()
	err := db.write(ctx, fmt.Sprintf("remove %s marks of %s on %s", kind, companyID, startupID), func(ctx context.Context, tx *sql.Tx) error {
		n = 0
		l, err := collect(ctx, tx, "marks", "SELECT "+interestCols+` FROM interests
			WHERE startup_id = ? AND company_id = ? AND kind = ? AND by_side = 'company' AND (?4 = '' OR ifnull(theme_id, '') = ?4)
			ORDER BY id`, []any{startupID, companyID, string(kind), themeID}, scanInterest)
		if err != nil {
			return err
		}
		for k := range l {
			if _, err := tx.ExecContext(ctx, "DELETE FROM interests WHERE id = ?", l[k].ID); err != nil {
				return fmt.Errorf("delete interest %d: %w", l[k].ID, err)
			}
			if err := auditChanges(ctx, tx, at, actor, "interest.delete", "interest", fmt.Sprint(l[k].ID), statementText(&l[k]),
				[]event.FieldChange{{Entity: "startup", ID: startupID, Field: "interest", Old: statementText(&l[k])}}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
