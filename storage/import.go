package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
)

// Import stores a batch in one transaction, all or nothing. Every record is
// validated first. Startups, companies and themes are matched by ID:
// inserted with Version 1 when new, overwritten with Version bumped when
// present. The event settings, when given, overwrite the stored ones.
// Availability replaces the participant's earlier record. Interests with ID
// 0 are added (an identical statement is merged), those with an ID
// overwrite it. Meetings are matched by ID, else by UID, else inserted. The
// records' Version, UpdatedAt, IDs and UIDs are set on the batch on success.
// The audit log gets one entry per kind of record with the counts.
func (db *DB) Import(ctx context.Context, actor string, b *event.Batch) error {
	return db.ImportWith(ctx, actor, b, ImportOptions{})
}

// ImportOptions tune ImportWith.
type ImportOptions struct {
	// CheckVersions makes every startup, company and theme (and the event
	// settings) carry the stored version it was read at: Version 0 must be
	// new, any other Version must equal the stored one. A record changed
	// (or created) meanwhile refuses the whole import with an EConflict
	// error naming the records, and nothing is stored. This is how an
	// import never overwrites what its preview did not show.
	CheckVersions bool
	// Progress, if set, is told how many records are stored (done of total).
	Progress func(done, total int)
}

// ImportWith is Import with options.
func (db *DB) ImportWith(ctx context.Context, actor string, b *event.Batch, opt ImportOptions) error {
	if b == nil {
		return nil
	}
	if err := validateBatch(b); err != nil {
		return fmt.Errorf("storage: import: %w", err)
	}
	at := now()
	interests := make([]event.Interest, len(b.Interests))
	copy(interests, b.Interests)
	meetings := make([]event.Meeting, len(b.Meetings))
	copy(meetings, b.Meetings)
	var eventVersion int64
	var startupV, companyV, themeV []int64
	err := db.write(ctx, "import", func(ctx context.Context, tx *sql.Tx) error {
		ev, stored, err := eventByRow(ctx, tx)
		if err != nil {
			return err
		}
		total := len(b.Companies) + len(b.Startups) + len(b.Themes) + len(b.Availability) + len(b.Interests) + len(b.Meetings)
		done := 0
		progress := func(n int) {
			done += n
			if opt.Progress != nil {
				opt.Progress(done, total)
			}
		}
		if opt.CheckVersions {
			if err := checkImportVersions(ctx, tx, b, ev, stored); err != nil {
				return err
			}
		}
		if b.Event != nil {
			eventVersion = ev.Version + 1
			if err := putEvent(ctx, tx, b.Event, eventVersion, at); err != nil {
				return err
			}
			ev = b.Event
			action := "import.event"
			if !stored {
				action = "import.event.create"
			}
			if err := audit(ctx, tx, at, actor, action, "event", "", fmt.Sprintf("version %d", eventVersion)); err != nil {
				return err
			}
		}
		if companyV, err = upsertAll(ctx, tx, actor, at, "companies", companyCols, "company", "", len(b.Companies),
			func(int) string { return "" },
			func(k int, v int64) []any { return companyArgs(b.Companies[k], v, at) }, func(k int) any { return b.Companies[k] }); err != nil {
			return err
		}
		progress(len(b.Companies))
		if startupV, err = upsertAll(ctx, tx, actor, at, "startups", startupCols, "startup", "", len(b.Startups),
			func(int) string { return "" },
			func(k int, v int64) []any { return startupArgs(b.Startups[k], v, at) }, func(k int) any { return b.Startups[k] }); err != nil {
			return err
		}
		progress(len(b.Startups))
		if themeV, err = upsertAll(ctx, tx, actor, at, "themes", themeCols, "theme", "company", len(b.Themes),
			func(k int) string { return b.Themes[k].CompanyID },
			func(k int, v int64) []any { return themeArgs(b.Themes[k], v, at) }, func(k int) any { return b.Themes[k] }); err != nil {
			return err
		}
		progress(len(b.Themes))
		if err := importAvailability(ctx, tx, actor, at, b.Availability, ev); err != nil {
			return err
		}
		progress(len(b.Availability))
		if err := importInterests(ctx, tx, actor, at, interests); err != nil {
			return err
		}
		if err := removeInterests(ctx, tx, actor, at, b.RemoveInterests); err != nil {
			return err
		}
		progress(len(b.Interests))
		if err := importMeetings(ctx, tx, actor, at, meetings, ev); err != nil {
			return err
		}
		progress(len(b.Meetings))
		return nil
	})
	if err != nil {
		return err
	}
	if b.Event != nil {
		b.Event.Version = eventVersion
	}
	for k, v := range companyV {
		b.Companies[k].Version, b.Companies[k].UpdatedAt = v, at
	}
	for k, v := range startupV {
		b.Startups[k].Version, b.Startups[k].UpdatedAt = v, at
	}
	for k, v := range themeV {
		b.Themes[k].Version, b.Themes[k].UpdatedAt = v, at
	}
	copy(b.Interests, interests)
	copy(b.Meetings, meetings)
	return nil
}

// validateBatch validates every record and refuses IDs listed twice.
func validateBatch(b *event.Batch) error {
	if b.Event != nil {
		if err := b.Event.Validate(); err != nil {
			return err
		}
	}
	type validator interface{ Validate() error }
	check := func(entity string, n int, id func(int) string, rec func(int) validator) error {
		seen := make(map[string]int, n)
		for k := 0; k < n; k++ {
			r := rec(k)
			if r == nil {
				return invalid(fmt.Sprintf("%sの%d件目が空です", jaName(entity), k+1), fmt.Sprintf("%s %d of %d is missing", entity, k+1, n))
			}
			if err := r.Validate(); err != nil {
				return fmt.Errorf("%s %d of %d: %w", entity, k+1, n, err)
			}
			if j, dup := seen[id(k)]; dup {
				return invalid(fmt.Sprintf("%s %s が%d件目と%d件目に重複しています", jaName(entity), id(k), j+1, k+1),
					fmt.Sprintf("%s %s is listed twice (records %d and %d)", entity, id(k), j+1, k+1))
			}
			seen[id(k)] = k
		}
		return nil
	}
	if err := check("company", len(b.Companies), func(k int) string { return b.Companies[k].ID },
		func(k int) validator {
			if b.Companies[k] == nil {
				return nil
			}
			return b.Companies[k]
		}); err != nil {
		return err
	}
	if err := check("startup", len(b.Startups), func(k int) string { return b.Startups[k].ID },
		func(k int) validator {
			if b.Startups[k] == nil {
				return nil
			}
			return b.Startups[k]
		}); err != nil {
		return err
	}
	return check("theme", len(b.Themes), func(k int) string { return b.Themes[k].ID },
		func(k int) validator {
			if b.Themes[k] == nil {
				return nil
			}
			return b.Themes[k]
		})
}

// upsertAll inserts or overwrites n records of a versioned table through one
// prepared statement and returns their new versions. refs names what a
// foreign-key failure of record k refers to, refID(k) its ID; rec(k) is the
// record, whose changed fields (or creation) the audit entry lists.
func upsertAll(ctx context.Context, tx *sql.Tx, actor string, at time.Time, table, cols, entity, refs string, n int,
	refID func(int) string, args func(k int, version int64) []any, rec func(k int) any) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	old, err := versions(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	prev, err := storedRecords(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	var changes []event.FieldChange
	stmt, err := tx.PrepareContext(ctx, upsertSQL(table, cols))
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", table, err)
	}
	defer stmt.Close()
	out := make([]int64, n)
	inserted := 0
	for k := 0; k < n; k++ {
		a := args(k, 0)
		id, _ := a[0].(string)
		v := old[id] + 1
		if v == 1 {
			inserted++
		}
		a[1] = v
		if _, err := stmt.ExecContext(ctx, a...); err != nil {
			if isForeignKey(err) {
				return nil, fmt.Errorf("%s %d of %d: %w", entity, k+1, n, missingRefError(entity, id, refs, refID(k), err))
			}
			return nil, fmt.Errorf("%s %d of %d (%s): %w", entity, k+1, n, id, err)
		}
		out[k] = v
		if v == 1 {
			changes = append(changes, created(entity, id))
		} else {
			changes = append(changes, diffRecords(entity, id, prev[id], rec(k))...)
		}
	}
	return out, auditChanges(ctx, tx, at, actor, "import."+table, entity, "",
		fmt.Sprintf("%d records: inserted %d, updated %d", n, inserted, n-inserted), changes)
}

func importAvailability(ctx context.Context, tx *sql.Tx, actor string, at time.Time, as []event.Availability, ev *event.Event) error {
	if len(as) == 0 {
		return nil
	}
	slots := ev.NumSlots()
	if slots == 0 {
		slots = 1 << 30 // no days yet: only the shape can be checked
	}
	w, err := newAvailabilityWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.Close()
	prior, err := queryAvailability(ctx, tx)
	if err != nil {
		return err
	}
	before := make(map[[2]string]string, len(prior))
	for _, p := range prior {
		before[[2]string{string(p.Kind), p.ID}] = encodeInts(p.Unavailable)
	}
	var changes []event.FieldChange
	for k := range as {
		a := as[k]
		if err := a.Validate(slots); err != nil {
			return fmt.Errorf("availability %d of %d: %w", k+1, len(as), err)
		}
		if err := w.put(ctx, &a); err != nil {
			return fmt.Errorf("availability %d of %d: %w", k+1, len(as), err)
		}
	}
	for _, a := range as {
		if old, now := before[[2]string{string(a.Kind), a.ID}], encodeInts(a.Unavailable); old != now {
			changes = append(changes, event.FieldChange{Entity: string(a.Kind), ID: a.ID, Field: "unavailable", Old: old, New: now})
		}
	}
	return auditChanges(ctx, tx, at, actor, "import.availability", "availability", "", fmt.Sprintf("%d records", len(as)), changes)
}

func importInterests(ctx context.Context, tx *sql.Tx, actor string, at time.Time, is []event.Interest) error {
	if len(is) == 0 {
		return nil
	}
	owners := make(map[string]string)
	rows, err := tx.QueryContext(ctx, "SELECT id, company_id FROM themes")
	if err != nil {
		return fmt.Errorf("read themes: %w", err)
	}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return fmt.Errorf("read themes: %w", err)
		}
		owners[t] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read themes: %w", err)
	}
	owner := func(id string) (string, bool, error) { c, ok := owners[id]; return c, ok, nil }
	w, err := newInterestWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.Close()
	for k := range is {
		if err := prepareInterest(&is[k], owner); err != nil {
			return fmt.Errorf("interest %d of %d: %w", k+1, len(is), err)
		}
		if err := w.put(ctx, &is[k], at); err != nil {
			return fmt.Errorf("interest %d of %d: %w", k+1, len(is), err)
		}
	}
	changes := make([]event.FieldChange, 0, len(is))
	for _, i := range is { // the startup's history shows the statements an import made about it
		changes = append(changes, event.FieldChange{Entity: "startup", ID: i.StartupID, Field: "interest",
			New: fmt.Sprintf("%s %s %s by %s", i.Kind, i.CompanyID, i.ThemeID, i.By)})
	}
	return auditChanges(ctx, tx, at, actor, "import.interests", "interest", "", fmt.Sprintf("%d records", len(is)), changes)
}

// removeInterests deletes the statements an interests file that is the
// whole list of their kinds no longer lists, matched by the statement (pair,
// theme, kind, side) rather than the ID, and records each in the audit log
// under its startup. A statement gone meanwhile is no error.
func removeInterests(ctx context.Context, tx *sql.Tx, actor string, at time.Time, is []event.Interest) error {
	if len(is) == 0 {
		return nil
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM interests WHERE startup_id = ? AND company_id = ? AND ifnull(theme_id, '') = ? AND kind = ? AND by_side = ?`)
	if err != nil {
		return fmt.Errorf("prepare interest delete: %w", err)
	}
	defer del.Close()
	changes := make([]event.FieldChange, 0, len(is))
	for k := range is {
		i := &is[k]
		res, err := del.ExecContext(ctx, i.StartupID, i.CompanyID, i.ThemeID, string(i.Kind), string(i.By))
		if err != nil {
			return fmt.Errorf("remove interest %d of %d: %w", k+1, len(is), err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changes = append(changes, event.FieldChange{Entity: "startup", ID: i.StartupID, Field: "interest",
				Old: fmt.Sprintf("%s %s %s by %s", i.Kind, i.CompanyID, i.ThemeID, i.By)})
		}
	}
	return auditChanges(ctx, tx, at, actor, "import.interests.remove", "interest", "", fmt.Sprintf("%d removed", len(changes)), changes)
}

func importMeetings(ctx context.Context, tx *sql.Tx, actor string, at time.Time, ms []event.Meeting, ev *event.Event) error {
	if len(ms) == 0 {
		return nil
	}
	stored, err := queryMeetings(ctx, tx)
	if err != nil {
		return err
	}
	byID := make(map[int64]*event.Meeting, len(stored))
	byUID := make(map[string]*event.Meeting, len(stored))
	for k := range stored {
		byID[stored[k].ID] = &stored[k]
		byUID[stored[k].UID] = &stored[k]
	}
	inserted, updated, unchanged := 0, 0, 0
	var changes []event.FieldChange // per meeting: created, or what changed
	for k := range ms {
		m := &ms[k]
		if err := meetingShape(m, ev); err != nil {
			return fmt.Errorf("meeting %d of %d: %w", k+1, len(ms), err)
		}
		cur := byID[m.ID]
		if cur == nil && m.UID != "" {
			cur = byUID[m.UID]
		}
		if cur == nil {
			if err := insertMeeting(ctx, tx, m, at); err != nil {
				return fmt.Errorf("meeting %d of %d: %w", k+1, len(ms), err)
			}
			inserted++
			changes = append(changes, meetingDiff(nil, m)...)
			continue
		}
		m.ID = cur.ID
		if diff := meetingDiff(cur, m); len(diff) == 0 && m.Score == cur.Score && m.Sequence <= cur.Sequence {
			*m = *cur // rewritten unchanged: its version, sequence and time stay
			unchanged++
			continue
		}
		if err := updateMeeting(ctx, tx, m, cur, at); err != nil {
			return fmt.Errorf("meeting %d of %d: %w", k+1, len(ms), err)
		}
		updated++
		changes = append(changes, meetingDiff(cur, m)...)
	}
	// Hard placement rules only: an imported timetable may keep meetings
	// where a participant has since become unavailable.
	if err := checkMeetings(ctx, tx, ev, nil); err != nil {
		return err
	}
	return auditChanges(ctx, tx, at, actor, "import.meetings", "meeting", "",
		fmt.Sprintf("%d records: inserted %d, updated %d, unchanged %d", len(ms), inserted, updated, unchanged), changes)
}

// checkImportVersions refuses a batch whose records do not carry the
// stored versions (see ImportOptions.CheckVersions).
func checkImportVersions(ctx context.Context, tx *sql.Tx, b *event.Batch, ev *event.Event, evStored bool) error {
	var stale []string
	check := func(table, entity string, n int, rec func(int) (string, int64)) error {
		if n == 0 {
			return nil
		}
		old, err := versions(ctx, tx, table)
		if err != nil {
			return err
		}
		for k := 0; k < n; k++ {
			id, v := rec(k)
			if old[id] != v {
				stale = append(stale, fmt.Sprintf("%s %s (%d → %d)", entity, id, v, old[id]))
			}
		}
		return nil
	}
	if err := check("companies", "company", len(b.Companies), func(k int) (string, int64) { return b.Companies[k].ID, b.Companies[k].Version }); err != nil {
		return err
	}
	if err := check("startups", "startup", len(b.Startups), func(k int) (string, int64) { return b.Startups[k].ID, b.Startups[k].Version }); err != nil {
		return err
	}
	if err := check("themes", "theme", len(b.Themes), func(k int) (string, int64) { return b.Themes[k].ID, b.Themes[k].Version }); err != nil {
		return err
	}
	if b.Event != nil {
		stored := int64(0)
		if evStored {
			stored = ev.Version
		}
		if b.Event.Version != stored {
			stale = append(stale, fmt.Sprintf("event (%d → %d)", b.Event.Version, stored))
		}
	}
	if len(stale) == 0 {
		return nil
	}
	shown := stale
	if len(shown) > 20 {
		shown = shown[:20]
	}
	list := strings.Join(shown, ", ")
	if len(stale) > len(shown) {
		list += fmt.Sprintf(" … (+%d)", len(stale)-len(shown))
	}
	return &event.Error{Code: event.EConflict, Message: event.Text{
		Ja: fmt.Sprintf("プレビューの後に%d件のデータが他の場所で変更されました（%s）。何も取り込んでいません。もう一度取り込みをやり直してください", len(stale), list),
		En: fmt.Sprintf("%d record(s) changed elsewhere after the preview (%s); nothing was imported; run the import again", len(stale), list),
	}}
}
