package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"pitchmatch/event"
)

// Dependents counts what depends on a startup, company or theme and would
// go with it.
type Dependents struct {
	Themes    int // a company's themes
	Interests int
	Meetings  int // not cancelled
	Cancelled int // cancelled meetings (kept for calendars)
	Tokens    int // a startup's portal links
}

// Any reports whether anything depends on the record.
func (d Dependents) Any() bool {
	return d.Themes+d.Interests+d.Meetings+d.Cancelled+d.Tokens > 0
}

// Text lists the dependents for people.
func (d Dependents) Text() event.Text {
	var ja, en []string
	add := func(n int, j, e string) {
		if n > 0 {
			ja = append(ja, fmt.Sprintf("%s %d件", j, n))
			en = append(en, fmt.Sprintf("%d %s", n, e))
		}
	}
	add(d.Themes, "テーマ", "theme(s)")
	add(d.Interests, "応募・リクエスト等", "interest(s)")
	add(d.Meetings, "面談", "meeting(s)")
	add(d.Cancelled, "キャンセル済み面談", "cancelled meeting(s)")
	add(d.Tokens, "ポータルリンク", "portal link(s)")
	return event.Text{Ja: strings.Join(ja, "、"), En: strings.Join(en, ", ")}
}

var deleteTables = map[string]struct{ table, column string }{
	event.EntityStartup: {"startups", "startup_id"},
	event.EntityCompany: {"companies", "company_id"},
	event.EntityTheme:   {"themes", "theme_id"},
}

func dependents(ctx context.Context, q querier, entity, id string) (Dependents, error) {
	var d Dependents
	t, ok := deleteTables[entity]
	if !ok {
		return d, invalid("削除できる種類は startup・company・theme です", "storage: delete: entity must be startup, company or theme")
	}
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+t.table+" WHERE id = ?", id).Scan(&n); err != nil {
		return d, fmt.Errorf("read %s %s: %w", entity, id, err)
	}
	if n == 0 {
		return d, event.NotFound(entity, id)
	}
	counts := []struct {
		dst *int
		sql string
	}{
		{&d.Interests, "SELECT count(*) FROM interests WHERE " + t.column + " = ?"},
		{&d.Meetings, "SELECT count(*) FROM meetings WHERE status <> 'cancelled' AND " + t.column + " = ?"},
		{&d.Cancelled, "SELECT count(*) FROM meetings WHERE status = 'cancelled' AND " + t.column + " = ?"},
	}
	if entity == event.EntityCompany {
		counts = append(counts, struct {
			dst *int
			sql string
		}{&d.Themes, "SELECT count(*) FROM themes WHERE company_id = ?"})
	}
	if entity == event.EntityStartup {
		counts = append(counts, struct {
			dst *int
			sql string
		}{&d.Tokens, "SELECT count(*) FROM tokens WHERE startup_id = ?"})
	}
	for _, c := range counts {
		if err := q.QueryRowContext(ctx, c.sql, id).Scan(c.dst); err != nil {
			return d, fmt.Errorf("count dependents of %s %s: %w", entity, id, err)
		}
	}
	return d, nil
}

// DependentsOf counts what depends on the startup, company or theme id.
func (db *DB) DependentsOf(ctx context.Context, entity, id string) (Dependents, error) {
	d, err := dependents(ctx, db.sql, entity, id)
	if err != nil {
		return d, fmt.Errorf("storage: %w", err)
	}
	return d, nil
}

// DeleteRecord deletes a startup, company or theme. When anything depends
// on it (interests, meetings, a company's themes) the delete is refused
// with an EConflict error listing them, unless confirmed; a confirmed
// delete removes them with it (meetings of a deleted theme stay, without
// the theme). The audit log records the delete and what went with it.
func (db *DB) DeleteRecord(ctx context.Context, actor, entity, id string, confirmed bool) (Dependents, error) {
	var d Dependents
	err := db.write(ctx, "delete "+entity+" "+id, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if d, err = dependents(ctx, tx, entity, id); err != nil {
			return err
		}
		if d.Any() && !confirmed {
			t := d.Text()
			return &event.Error{Code: event.EConflict, Message: event.Text{
				Ja: fmt.Sprintf("%s %s には %s があります。一緒に削除してよければ確認してください（CLI: --yes）", entity, id, t.Ja),
				En: fmt.Sprintf("%s %s has %s; confirm to delete them with it (CLI: --yes)", entity, id, t.En),
			}}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+deleteTables[entity].table+" WHERE id = ?", id); err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		detail := ""
		if d.Any() {
			detail = "with " + d.Text().En
		}
		return audit(ctx, tx, now(), actor, entity+".delete", entity, id, detail)
	})
	if err != nil {
		return d, fmt.Errorf("storage: %w", err)
	}
	return d, nil
}
