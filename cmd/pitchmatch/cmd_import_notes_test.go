package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Columns an organizer maps to notes are kept on the records ("header:
// value" lines; the 備考 column as it is), exported, and imported back
// unchanged; a JSON file goes through the same pipeline and changes only
// the keys each record has.
func TestImportNotesAndJSON(t *testing.T) {
	db := newEvent(t)
	args := []string{"import", "--db", db, "--kind", "startups", "--value", "areas:その他: 美容=-", "--unmapped-as-notes"}
	out := mustCLI(t, append(args, "--dry-run", fixture("google_forms_startups.csv"))...)
	if !strings.Contains(out, "タイムスタンプ → Notes (organizer only) [notes]") || !strings.Contains(out, "3 new") {
		t.Errorf("dry run:\n%s", out)
	}
	mustCLI(t, append(args, fixture("google_forms_startups.csv"))...)
	r := rows(t, db, "SELECT name_ja, notes FROM startups WHERE name_ja = '株式会社ハートB'")
	if len(r) != 1 || r[0]["notes"] != "タイムスタンプ: 2026/06/02 11:00:00\n代表者名: 佐藤 花子\n特になし" {
		t.Fatalf("notes: %v", r)
	}
	// The same file again: nothing changes (stable IDs, the same notes).
	before := dump(t, db)
	out = mustCLI(t, append(args, fixture("google_forms_startups.csv"))...)
	if !strings.Contains(out, "0 new, 0 changed") {
		t.Errorf("re-import:\n%s", out)
	}
	if dumpWithout(dump(t, db), "audit", "audit_changes", "settings", "sqlite_sequence") != dumpWithout(before, "audit", "audit_changes", "settings", "sqlite_sequence") {
		t.Errorf("re-importing the same file changed records:\n%s\n---\n%s", dumpWithout(before, "audit", "audit_changes", "settings", "sqlite_sequence"), dumpWithout(dump(t, db), "audit", "audit_changes", "settings", "sqlite_sequence"))
	}
	// CSV and JSON exports carry the notes and import back unchanged.
	dir := t.TempDir()
	csvOut, jsonOut := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.json")
	mustCLI(t, "export", "--db", db, "--kind", "startups", "--out", csvOut)
	mustCLI(t, "export", "--db", db, "--kind", "startups", "--format", "json", "--out", jsonOut)
	if data, _ := os.ReadFile(csvOut); !strings.Contains(string(data), ",notes,") || !strings.Contains(string(data), "代表者名: 佐藤 花子") {
		t.Errorf("CSV export lacks the notes:\n%s", data)
	}
	for _, f := range []string{csvOut, jsonOut} {
		if out := mustCLI(t, "import", "--db", db, "--kind", "startups", f); !strings.Contains(out, "0 new, 0 changed") {
			t.Errorf("%s re-import:\n%s", filepath.Base(f), out)
		}
	}
	// A JSON edit: one record's headcount changed, another without its
	// notes and areas keys (kept as stored, not blanked).
	var recs []map[string]any
	data, _ := os.ReadFile(jsonOut)
	if err := json.Unmarshal(data, &recs); err != nil || len(recs) != 3 {
		t.Fatalf("json export: %v %s", err, data)
	}
	byName := map[string]map[string]any{}
	for _, r := range recs {
		byName[r["name"].(map[string]any)["ja"].(string)] = r
	}
	byName["株式会社メドテックA"]["headcount"] = 13
	heart := byName["株式会社ハートB"]
	delete(heart, "notes")
	delete(heart, "areas")
	heart["website"] = "https://heart-b.example.jp"
	data, _ = json.Marshal(recs)
	os.WriteFile(jsonOut, data, 0o644)
	out = mustCLI(t, "import", "--db", db, "--kind", "startups", "--lang", "en", jsonOut)
	if !strings.Contains(out, "0 new, 2 changed") || !strings.Contains(out, "Headcount: 12 → 13") {
		t.Errorf("json edit:\n%s", out)
	}
	r = rows(t, db, "SELECT notes, areas, website FROM startups WHERE name_ja = '株式会社ハートB'")
	if r[0]["notes"] != "タイムスタンプ: 2026/06/02 11:00:00\n代表者名: 佐藤 花子\n特になし" || r[0]["areas"] != `["cardiovascular","respiratory"]` || r[0]["website"] != "https://heart-b.example.jp" {
		t.Errorf("keys absent from a JSON record were blanked: %v", r)
	}
	// The notes are the organizer's: the portal's profile never has them.
	// (api.StartupJSON and the scouts' fields leave private fields out;
	// see event/api tests.)
}

// An interests file imported with --remove-absent is the whole list of the
// kinds named: stored statements of those kinds it does not list are
// removed, listed first by --dry-run; other kinds stay. Without the flag
// an import only adds.
func TestImportInterestsRemoveAbsent(t *testing.T) {
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "companies", fixture("unicode_text_companies.tsv"))
	mustCLI(t, "import", "--db", db, "--kind", "themes", fixture("themes.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", "--value", "areas:その他: 美容=-", fixture("google_forms_startups.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "interests", fixture("interests.csv"))
	if c := counts(t, db); c["interests"] != 4 {
		t.Fatalf("interests: %v", c)
	}
	// The organizer's must-meet / no-thanks sheet, with the no-thanks row
	// deleted and a new must-meet added.
	sheet := filepath.Join(t.TempDir(), "interests.csv")
	os.WriteFile(sheet, []byte("種別,スタートアップ,企業,メモ\r\n必須面談,株式会社ハートB,C02,事務局判断\r\n必須面談,S0101,C01,\r\n"), 0o644)
	before := dump(t, db)
	out := mustCLI(t, "import", "--db", db, "--lang", "en", "--dry-run", "--remove-absent", "must_meet,見送り", sheet)
	if !strings.Contains(out, "1 new, 0 changed, 1 unchanged, 0 problem(s), 1 removed (not in the file)") ||
		!strings.Contains(out, "removed No thanks: ケアC株式会社") || !strings.Contains(out, "(C01) (by the company) (not in the file)") {
		t.Errorf("dry run:\n%s", out)
	}
	if dump(t, db) != before {
		t.Error("--dry-run changed the database")
	}
	// Without the flag nothing is removed.
	out = mustCLI(t, "import", "--db", db, "--lang", "en", "--dry-run", sheet)
	if strings.Contains(out, "removed") {
		t.Errorf("removal without --remove-absent:\n%s", out)
	}
	out = mustCLI(t, "import", "--db", db, "--lang", "ja", "--remove-absent", "must_meet,no_thanks", sheet)
	if !strings.Contains(out, "削除 1件") {
		t.Errorf("import:\n%s", out)
	}
	got := rows(t, db, "SELECT kind, startup_id, company_id FROM interests ORDER BY kind, startup_id")
	kinds := map[string]int{}
	for _, r := range got {
		kinds[r["kind"].(string)]++
	}
	// apply and request (kinds not named) stay; 2 must-meets; no no-thanks.
	if kinds["apply"] != 1 || kinds["request"] != 1 || kinds["must_meet"] != 2 || kinds["no_thanks"] != 0 {
		t.Errorf("interests after: %v", got)
	}
	if a := rows(t, db, "SELECT count(*) AS n FROM audit WHERE action = 'import.interests.remove'"); a[0]["n"].(float64) != 1 {
		t.Errorf("removal not audited: %v", a)
	}
	// A kind that does not exist is refused before anything is read.
	if code, _, errOut := cli(t, "import", "--db", db, "--remove-absent", "maybe", sheet); code == 0 || !strings.Contains(errOut, "maybe") {
		t.Errorf("bad kind: %d %s", code, errOut)
	}
}
