package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
	"pitchmatch/exchange"
)

const organizerFixtures = "../exchange/testdata/organizer"

// emptyEventUI starts the UI on a new empty event made through the New
// event dialog's form.
func emptyEventUI(t *testing.T) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := New(a, event.Ja, DefaultServices())
	u.clk = instantClock()
	u.syncWork = true
	t.Cleanup(u.Close)
	f := newNewEventForm()
	f.nameJa.SetText("テスト・サミット")
	f.dates.SetText("2026-10-14..2026-10-15")
	f.slot.SetText("３０分")
	f.tables.SetText("４")
	ev, err := f.read()
	if err != nil {
		t.Fatal(err)
	}
	if ev.NumSlots() != 24 || ev.Tables != 4 || len(ev.Days) != 2 {
		t.Fatalf("new event: %d slots, %d tables", ev.NumSlots(), ev.Tables)
	}
	path := filepath.Join(t.TempDir(), "event.db")
	if err := u.createEventFile(context.Background(), path, ev); err != nil {
		t.Fatal(err)
	}
	if err := u.createEventFile(context.Background(), path, ev); err == nil {
		t.Fatal("creating over an existing file succeeded")
	}
	if err := u.Open(path); err != nil {
		t.Fatal(err)
	}
	if len(u.Data().Startups) != 0 {
		t.Fatal("a new event is not empty")
	}
	return u
}

// The import dialog's steps: mapping suggested and editable, preview, and
// commit with progress; the mapping is saved for the next file.
func TestImportSessionDesktop(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	s, err := newImportSession(ctx, u.store, filepath.Join(organizerFixtures, "google_forms_startups.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	if s.kind != exchange.KindStartups || s.target(1) != "name_ja" || s.target(0) != exchange.Ignore {
		t.Fatalf("kind %s, column 2 → %q", s.kind, s.target(1))
	}
	u.showMapping(s) // the dialog builds over this session
	p, err := s.preview(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Err() == nil || !strings.Contains(p.Err().(*exchange.ImportError).Message(event.Ja), "もしかして") && !strings.Contains(p.Err().Error(), "allowed values") {
		t.Fatalf("expected the unknown area to be reported: %v", p.Err())
	}
	if err := s.commit(ctx, nil); err == nil {
		t.Fatal("a plan with problems was committed")
	}
	// Map the unknown value away, then also ignore the areas column,
	// preview again, import.
	if err := s.setValues("areas:その他: 美容=-\n"); err != nil {
		t.Fatal(err)
	}
	if p, err = s.preview(ctx, nil); err != nil || p.Err() != nil || p.New != 3 || len(p.Batch.Startups[2].Areas) != 1 {
		t.Fatalf("preview with a value map: %v %v", err, p.Err())
	}
	if err := s.setValues("areas-no-colon"); err == nil {
		t.Error("a bad value rule was accepted")
	}
	for i, h := range s.header(s.m) {
		if strings.HasPrefix(h, "対象領域") {
			s.setTarget(i, exchange.Ignore)
		}
	}
	if p, err = s.preview(ctx, nil); err != nil || p.Err() != nil || p.New != 3 {
		t.Fatalf("preview: %v %v %+v", err, p.Err(), p)
	}
	var last [2]int
	if err := s.commit(ctx, func(done, total int) { last = [2]int{done, total} }); err != nil {
		t.Fatal(err)
	}
	if last[0] != last[1] || last[1] != 3 {
		t.Errorf("progress ended at %v", last)
	}
	got, err := u.store.Startups(ctx)
	if err != nil || len(got) != 3 || len(got[0].Areas) != 0 {
		t.Fatalf("stored %d startups (%v)", len(got), err)
	}
	// The next file of the same shape gets the edited mapping back.
	s2, err := newImportSession(ctx, u.store, filepath.Join(organizerFixtures, "google_forms_startups.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range s2.header(s2.m) {
		if strings.HasPrefix(h, "対象領域") && s2.target(i) != exchange.Ignore {
			t.Error("saved mapping not used for the next file")
		}
	}
	if p, _ := s2.preview(ctx, nil); p.New != 0 || p.Unchanged != 3 {
		t.Errorf("re-import: %s", p.Summary(event.En))
	}
}

func TestDeleteFromDesktop(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	s, err := newImportSession(ctx, u.store, filepath.Join(organizerFixtures, "unicode_text_companies.tsv"), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.suggest(ctx, exchange.KindCompanies); err != nil {
		t.Fatal(err)
	}
	if _, err := s.preview(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.commit(ctx, nil); err != nil {
		t.Fatal(err)
	}
	ds := u.store.(deleteStore)
	if _, err := ds.DeleteRecord(ctx, actor, event.EntityCompany, "C02", true); err != nil {
		t.Fatal(err)
	}
	cs, _ := u.store.Companies(ctx)
	if len(cs) != 1 || cs[0].ID != "C01" {
		t.Errorf("companies after delete: %v", cs)
	}
	u.showDeleteDialog() // builds
}

// schemaPaths are the field-error paths of entity's schema fields: what a
// form must show a message slot for.
func schemaPaths(entity string) []string {
	var out []string
	for _, f := range event.Fields(entity) {
		if f.Type.Bilingual() {
			out = append(out, f.Name+".ja", f.Name+".en")
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

// Every schema field is in the desktop forms (each registers a message
// slot under its field path): a field added to the schema and not to a
// form fails here.
func TestDesktopFormsCoverSchema(t *testing.T) {
	u := emptyEventUI(t)
	forms := map[string]*fieldErrors{
		event.EntityStartup: newStartupForm(u).errs,
		event.EntityCompany: newCompanyForm(u).errs,
		event.EntityTheme:   newThemeForm(u).errs,
	}
	for entity, errs := range forms {
		for _, p := range schemaPaths(entity) {
			if entity == event.EntityTheme && p == "company_id" {
				continue // the parent: a theme is edited under its company
			}
			if _, ok := errs.labels[p]; !ok {
				t.Errorf("desktop %s form has no field %s", entity, p)
			}
		}
	}
}

// A workbook with several sheets: the dialog's sheet choice re-reads the
// chosen one.
func TestImportSessionSheet(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "メモ")
	f.NewSheet("企業")
	f.SetSheetRow("企業", "A1", &[]any{"企業ID", "企業名"})
	f.SetSheetRow("企業", "A2", &[]any{"C9", "テスト工業"})
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	s, err := newImportSession(ctx, u.store, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.table.Sheets) != 2 || s.table.Sheet != "Sheet1" {
		t.Fatalf("sheets %v, read %s", s.table.Sheets, s.table.Sheet)
	}
	u.showMapping(s)
	if err := s.suggest(ctx, exchange.KindCompanies); err != nil {
		t.Fatal(err)
	}
	if err := s.useSheet(ctx, "企業"); err != nil {
		t.Fatal(err)
	}
	p, err := s.preview(ctx, nil)
	if err != nil || p.Err() != nil || p.New != 1 || p.Batch.Companies[0].ID != "C9" {
		t.Fatalf("preview of the chosen sheet: %v %v", err, p.Err())
	}
}
