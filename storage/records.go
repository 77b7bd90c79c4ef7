package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"pitchmatch/event"
)

// ---- startups ----

const startupCols = "id, version, name_ja, name_en, founded, prefecture, headcount, funding_stage, " +
	"product_name_ja, product_name_en, product_summary_ja, product_summary_en, product_type, device_class, " +
	"purposes, areas, technologies, dev_stage, regulatory, needs, partnerships, website, contact_email, " +
	"max_meetings, notes, updated_at"

func startupArgs(s *event.Startup, version int64, at time.Time) []any {
	return []any{s.ID, version, s.Name.Ja, s.Name.En, s.Founded, s.Prefecture, s.Headcount, s.FundingStage,
		s.ProductName.Ja, s.ProductName.En, s.ProductSummary.Ja, s.ProductSummary.En, s.ProductType, s.DeviceClass,
		encodeList(s.Purposes), encodeList(s.Areas), encodeList(s.Technologies), s.DevStage,
		encodeList(s.Regulatory), encodeList(s.Needs), encodeList(s.Partnerships), s.Website, s.ContactEmail,
		s.MaxMeetings, s.Notes, formatTime(at)}
}

func scanStartup(sc scanner) (*event.Startup, error) {
	var s event.Startup
	var purposes, areas, techs, reg, needs, parts, at string
	err := sc.Scan(&s.ID, &s.Version, &s.Name.Ja, &s.Name.En, &s.Founded, &s.Prefecture, &s.Headcount, &s.FundingStage,
		&s.ProductName.Ja, &s.ProductName.En, &s.ProductSummary.Ja, &s.ProductSummary.En, &s.ProductType, &s.DeviceClass,
		&purposes, &areas, &techs, &s.DevStage, &reg, &needs, &parts, &s.Website, &s.ContactEmail,
		&s.MaxMeetings, &s.Notes, &at)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		dst *[]string
		src string
	}{{&s.Purposes, purposes}, {&s.Areas, areas}, {&s.Technologies, techs}, {&s.Regulatory, reg},
		{&s.Needs, needs}, {&s.Partnerships, parts}} {
		if *f.dst, err = decodeList(f.src); err != nil {
			return nil, fmt.Errorf("startup %s: %w", s.ID, err)
		}
	}
	if s.UpdatedAt, err = parseTime(at); err != nil {
		return nil, fmt.Errorf("startup %s: %w", s.ID, err)
	}
	return &s, nil
}

func startupByID(ctx context.Context, q querier, id string) (*event.Startup, error) {
	s, err := scanStartup(q.QueryRowContext(ctx, "SELECT "+startupCols+" FROM startups WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, event.NotFound("startup", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read startup %s: %w", id, err)
	}
	return s, nil
}

// Startup returns the startup with id, or an ENotFound error.
func (db *DB) Startup(ctx context.Context, id string) (*event.Startup, error) {
	s, err := startupByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return s, nil
}

// Startups returns every startup ordered by ID.
func (db *DB) Startups(ctx context.Context) ([]*event.Startup, error) {
	out, err := collect(ctx, db.sql, "startups", "SELECT "+startupCols+" FROM startups ORDER BY id", nil, scanStartup)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// SaveStartup inserts (Version 0) or updates (Version matching) a startup.
func (db *DB) SaveStartup(ctx context.Context, actor string, s *event.Startup) error {
	if s == nil {
		return invalid("スタートアップがありません", "storage: save startup: nil startup")
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("storage: save startup: %w", err)
	}
	at := now()
	var version int64
	err := db.write(ctx, "save startup "+s.ID, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		version, err = saveVersioned(ctx, tx, versioned{
			table: "startups", cols: startupCols, entity: "startup", id: s.ID, have: s.Version,
			args:   func(v int64) []any { return startupArgs(s, v, at) },
			detail: s.Name.In(event.Ja), rec: s,
			current: func() (any, int64, error) {
				cur, err := startupByID(ctx, tx, s.ID)
				if err != nil {
					return nil, 0, err
				}
				return cur, cur.Version, nil
			},
		}, actor, at)
		return err
	})
	if err != nil {
		return err
	}
	s.Version, s.UpdatedAt = version, at
	return nil
}

// DeleteStartup deletes the startup with its interests, meetings,
// availability and portal tokens.
func (db *DB) DeleteStartup(ctx context.Context, actor, id string) error {
	return db.deleteByID(ctx, actor, "startups", "startup", id)
}

// ---- companies ----

const companyCols = "id, version, name_ja, name_en, description_ja, description_en, scouts, max_meetings, tables, notes, updated_at"

func companyArgs(c *event.Company, version int64, at time.Time) []any {
	return []any{c.ID, version, c.Name.Ja, c.Name.En, c.Description.Ja, c.Description.En,
		encodeList(c.Scouts), c.MaxMeetings, c.Tables, c.Notes, formatTime(at)}
}

func scanCompany(sc scanner) (*event.Company, error) {
	var c event.Company
	var scouts, at string
	if err := sc.Scan(&c.ID, &c.Version, &c.Name.Ja, &c.Name.En, &c.Description.Ja, &c.Description.En,
		&scouts, &c.MaxMeetings, &c.Tables, &c.Notes, &at); err != nil {
		return nil, err
	}
	var err error
	if c.Scouts, err = decodeList(scouts); err != nil {
		return nil, fmt.Errorf("company %s: %w", c.ID, err)
	}
	if c.UpdatedAt, err = parseTime(at); err != nil {
		return nil, fmt.Errorf("company %s: %w", c.ID, err)
	}
	return &c, nil
}

func companyByID(ctx context.Context, q querier, id string) (*event.Company, error) {
	c, err := scanCompany(q.QueryRowContext(ctx, "SELECT "+companyCols+" FROM companies WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, event.NotFound("company", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read company %s: %w", id, err)
	}
	return c, nil
}

// Company returns the company with id, or an ENotFound error.
func (db *DB) Company(ctx context.Context, id string) (*event.Company, error) {
	c, err := companyByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return c, nil
}

// Companies returns every company ordered by ID.
func (db *DB) Companies(ctx context.Context) ([]*event.Company, error) {
	out, err := collect(ctx, db.sql, "companies", "SELECT "+companyCols+" FROM companies ORDER BY id", nil, scanCompany)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// SaveCompany inserts (Version 0) or updates (Version matching) a company.
func (db *DB) SaveCompany(ctx context.Context, actor string, c *event.Company) error {
	if c == nil {
		return invalid("企業がありません", "storage: save company: nil company")
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("storage: save company: %w", err)
	}
	at := now()
	var version int64
	err := db.write(ctx, "save company "+c.ID, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		version, err = saveVersioned(ctx, tx, versioned{
			table: "companies", cols: companyCols, entity: "company", id: c.ID, have: c.Version,
			args:   func(v int64) []any { return companyArgs(c, v, at) },
			detail: c.Name.In(event.Ja), rec: c,
			current: func() (any, int64, error) {
				cur, err := companyByID(ctx, tx, c.ID)
				if err != nil {
					return nil, 0, err
				}
				return cur, cur.Version, nil
			},
		}, actor, at)
		return err
	})
	if err != nil {
		return err
	}
	c.Version, c.UpdatedAt = version, at
	return nil
}

// DeleteCompany deletes the company with its themes, interests, meetings,
// and availability.
func (db *DB) DeleteCompany(ctx context.Context, actor, id string) error {
	return db.deleteByID(ctx, actor, "companies", "company", id)
}

// ---- themes ----

const themeCols = "id, version, company_id, title_ja, title_en, description_ja, description_en, areas, technologies, " +
	"stage_min, stage_max, product_types, classes, partnerships, updated_at"

func themeArgs(t *event.Theme, version int64, at time.Time) []any {
	return []any{t.ID, version, t.CompanyID, t.Title.Ja, t.Title.En, t.Description.Ja, t.Description.En,
		encodeList(t.Areas), encodeList(t.Technologies), t.StageMin, t.StageMax,
		encodeList(t.ProductTypes), encodeList(t.Classes), encodeList(t.Partnerships), formatTime(at)}
}

func scanTheme(sc scanner) (*event.Theme, error) {
	var t event.Theme
	var areas, techs, types, classes, parts, at string
	if err := sc.Scan(&t.ID, &t.Version, &t.CompanyID, &t.Title.Ja, &t.Title.En, &t.Description.Ja, &t.Description.En,
		&areas, &techs, &t.StageMin, &t.StageMax, &types, &classes, &parts, &at); err != nil {
		return nil, err
	}
	var err error
	for _, f := range []struct {
		dst *[]string
		src string
	}{{&t.Areas, areas}, {&t.Technologies, techs}, {&t.ProductTypes, types}, {&t.Classes, classes},
		{&t.Partnerships, parts}} {
		if *f.dst, err = decodeList(f.src); err != nil {
			return nil, fmt.Errorf("theme %s: %w", t.ID, err)
		}
	}
	if t.UpdatedAt, err = parseTime(at); err != nil {
		return nil, fmt.Errorf("theme %s: %w", t.ID, err)
	}
	return &t, nil
}

func themeByID(ctx context.Context, q querier, id string) (*event.Theme, error) {
	t, err := scanTheme(q.QueryRowContext(ctx, "SELECT "+themeCols+" FROM themes WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, event.NotFound("theme", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read theme %s: %w", id, err)
	}
	return t, nil
}

// Theme returns the theme with id, or an ENotFound error.
func (db *DB) Theme(ctx context.Context, id string) (*event.Theme, error) {
	t, err := themeByID(ctx, db.sql, id)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return t, nil
}

// Themes returns every theme ordered by ID.
func (db *DB) Themes(ctx context.Context) ([]*event.Theme, error) {
	out, err := collect(ctx, db.sql, "themes", "SELECT "+themeCols+" FROM themes ORDER BY id", nil, scanTheme)
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	return out, nil
}

// SaveTheme inserts (Version 0) or updates (Version matching) a theme; its
// company must exist.
func (db *DB) SaveTheme(ctx context.Context, actor string, t *event.Theme) error {
	if t == nil {
		return invalid("テーマがありません", "storage: save theme: nil theme")
	}
	if err := t.Validate(); err != nil {
		return fmt.Errorf("storage: save theme: %w", err)
	}
	at := now()
	var version int64
	err := db.write(ctx, "save theme "+t.ID, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		version, err = saveVersioned(ctx, tx, versioned{
			table: "themes", cols: themeCols, entity: "theme", id: t.ID, have: t.Version,
			args:   func(v int64) []any { return themeArgs(t, v, at) },
			detail: t.Title.In(event.Ja), rec: t,
			ref: "company", refID: t.CompanyID,
			current: func() (any, int64, error) {
				cur, err := themeByID(ctx, tx, t.ID)
				if err != nil {
					return nil, 0, err
				}
				return cur, cur.Version, nil
			},
		}, actor, at)
		return err
	})
	if err != nil {
		return err
	}
	t.Version, t.UpdatedAt = version, at
	return nil
}

// DeleteTheme deletes the theme and the interests naming it; meetings held
// for it keep their pair and lose the theme.
func (db *DB) DeleteTheme(ctx context.Context, actor, id string) error {
	return db.deleteByID(ctx, actor, "themes", "theme", id)
}

// ---- shared save / delete ----

// versioned describes one Save call on a table keyed by text id.
type versioned struct {
	table, cols, entity, id string
	have                    int64 // the caller's version; 0 inserts
	args                    func(version int64) []any
	detail                  string
	ref, refID              string // what a foreign-key failure names
	current                 func() (any, int64, error)
	rec                     any // the record being saved, for the audit's field changes
}

// saveVersioned inserts or updates one record with optimistic concurrency
// and writes its audit entry; it returns the new version.
func saveVersioned(ctx context.Context, tx *sql.Tx, v versioned, actor string, at time.Time) (int64, error) {
	if v.have < 0 {
		return 0, invalid("バージョンが正しくありません", fmt.Sprintf("%s %s: negative version %d", v.entity, v.id, v.have))
	}
	if v.have == 0 {
		_, err := tx.ExecContext(ctx, insertSQL(v.table, v.cols), v.args(1)...)
		switch {
		case isUnique(err):
			return 0, existsError(v.entity, v.id)
		case isForeignKey(err):
			return 0, missingRefError(v.entity, v.id, v.ref, v.refID, err)
		case err != nil:
			return 0, fmt.Errorf("insert %s %s: %w", v.entity, v.id, err)
		}
		return 1, audit(ctx, tx, at, actor, v.entity+".create", v.entity, v.id, v.detail)
	}
	old, oldVersion, err := v.current()
	if err != nil {
		return 0, err
	}
	if oldVersion != v.have {
		return 0, &event.ConflictError{Entity: v.entity, ID: v.id, Have: v.have, Stored: oldVersion, Current: old}
	}
	res, err := tx.ExecContext(ctx, updateSQL(v.table, v.cols), append(v.args(v.have+1), v.have)...)
	if isForeignKey(err) {
		return 0, missingRefError(v.entity, v.id, v.ref, v.refID, err)
	}
	if err != nil {
		return 0, fmt.Errorf("update %s %s: %w", v.entity, v.id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("update %s %s: %w", v.entity, v.id, err)
	}
	if n == 0 {
		cur, stored, err := v.current()
		if err != nil {
			return 0, err
		}
		return 0, &event.ConflictError{Entity: v.entity, ID: v.id, Have: v.have, Stored: stored, Current: cur}
	}
	changes := diffRecords(v.entity, v.id, old, v.rec)
	return v.have + 1, auditChanges(ctx, tx, at, actor, v.entity+".update", v.entity, v.id,
		fmt.Sprintf("version %d: %s (%s)", v.have+1, v.detail, describeChanges(changes)), changes)
}

// deleteByID deletes one record (foreign keys cascade) and audits it.
func (db *DB) deleteByID(ctx context.Context, actor, table, entity, id string) error {
	return db.write(ctx, "delete "+entity+" "+id, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
		if err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		if n == 0 {
			return event.NotFound(entity, id)
		}
		return audit(ctx, tx, now(), actor, entity+".delete", entity, id, "")
	})
}
