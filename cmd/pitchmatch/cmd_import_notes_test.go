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
