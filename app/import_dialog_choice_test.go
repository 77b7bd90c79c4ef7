package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/exchange"
)

// importFile runs a whole import through the session (suggested mapping,
// preview, commit).
func importFile(t *testing.T, u *UI, path string, kind exchange.Kind) {
	t.Helper()
	ctx := context.Background()
	s, err := newImportSession(ctx, u.store, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.suggest(ctx, kind); err != nil {
		t.Fatal(err)
	}
	if p, err := s.preview(ctx, nil); err != nil || p.Err() != nil {
		t.Fatalf("preview %s: %v %v", path, err, p.Err())
	}
	if err := s.commit(ctx, nil); err != nil {
		t.Fatal(err)
	}
}

// An older export, imported from the desktop: each record changed in the
// event since the export is listed with a check, and only the checked ones
// are overwritten.
func TestImportDialogOverwriteChoice(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	importFile(t, u, filepath.Join(organizerFixtures, "unicode_text_companies.tsv"), exchange.KindCompanies)
	// Export (version 1 of both), then both change in the event.
	cs, _ := u.store.Companies(ctx)
	var buf bytes.Buffer
	if err := exchange.WriteTable(ctx, &buf, exchange.KindCompanies, &exchange.Stored{Companies: cs}, false); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		c.Tables = 3
		if err := u.store.SaveCompany(ctx, actor, c); err != nil {
			t.Fatal(err)
		}
	}
	// The old export, with both descriptions edited.
	data := strings.ReplaceAll(buf.String(), "\r\n", "\n")
	lines := strings.Split(strings.TrimSpace(data), "\n")
	header := strings.Split(lines[0], ",")
	col := -1
	for i, h := range header {
		if strings.TrimPrefix(h, "\uFEFF") == "description_ja" {
			col = i
		}
	}
	for i := 1; i < len(lines); i++ {
		cells := strings.Split(lines[i], ",")
		cells[col] = "新しい説明" + cells[0]
		lines[i] = strings.Join(cells, ",")
	}
	path := filepath.Join(t.TempDir(), "companies.csv")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)

	s, err := newImportSession(ctx, u.store, path, "")
	if err != nil {
		t.Fatal(err)
	}
	d := u.showMapping(s)
	test.Tap(d.preview)
	checks := staleChecks(d)
	if len(checks) != 2 || checks[0].Checked || checks[1].Checked || !strings.Contains(checks[0].Text, "C01") ||
		!strings.Contains(checks[0].Text, "版 1") || !strings.Contains(checks[0].Text, "版 2") {
		t.Fatalf("stale list: %v", checkTexts(checks))
	}
	if strings.Contains(d.report.Text, "--overwrite") || !strings.Contains(d.report.Text, "上の一覧でチェック") {
		t.Errorf("the desktop's preview should point to the list, not the CLI flag: %s", d.report.Text)
	}
	if !strings.Contains(d.report.Text, "残す 2件") || d.importBtn.Disabled() {
		t.Fatalf("preview: %s", d.report.Text)
	}
	// Overwrite C01 only.
	test.Tap(checks[0])
	checks = staleChecks(d)
	if len(checks) != 2 || !checks[0].Checked || checks[1].Checked {
		t.Fatalf("after choosing C01: %v", checkTexts(checks))
	}
	if !strings.Contains(d.report.Text, "変更 1件") || !strings.Contains(d.report.Text, "残す 1件") {
		t.Fatalf("preview after the choice: %s", d.report.Text)
	}
	test.Tap(d.importBtn)
	got := map[string]*event.Company{}
	cs, _ = u.store.Companies(ctx)
	for _, c := range cs {
		got[c.ID] = c
	}
	// C01 is the file's row (its older tables too); C02 keeps the event's.
	if got["C01"].Description.Ja != "新しい説明C01" || got["C01"].Tables == 3 {
		t.Errorf("C01 not overwritten by the file: %+v", got["C01"])
	}
	if strings.HasPrefix(got["C02"].Description.Ja, "新しい説明") || got["C02"].Tables != 3 {
		t.Errorf("C02 overwritten without being chosen: %+v", got["C02"])
	}
	if d.bar.Value != 1 || !strings.Contains(d.report.Text, "変更 1件") {
		t.Errorf("after import: bar %v, %s", d.bar.Value, d.report.Text)
	}
}

func staleChecks(d *importDialog) []*widget.Check {
	var out []*widget.Check
	for _, o := range d.stale.Objects {
		if c, ok := o.(*widget.Check); ok {
			out = append(out, c)
		}
	}
	return out
}

func checkTexts(cs []*widget.Check) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

// An interests file from the desktop with "remove absent" for must-meets:
// the preview lists the must-meet the file no longer has, the import
// removes it and keeps the other kinds; ignored columns can be kept as
// notes; a JSON file goes through the same dialog.
func TestImportDialogRemoveNotesJSON(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	importFile(t, u, filepath.Join(organizerFixtures, "unicode_text_companies.tsv"), exchange.KindCompanies)
	importFile(t, u, filepath.Join(organizerFixtures, "themes.csv"), exchange.KindThemes)
	// Startups with the ignored columns kept as notes, from the dialog.
	s, err := newImportSession(ctx, u.store, filepath.Join(organizerFixtures, "google_forms_startups.csv"), "")
	if err != nil {
		t.Fatal(err)
	}
	d := u.showMapping(s)
	if d.notes.Hidden {
		t.Fatal("no notes button for startups")
	}
	test.Tap(d.notes)
	if err := s.setValues("areas:その他: 美容=-"); err != nil {
		t.Fatal(err)
	}
	p, err := s.preview(ctx, nil)
	if err != nil || p.Err() != nil || len(p.Unmapped) != 0 {
		t.Fatalf("preview with notes: %v %v unmapped %v", err, p.Err(), p.Unmapped)
	}
	if err := s.commit(ctx, nil); err != nil {
		t.Fatal(err)
	}
	st, _ := u.store.Startups(ctx)
	for _, x := range st[:3] {
		if !strings.Contains(x.Notes, "代表者名: ") || !strings.Contains(x.Notes, "タイムスタンプ: 2026/06/0") {
			t.Errorf("%s notes %q", x.Name.Ja, x.Notes)
		}
	}
	u.Reload()
	f := newStartupForm(u)
	f.load(st[0])
	if f.notes.Text != st[0].Notes {
		t.Errorf("the desktop form does not show the notes: %q", f.notes.Text)
	}
	importFile(t, u, filepath.Join(organizerFixtures, "excel_sjis_startups.csv"), exchange.KindStartups)
	importFile(t, u, filepath.Join(organizerFixtures, "interests.csv"), exchange.KindInterests)
	before, _ := u.store.Interests(ctx)
	// The organizer's sheet: only the must-meet, as JSON.
	heart := ""
	for _, x := range st {
		if x.Name.Ja == "株式会社ハートB" {
			heart = x.ID
		}
	}
	path := filepath.Join(t.TempDir(), "interests.json")
	os.WriteFile(path, []byte(`{"interests": [{"kind": "no_thanks", "startup_id": "`+heart+`", "company_id": "C01"}]}`), 0o644)
	s, err = newImportSession(ctx, u.store, path, "")
	if err != nil {
		t.Fatal(err)
	}
	d = u.showMapping(s)
	if s.kind != exchange.KindInterests || s.table.Format != "JSON" {
		t.Fatalf("kind %s, format %s", s.kind, s.table.Format)
	}
	if d.notes.Visible() {
		t.Error("notes offered for interests")
	}
	d.remove[event.InterestMustMeet].SetChecked(true)
	test.Tap(d.preview)
	if !strings.Contains(d.report.Text, "新規 1件") || !strings.Contains(d.report.Text, "ファイルにないため削除 1件") ||
		!strings.Contains(d.report.Text, "削除 必須面談: 株式会社ハートB") {
		t.Fatalf("preview: %s", d.report.Text)
	}
	test.Tap(d.importBtn)
	after, _ := u.store.Interests(ctx)
	kinds := map[event.InterestKind]int{}
	for _, in := range after {
		kinds[in.Kind]++
	}
	if len(before) != 4 || kinds["must_meet"] != 0 || kinds["no_thanks"] != 2 || kinds["apply"] != 1 || kinds["request"] != 1 {
		t.Errorf("interests after: %v (before %d)", kinds, len(before))
	}
	if !strings.Contains(d.report.Text, "削除 1件") {
		t.Errorf("after import: %s", d.report.Text)
	}
}

// findButton finds the button labelled text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// The startup form's Delete… button asks with what depends on the
// startup, then deletes it with its interests.
func TestDeleteButtonInStartupForm(t *testing.T) {
	u := emptyEventUI(t)
	ctx := context.Background()
	importFile(t, u, filepath.Join(organizerFixtures, "unicode_text_companies.tsv"), exchange.KindCompanies)
	importFile(t, u, filepath.Join(organizerFixtures, "themes.csv"), exchange.KindThemes)
	importFile(t, u, filepath.Join(organizerFixtures, "excel_sjis_startups.csv"), exchange.KindStartups)
	ipath := filepath.Join(t.TempDir(), "interests.csv")
	os.WriteFile(ipath, []byte("種別,スタートアップ,企業\nリクエスト,S0101,C01\n必須面談,S0102,C02\n"), 0o644)
	importFile(t, u, ipath, exchange.KindInterests)
	u.Reload()
	f := newStartupForm(u)
	del := findButton(f.root, "削除…")
	if del == nil {
		t.Fatal("no delete button in the startup form")
	}
	f.load(&event.Startup{ID: "S9999"}) // not stored: nothing to delete
	test.Tap(del)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog for a record not stored yet")
	}
	s, err := u.store.Startup(ctx, "S0101")
	if err != nil {
		t.Fatal(err)
	}
	f.load(s)
	test.Tap(del)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no confirmation")
	}
	ok := findButton(top, "削除する")
	if ok == nil {
		t.Fatal("no confirm button")
	}
	test.Tap(ok)
	if _, err := u.store.Startup(ctx, "S0101"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("S0101 not deleted: %v", err)
	}
	ins, _ := u.store.Interests(ctx)
	if len(ins) != 1 || ins[0].StartupID != "S0102" {
		t.Errorf("interests after deleting S0101: %+v", ins)
	}
}
