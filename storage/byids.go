package storage

import (
	"context"
	"encoding/json"
	"fmt"

	"pitchmatch/event"
)

// The per-participant portal routes name a handful of records (the
// companies, themes and startups of one participant's meetings or
// requests): these read them in one query each, whatever their number,
// instead of one query per record. IDs that do not exist are left out;
// the answer is ordered by ID.

// idsArg is ids as one SQL parameter, a JSON array read with json_each
// (one statement text for any number of IDs).
func idsArg(ids []string) (string, error) {
	if ids == nil {
		ids = []string{}
	}
	b, err := json.Marshal(ids)
	return string(b), err
}

func byIDs[T any](ctx context.Context, db *DB, what, cols, table string, ids []string, scan func(scanner) (T, error)) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	arg, err := idsArg(ids)
	if err != nil {
		return nil, fmt.Errorf("storage: read %s: %w", what, err)
	}
	out, err := collect(ctx, db.sql, what, "SELECT "+cols+" FROM "+table+" WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
		[]any{arg}, scan)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// StartupsByID returns the startups with the given IDs.
func (db *DB) StartupsByID(ctx context.Context, ids []string) ([]*event.Startup, error) {
	return byIDs(ctx, db, "startups by id", startupCols, "startups", ids, scanStartup)
}

// CompaniesByID returns the companies with the given IDs.
func (db *DB) CompaniesByID(ctx context.Context, ids []string) ([]*event.Company, error) {
	return byIDs(ctx, db, "companies by id", companyCols, "companies", ids, scanCompany)
}

// ThemesByID returns the themes with the given IDs.
func (db *DB) ThemesByID(ctx context.Context, ids []string) ([]*event.Theme, error) {
	return byIDs(ctx, db, "themes by id", themeCols, "themes", ids, scanTheme)
}

// NamesByID returns the names (a theme's title) of the records of entity
// ("startup", "company" or "theme") with the given IDs, by ID: the
// portal's lists show only names of the other records they name.
func (db *DB) NamesByID(ctx context.Context, entity string, ids []string) (map[string]event.Text, error) {
	var query string
	switch entity {
	case "startup":
		query = "SELECT id, name_ja, name_en FROM startups"
	case "company":
		query = "SELECT id, name_ja, name_en FROM companies"
	case "theme":
		query = "SELECT id, title_ja, title_en FROM themes"
	default:
		return nil, fmt.Errorf("storage: names of %q: unknown entity", entity)
	}
	out := make(map[string]event.Text, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	arg, err := idsArg(ids)
	if err != nil {
		return nil, fmt.Errorf("storage: names of %s: %w", entity, err)
	}
	type named struct {
		id   string
		name event.Text
	}
	l, err := collect(ctx, db.sql, entity+" names", query+" WHERE id IN (SELECT value FROM json_each(?))", []any{arg},
		func(sc scanner) (named, error) {
			var n named
			err := sc.Scan(&n.id, &n.name.Ja, &n.name.En)
			return n, err
		})
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	for _, n := range l {
		out[n.id] = n.name
	}
	return out, nil
}

// ThemesStamp changes whenever the event settings, a company or a theme
// change (the event's version; each table's row count, latest update and
// sum of versions), so what a reader built from them can be kept until
// it does.
func (db *DB) ThemesStamp(ctx context.Context) (string, error) {
	var stamp string
	err := db.sql.QueryRowContext(ctx, `SELECT
		ifnull((SELECT version FROM event WHERE id = 1), 0) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(updated_at), '') || '/' || total(version) FROM companies) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(updated_at), '') || '/' || total(version) FROM themes)`).Scan(&stamp)
	if err != nil {
		return "", fmt.Errorf("storage: themes stamp: %w", err)
	}
	return stamp, nil
}

// ModelStamp changes whenever what the scouts' ranking is computed from
// changes: the event settings, the startups, companies and themes (row
// count, latest update, sum of versions), the interests (count, highest
// and sum of IDs: they are added and deleted, never reused) and the cached
// embeddings (count).
func (db *DB) ModelStamp(ctx context.Context) (string, error) {
	var stamp string
	err := db.sql.QueryRowContext(ctx, `SELECT
		ifnull((SELECT version FROM event WHERE id = 1), 0) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(updated_at), '') || '/' || total(version) FROM startups) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(updated_at), '') || '/' || total(version) FROM companies) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(updated_at), '') || '/' || total(version) FROM themes) || '|' ||
		(SELECT count(*) || '/' || ifnull(max(id), 0) || '/' || total(id) FROM interests) || '|' ||
		(SELECT count(*) FROM embeddings)`).Scan(&stamp)
	if err != nil {
		return "", fmt.Errorf("storage: model stamp: %w", err)
	}
	return stamp, nil
}
