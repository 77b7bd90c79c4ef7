package storage

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
)

func TestOpenNewFile(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, err := os.Stat(db.Path()); err != nil {
		t.Fatalf("file not created: %v", err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if v != len(ms) || v < 2 {
		t.Errorf("schema version %d, want %d (>= 2)", v, len(ms))
	}
	var mode string
	var fk, sync int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || fk != 1 || sync != 1 {
		t.Errorf("journal_mode %q foreign_keys %d synchronous %d, want wal 1 1 (NORMAL)", mode, fk, sync)
	}
	e, err := db.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name.En != "PitchMatch event" || e.TimeZone != "Asia/Tokyo" || e.SlotMinutes != 30 || e.Version != 0 {
		t.Errorf("default event %+v", e)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestOpenRefusesBadPath(t *testing.T) {
	for _, p := range []string{"", "a?b.db", "file:x.db", ":memory:"} {
		if _, err := Open(context.Background(), p); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("Open(%q) = %v, want invalid", p, err)
		}
	}
}

func TestEventRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	e := testEvent()
	if err := db.SaveEvent(ctx, "organizer", e); err != nil {
		t.Fatal(err)
	}
	if e.Version != 1 {
		t.Fatalf("version %d after insert", e.Version)
	}
	got, err := db.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("event round trip:\n got %+v\nwant %+v", got, e)
	}
	// A second "insert" is a stale write: the stored event comes back.
	fresh := testEvent()
	err = db.SaveEvent(ctx, "other", fresh)
	var ce *event.ConflictError
	if !errors.As(err, &ce) || ce.Stored != 1 || !reflect.DeepEqual(ce.Current, got) {
		t.Fatalf("second insert: %v", err)
	}
	e.Tables = 25
	if err := db.SaveEvent(ctx, "organizer", e); err != nil || e.Version != 2 {
		t.Fatalf("update: %v, version %d", err, e.Version)
	}
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Slots != 32 || c.Tables != 25 {
		t.Errorf("counts %+v, want 32 slots, 25 tables", c)
	}
	bad := testEvent()
	bad.Days = nil
	bad.Version = 2
	if err := db.SaveEvent(ctx, "organizer", bad); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("event without days: %v", err)
	}
}

// TestRecordRoundTrip saves each kind of versioned record, reads it back by
// ID and in the full list, and compares every field.
func TestRecordRoundTrip(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 7))
	full := realisticStartup(r, 1)
	full.Name = event.T("株式会社ハートビート・メディカル（心拍）", "Heartbeat Medical K.K.")
	full.ProductSummary = event.T("「低侵襲」で\n精密な生体信号計測 — ①②③ 🫀", "Minimally invasive, precise biosignal measurement.")
	sparse := &event.Startup{ID: "S-min", Name: event.T("", "Only English")}
	company := realisticCompany(1)
	theme := realisticTheme(r, 1, company.ID)
	themeSparse := &event.Theme{ID: "T-min", CompanyID: company.ID, Title: event.T("テーマ", "")}

	cases := []struct {
		name string
		save func(db *DB) error
		get  func(db *DB) (any, error)
		list func(db *DB) (any, error)
		want any
	}{
		{"startup full", func(db *DB) error { return db.SaveStartup(ctx, "a", full) },
			func(db *DB) (any, error) { return db.Startup(ctx, full.ID) },
			func(db *DB) (any, error) { l, err := db.Startups(ctx); return find(l, full.ID), err }, full},
		{"startup sparse", func(db *DB) error { return db.SaveStartup(ctx, "a", sparse) },
			func(db *DB) (any, error) { return db.Startup(ctx, sparse.ID) },
			func(db *DB) (any, error) { l, err := db.Startups(ctx); return find(l, sparse.ID), err }, sparse},
		{"company", func(db *DB) error { return db.SaveCompany(ctx, "a", company) },
			func(db *DB) (any, error) { return db.Company(ctx, company.ID) },
			func(db *DB) (any, error) { l, err := db.Companies(ctx); return find(l, company.ID), err }, company},
		{"theme full", func(db *DB) error { return db.SaveTheme(ctx, "a", theme) },
			func(db *DB) (any, error) { return db.Theme(ctx, theme.ID) },
			func(db *DB) (any, error) { l, err := db.Themes(ctx); return find(l, theme.ID), err }, theme},
		{"theme sparse", func(db *DB) error { return db.SaveTheme(ctx, "a", themeSparse) },
			func(db *DB) (any, error) { return db.Theme(ctx, themeSparse.ID) },
			func(db *DB) (any, error) { l, err := db.Themes(ctx); return find(l, themeSparse.ID), err }, themeSparse},
	}
	db := openTemp(t) // shared: themes need the company stored before them
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.save(db); err != nil {
				t.Fatal(err)
			}
			if v := reflect.ValueOf(tc.want).Elem().FieldByName("Version").Int(); v != 1 {
				t.Errorf("version %d after insert, want 1", v)
			}
			if u := reflect.ValueOf(tc.want).Elem().FieldByName("UpdatedAt"); u.Interface().(interface{ IsZero() bool }).IsZero() {
				t.Error("UpdatedAt not set")
			}
			for what, read := range map[string]func(*DB) (any, error){"by id": tc.get, "list": tc.list} {
				got, err := read(db)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s:\n got %+v\nwant %+v", what, got, tc.want)
				}
			}
			// Saving again with the version just stored is an update.
			if err := tc.save(db); err != nil {
				t.Errorf("re-save with current version: %v", err)
			}
			if v := reflect.ValueOf(tc.want).Elem().FieldByName("Version").Int(); v != 2 {
				t.Errorf("version %d after update, want 2", v)
			}
		})
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestInsertExistingAndNotFound(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	s := &event.Startup{ID: "S1", Name: event.T("一", "One")}
	if err := db.SaveStartup(ctx, "a", s); err != nil {
		t.Fatal(err)
	}
	dup := &event.Startup{ID: "S1", Name: event.T("二", "Two")}
	if err := db.SaveStartup(ctx, "a", dup); event.ErrorCode(err) != event.EExists {
		t.Errorf("insert of existing ID: %v, want exists", err)
	}
	if dup.Version != 0 {
		t.Error("failed insert set the version")
	}
	ghost := &event.Startup{ID: "S9", Version: 3, Name: event.T("", "Ghost")}
	if err := db.SaveStartup(ctx, "a", ghost); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("update of missing record: %v, want not_found", err)
	}
	if _, err := db.Startup(ctx, "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("Startup(nope): %v", err)
	}
	if err := db.DeleteCompany(ctx, "a", "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("DeleteCompany(nope): %v", err)
	}
	if err := db.SaveTheme(ctx, "a", &event.Theme{ID: "T1", CompanyID: "C404", Title: event.T("x", "x")}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("theme of missing company: %v, want invalid", err)
	}
	bad := &event.Startup{ID: "S2", Name: event.T("", "Bad"), Areas: []string{"astrology"}}
	err := db.SaveStartup(ctx, "a", bad)
	var ve *event.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("invalid startup: %v", err)
	}
}

func TestConflict(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	orig := &event.Startup{ID: "S1", Name: event.T("元の名前", "Original")}
	if err := db.SaveStartup(ctx, "organizer", orig); err != nil {
		t.Fatal(err)
	}
	mine, _ := db.Startup(ctx, "S1")
	theirs, _ := db.Startup(ctx, "S1")
	theirs.Name.En = "Theirs"
	if err := db.SaveStartup(ctx, "scout", theirs); err != nil {
		t.Fatal(err)
	}
	mine.Name.En = "Mine"
	err := db.SaveStartup(ctx, "organizer", mine)
	var ce *event.ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("stale save: %v, want *event.ConflictError", err)
	}
	if event.ErrorCode(err) != event.EConflict {
		t.Errorf("ErrorCode = %q, want conflict", event.ErrorCode(err))
	}
	if ce.Have != 1 || ce.Stored != 2 || ce.Entity != "startup" || ce.ID != "S1" {
		t.Errorf("conflict %+v", ce)
	}
	stored, err := db.Startup(ctx, "S1")
	if err != nil {
		t.Fatal(err)
	}
	if stored.Name.En != "Theirs" || stored.Version != 2 {
		t.Errorf("stored record changed by stale save: %+v", stored)
	}
	if !reflect.DeepEqual(ce.Current, stored) {
		t.Errorf("Current %+v, want stored %+v", ce.Current, stored)
	}
	if mine.Version != 1 {
		t.Errorf("refused save changed the caller's version to %d", mine.Version)
	}
	// Companies and themes follow the same rule.
	c := realisticCompany(1)
	if err := db.SaveCompany(ctx, "a", c); err != nil {
		t.Fatal(err)
	}
	stale := *c
	if err := db.SaveCompany(ctx, "a", c); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCompany(ctx, "a", &stale); event.ErrorCode(err) != event.EConflict {
		t.Errorf("stale company save: %v", err)
	}
}

func TestImportRollsBackWhole(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	r := rand.New(rand.NewPCG(3, 3))
	b := &event.Batch{
		Event:     testEvent(),
		Startups:  []*event.Startup{realisticStartup(r, 1), realisticStartup(r, 2)},
		Companies: []*event.Company{realisticCompany(1)},
		Themes:    []*event.Theme{realisticTheme(r, 1, "C001"), realisticTheme(r, 2, "C999")},
	}
	err := db.Import(ctx, "importer", b)
	if event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "T002") {
		t.Fatalf("import with a theme of a missing company: %v", err)
	}
	c, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c != (event.Counts{Tables: 1}) { // the default event's one table
		t.Errorf("something was stored: %+v", c)
	}
	if e, _ := db.Event(ctx); e.Version != 0 {
		t.Error("event settings were stored")
	}
	if a, _ := db.Audit(ctx, 0); len(a) != 0 {
		t.Errorf("audit entries written: %+v", a)
	}
	if b.Startups[0].Version != 0 {
		t.Error("failed import set versions")
	}

	// An invalid record and a duplicate ID are refused before any write.
	b.Themes = b.Themes[:1]
	b.Startups[1].Areas = []string{"not-a-code"}
	if err := db.Import(ctx, "importer", b); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("invalid startup: %v", err)
	}
	b.Startups[1] = realisticStartup(r, 1)
	if err := db.Import(ctx, "importer", b); event.ErrorCode(err) != event.EInvalid || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate ID: %v", err)
	}
	b.Startups = b.Startups[:1]
	if err := db.Import(ctx, "importer", b); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Counts(ctx); c.Startups != 1 || c.Companies != 1 || c.Themes != 1 {
		t.Errorf("counts after good import %+v", c)
	}
}

func TestImportUpserts(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := seed(t, db, 30, 3)
	for _, s := range b.Startups {
		if s.Version != 1 || s.UpdatedAt.IsZero() {
			t.Fatalf("startup %s version %d after first import", s.ID, s.Version)
		}
	}
	if b.Event.Version != 1 {
		t.Errorf("event version %d", b.Event.Version)
	}
	r := rand.New(rand.NewPCG(9, 9))
	b2 := &event.Batch{
		Startups: []*event.Startup{{ID: b.Startups[0].ID, Name: event.T("改名", "Renamed")}, realisticStartup(r, 100)},
		Availability: []event.Availability{
			{Kind: event.KindStartup, ID: "S00001", Unavailable: []int{0, 1, 31}},
			{Kind: event.KindCompany, ID: "C001", Unavailable: []int{5}},
		},
		Interests: []event.Interest{
			{Kind: event.InterestApply, StartupID: "S00001", ThemeID: "T001", By: event.KindStartup, Note: "応募します"},
			{Kind: event.InterestRequest, StartupID: "S00002", CompanyID: "C002", By: event.KindCompany},
		},
		Meetings: []event.Meeting{
			{StartupID: "S00001", CompanyID: "C001", ThemeID: "T001", Slot: 2, Table: 0, Status: event.StatusProposed, Score: 0.8},
		},
	}
	if err := db.Import(ctx, "importer", b2); err != nil {
		t.Fatal(err)
	}
	if b2.Startups[0].Version != 2 || b2.Startups[1].Version != 1 {
		t.Errorf("versions after upsert %d %d, want 2 1", b2.Startups[0].Version, b2.Startups[1].Version)
	}
	got, _ := db.Startup(ctx, b.Startups[0].ID)
	if got.Name.En != "Renamed" || got.Version != 2 || len(got.Areas) != 0 {
		t.Errorf("overwritten startup %+v", got)
	}
	if b2.Interests[0].ID == 0 || b2.Interests[0].CompanyID != "C001" {
		t.Errorf("interest not written back: %+v", b2.Interests[0])
	}
	if m := b2.Meetings[0]; m.ID == 0 || !strings.HasSuffix(m.UID, "@pitchmatch") || m.Version != 1 {
		t.Errorf("meeting not written back: %+v", m)
	}
	// Re-importing the same availability replaces it; the same interest
	// statement is merged, not duplicated; a meeting with a known UID is
	// updated.
	b3 := &event.Batch{
		Availability: []event.Availability{{Kind: event.KindStartup, ID: "S00001", Unavailable: []int{7}}},
		Interests:    []event.Interest{{Kind: event.InterestApply, StartupID: "S00001", ThemeID: "T001", By: event.KindStartup, Note: "更新"}},
		Meetings:     []event.Meeting{{UID: b2.Meetings[0].UID, StartupID: "S00001", CompanyID: "C001", Slot: 3, Table: 1, Status: event.StatusConfirmed}},
	}
	if err := db.Import(ctx, "importer", b3); err != nil {
		t.Fatal(err)
	}
	av, _ := db.Availability(ctx)
	wantAv := []event.Availability{
		{Kind: event.KindStartup, ID: "S00001", Unavailable: []int{7}},
		{Kind: event.KindCompany, ID: "C001", Unavailable: []int{5}},
	}
	if !reflect.DeepEqual(av, wantAv) {
		t.Errorf("availability %+v, want %+v", av, wantAv)
	}
	is, _ := db.Interests(ctx)
	if len(is) != 2 || is[0].Note != "更新" || is[0].ID != b2.Interests[0].ID {
		t.Errorf("interests %+v", is)
	}
	ms, _ := db.Meetings(ctx)
	if len(ms) != 1 || ms[0].Slot != 3 || ms[0].Sequence != 1 || ms[0].Version != 2 || ms[0].ID != b2.Meetings[0].ID {
		t.Errorf("meetings %+v", ms)
	}
	// Availability outside the event's 32 slots is refused.
	bad := &event.Batch{Availability: []event.Availability{{Kind: event.KindStartup, ID: "S00001", Unavailable: []int{32}}}}
	if err := db.Import(ctx, "importer", bad); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("slot 32 of 32: %v", err)
	}
	audit, err := db.Audit(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]string{}
	for _, a := range audit {
		actions[a.Action] = a.Detail
	}
	if d := actions["import.startups"]; !strings.Contains(d, "inserted") {
		t.Errorf("import audit %+v", audit)
	}
	if audit[0].Action != "import.meetings" || audit[0].Actor != "importer" {
		t.Errorf("newest audit entry %+v", audit[0])
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// find returns the record with id from a list of *Startup, *Company or
// *Theme, or nil.
func find[T any](l []*T, id string) any {
	for _, r := range l {
		if reflect.ValueOf(r).Elem().FieldByName("ID").String() == id {
			return r
		}
	}
	return nil
}

// TestImportRoundTripRandom imports many random profiles, reads them all
// back and compares every field.
func TestImportRoundTripRandom(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	r := rand.New(rand.NewPCG(42, 42))
	b := &event.Batch{}
	for k := 0; k < 500; k++ {
		s := realisticStartup(r, k)
		if k%5 == 0 { // names with characters JSON and SQL treat specially
			s.Name = event.T(`株式会社"引用"\バックスラッシュ'`, "O'Brien \"Quotes\" Ltd.")
			s.ProductSummary.En = strings.Repeat("長文 ", 800)
		}
		b.Startups = append(b.Startups, s)
	}
	if err := db.Import(ctx, "test", b); err != nil {
		t.Fatal(err)
	}
	got, err := db.Startups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(b.Startups) {
		t.Fatalf("%d startups read, want %d", len(got), len(b.Startups))
	}
	for k := range got { // IDs S00000… sort in insertion order
		if !reflect.DeepEqual(got[k], b.Startups[k]) {
			t.Fatalf("startup %d:\n got %+v\nwant %+v", k, got[k], b.Startups[k])
		}
	}
}

func TestCancelledContext(t *testing.T) {
	db := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := rand.New(rand.NewPCG(1, 2))
	err := db.Import(ctx, "test", &event.Batch{Startups: []*event.Startup{realisticStartup(r, 1)}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("import with a cancelled context: %v", err)
	}
	if c, _ := db.Counts(context.Background()); c.Startups != 0 {
		t.Error("cancelled import stored records")
	}
}

// TestCancelMidway cancels a large import and a large read while they run:
// the import stores nothing and both report the cancellation.
func TestCancelMidway(t *testing.T) {
	db := openTemp(t)
	ss := startups20k()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- db.Import(ctx, "test", &event.Batch{Startups: ss}) }()
	// A second connection that does not wait for locks tells when the
	// import's transaction has started.
	probe, err := sql.Open("sqlite3", db.Path()+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	for {
		_, err := probe.ExecContext(context.Background(), "BEGIN IMMEDIATE; ROLLBACK")
		if err != nil {
			break // locked: the import is writing
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	err = <-done
	if err == nil {
		t.Skip("import finished before the cancellation reached it")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: %v, want context.Canceled", err)
	}
	if c, _ := db.Counts(context.Background()); c.Startups != 0 {
		t.Errorf("cancelled import stored %d startups", c.Startups)
	}

	ss = ss[:3000]
	if err := db.Import(context.Background(), "test", &event.Batch{Startups: ss}); err != nil {
		t.Fatal(err)
	}
	rctx, rcancel := context.WithCancel(context.Background())
	if got, err := db.Startups(rctx); err != nil || len(got) != len(ss) {
		t.Fatalf("read with a live cancellable context: %v, %d", err, len(got))
	}
	rcancel()
	if _, err := db.Startups(rctx); !errors.Is(err, context.Canceled) {
		t.Errorf("read with a cancelled context: %v", err)
	}
}
