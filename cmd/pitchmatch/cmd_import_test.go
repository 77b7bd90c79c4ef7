package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/exchange"
	"pitchmatch/storage"
)

const fixtures = "../../exchange/testdata/organizer"

func fixture(name string) string { return filepath.Join(fixtures, name) }

// dump is `sqlite3 F .dump`, the file as an independent reader sees it.
func dump(t *testing.T, db string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", db, ".dump").CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 .dump: %v %s", err, out)
	}
	return string(out)
}

// dumpWithout drops the INSERT lines of the given tables.
func dumpWithout(d string, tables ...string) string {
	var keep []string
	for _, l := range strings.Split(d, "\n") {
		skip := false
		for _, t := range tables {
			if strings.HasPrefix(l, "INSERT INTO "+t+" ") || strings.HasPrefix(l, "INSERT INTO \""+t+"\"") {
				skip = true
			}
		}
		if !skip {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// rows reads a table as JSON objects through the sqlite3 shell.
func rows(t *testing.T, db, query string) []map[string]any {
	t.Helper()
	out, err := exec.Command("sqlite3", "-json", db, query).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %s: %v %s", query, err, out)
	}
	var rs []map[string]any
	if len(strings.TrimSpace(string(out))) == 0 {
		return nil
	}
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("sqlite3 -json: %v", err)
	}
	return rs
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 {
		t.Fatalf("pitchmatch %s: exit %d\n%s\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// newEvent creates an empty event from the CLI.
func newEvent(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "event.db")
	out := mustCLI(t, "new", "--db", db, "--name-ja", "テスト・サミット2026", "--name-en", "Test Summit 2026",
		"--venue-ja", "パシフィコ横浜", "--dates", "2026-10-14..2026-10-15", "--start", "10:00", "--end", "17:00",
		"--slot", "30", "--breaks", "12:00-13:00", "--tables", "4", "--startup-cap", "5", "--floor", "1")
	if !strings.Contains(out, "2 days, 24 slots, 4 tables") {
		t.Fatalf("new: %s", out)
	}
	return db
}

// From `pitchmatch new` to a saved schedule with only CLI commands and the
// organizer fixture files: no demo data anywhere in the event.
func TestNewToScheduleWithFixtures(t *testing.T) {
	db := newEvent(t)
	if c := counts(t, db); c["startups"] != 0 || c["companies"] != 0 || c["themes"] != 0 || c["interests"] != 0 || c["slots"] != 24 {
		t.Fatalf("new event is not empty: %v", c)
	}
	mustCLI(t, "import", "--db", db, "--kind", "companies", fixture("unicode_text_companies.tsv"))
	mustCLI(t, "import", "--db", db, "--kind", "themes", fixture("themes.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", "--value", "areas:その他: 美容=-", fixture("google_forms_startups.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("title_merged_startups.xlsx"))
	mustCLI(t, "import", "--db", db, "--kind", "availability", fixture("availability.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "interests", fixture("interests.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "settings", fixture("settings.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "figures", fixture("figures.csv"))
	c := counts(t, db)
	if c["startups"] != 9 || c["companies"] != 2 || c["themes"] != 2 || c["interests"] != 4 {
		t.Fatalf("after imports: %v", c)
	}
	names := rows(t, db, "SELECT name_ja FROM startups")
	want := []string{"株式会社メドテックA", "株式会社ハートB", "ケアC株式会社", "㈱髙橋メディカル", "髙木ラボ株式会社", "㈲ケア①",
		"株式会社オオサカ・デバイス", "ナニワ診断株式会社", "キョウト・ロボ"}
	for _, n := range names {
		if !slices.Contains(want, n["name_ja"].(string)) {
			t.Errorf("startup %q is not from the fixtures", n["name_ja"])
		}
	}
	ev := rows(t, db, "SELECT data FROM event")
	var settings struct {
		StartupCap    int `json:"startup_cap"`
		CompanyCap    int `json:"company_cap"`
		FairnessFloor int `json:"fairness_floor"`
		PastFigures   []struct {
			Year, Meetings, Deals int
		} `json:"past_figures"`
	}
	if err := json.Unmarshal([]byte(ev[0]["data"].(string)), &settings); err != nil {
		t.Fatal(err)
	}
	if settings.StartupCap != 4 || settings.CompanyCap != 10 || settings.FairnessFloor != 1 || len(settings.PastFigures) != 2 ||
		settings.PastFigures[1].Meetings != 1452 || settings.PastFigures[1].Deals != 96 {
		t.Errorf("settings/figures not imported: %+v", settings)
	}
	av := rows(t, db, "SELECT * FROM availability")
	if len(av) != 2 {
		t.Errorf("availability rows: %v", av)
	}
	mustCLI(t, "schedule", "--db", db, "--save", "--min-score", "0")
	if c := counts(t, db); c["meetings"] == 0 {
		t.Fatalf("no meetings saved: %v", c)
	}
	// The must-meet pair (株式会社ハートB with C02) is scheduled, and nobody
	// meets in a slot they said they cannot.
	ms := rows(t, db, "SELECT m.startup_id, m.company_id, m.slot FROM meetings m WHERE status <> 'cancelled'")
	heart := rows(t, db, "SELECT id FROM startups WHERE name_ja = '株式会社ハートB'")[0]["id"]
	medA := rows(t, db, "SELECT id FROM startups WHERE name_ja = '株式会社メドテックA'")[0]["id"]
	found := false
	for _, m := range ms {
		slot := int(m["slot"].(float64))
		if m["startup_id"] == heart && m["company_id"] == "C02" {
			found = true
		}
		if m["startup_id"] == medA && slot < 4 {
			t.Errorf("株式会社メドテックA meets in slot %d, unavailable (10/14 午前)", slot)
		}
		if m["company_id"] == "C02" && slot >= 4 && slot < 8 {
			t.Errorf("C02 meets in slot %d, unavailable (D1 13:00-15:00)", slot)
		}
		if m["startup_id"] == rows(t, db, "SELECT id FROM startups WHERE name_ja = 'ケアC株式会社'")[0]["id"] && m["company_id"] == "C01" {
			t.Error("a no-thanks pair was scheduled")
		}
	}
	if !found {
		t.Errorf("must-meet pair not scheduled: %v", ms)
	}
	integrityOK(t, db)
}

// A 5-column subset changes only those fields: every other stored value,
// and every other table, is byte-identical in the dump.
func TestSubsetReimportChangesOnlyThoseFields(t *testing.T) {
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("title_merged_startups.xlsx"))
	before := dump(t, db)
	beforeRows := rows(t, db, "SELECT * FROM startups ORDER BY id")
	subset := filepath.Join(t.TempDir(), "subset.csv")
	os.WriteFile(subset, []byte("ID,従業員数,資金調達ステージ,ウェブサイト,開発段階\r\n"+
		"S0101,２０名,シリーズB,https://takahashi.example.jp,治験\r\n"+
		"S0203,4,シード,https://kyoto-robo.example.jp,試作\r\n"), 0o644)
	out := mustCLI(t, "import", "--db", db, "--kind", "startups", subset)
	if !strings.Contains(out, "0 new, 2 changed") || !strings.Contains(out, "Headcount: 15 → 20") {
		t.Errorf("import output:\n%s", out)
	}
	after := dump(t, db)
	skip := []string{"startups", "audit", "audit_changes", "settings", "sqlite_sequence"}
	if b, a := dumpWithout(before, skip...), dumpWithout(after, skip...); b != a {
		t.Errorf("tables other than startups, the audit log and the saved mapping changed:\n%s\n---\n%s", b, a)
	}
	afterRows := rows(t, db, "SELECT * FROM startups ORDER BY id")
	changed := map[string]bool{"headcount": true, "funding_stage": true, "website": true, "dev_stage": true, "version": true, "updated_at": true}
	for i, b := range beforeRows {
		a := afterRows[i]
		for col, v := range b {
			inFile := b["id"] == "S0101" || b["id"] == "S0203"
			if a[col] != v && (!inFile || !changed[col]) {
				t.Errorf("%s.%s changed: %v → %v", b["id"], col, v, a[col])
			}
		}
	}
	if afterRows[0]["headcount"].(float64) != 20 || afterRows[0]["dev_stage"] != "clinical_trial" {
		t.Errorf("subset not applied: %v", afterRows[0])
	}
}

// Damaged files are each refused with one message naming the row, and the
// database is unchanged (sqlite3 .dump identical).
func TestRefusedImportsLeaveDatabaseUnchanged(t *testing.T) {
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	before := dump(t, db)
	head := "ID,社名,従業員数,領域\r\n"
	for name, tc := range map[string]struct{ data, says string }{
		"short":    {head + "S0101,㈱髙橋メディカル,16\r\n", "startups.csv:2: has 3 cells but the header has 4"},
		"bom":      {head + "S0101,㈱髙橋メディカル,16,がん\r\n\uFEFFS0102,髙木ラボ株式会社,9,がん\r\n", "startups.csv:3: contains a stray byte-order mark"},
		"header":   {head + "S0101,㈱髙橋メディカル,16,がん\r\n" + head, "startups.csv:3: repeats the header row"},
		"dup":      {head + "S0101,㈱髙橋メディカル,16,がん\r\nS0101,同じ,9,がん\r\n", "startups.csv:3: column \"ID\": duplicate id \"S0101\""},
		"label":    {head + "S0101,㈱髙橋メディカル,16,循環\r\n", "startups.csv:2: column \"領域\": \"循環\" is not one of the therapeutic areas. Did you mean \"Cardiovascular\""},
		"label-ja": {head + "S0101,㈱髙橋メディカル,16,循環\r\n", "startups.csv:2: 列「領域」: 「循環」は「疾患・診療領域」の選択肢にありません。もしかして: 「循環器」"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "startups.csv")
			os.WriteFile(path, []byte(tc.data), 0o644)
			lang := "en"
			if strings.HasSuffix(name, "-ja") {
				lang = "ja"
			}
			code, _, errOut := cli(t, "import", "--db", db, "--lang", lang, path)
			if code != 1 || !strings.Contains(errOut, tc.says) || strings.Count(strings.TrimSpace(errOut), "\n") != 1 {
				t.Errorf("exit %d, stderr:\n%s\nwant one problem saying %q", code, errOut, tc.says)
			}
			if dump(t, db) != before {
				t.Error("a refused import changed the database")
			}
		})
	}
	// --dry-run prints the counts and the changes and stores nothing.
	path := filepath.Join(t.TempDir(), "startups.csv")
	os.WriteFile(path, []byte(head+"S0101,㈱髙橋メディカル,16,がん\r\nS0999,新しい会社,3,眼科\r\n"), 0o644)
	code, out, errOut := cli(t, "import", "--db", db, "--dry-run", path)
	if code != 0 || !strings.Contains(out, "1 new, 1 changed") || !strings.Contains(out, "Headcount: 15 → 16") || !strings.Contains(out, "dry run") {
		t.Errorf("dry run: %d\n%s\n%s", code, out, errOut)
	}
	if dump(t, db) != before {
		t.Error("--dry-run changed the database")
	}
}

// An import of an older export leaves the records edited since and says
// which; --overwrite with their IDs replaces them.
func TestStaleExportImport(t *testing.T) {
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	old := filepath.Join(t.TempDir(), "startups.csv")
	mustCLI(t, "export", "--db", db, "--kind", "startups", "--out", old)
	// An edit made meanwhile (as the portal or the desktop would).
	edit := filepath.Join(t.TempDir(), "edit.csv")
	os.WriteFile(edit, []byte("ID,従業員数\nS0101,99\n"), 0o644)
	mustCLI(t, "import", "--db", db, "--kind", "startups", edit)
	// The old export, changed in another field of the same record.
	data, _ := os.ReadFile(old)
	os.WriteFile(old, []byte(strings.Replace(string(data), "Takahashi Medical", "Takahashi Medical Inc.", 1)), 0o644)
	out := mustCLI(t, "import", "--db", db, "--kind", "startups", old)
	if !strings.Contains(out, "left S0101") || !strings.Contains(out, "--overwrite S0101") {
		t.Errorf("stale record not reported:\n%s", out)
	}
	if r := rows(t, db, "SELECT name_en, headcount FROM startups WHERE id = 'S0101'"); r[0]["headcount"].(float64) != 99 || r[0]["name_en"] != "Takahashi Medical" {
		t.Errorf("the stale import reverted or changed S0101: %v", r)
	}
	mustCLI(t, "import", "--db", db, "--kind", "startups", "--overwrite", "S0101", old)
	if r := rows(t, db, "SELECT name_en, headcount FROM startups WHERE id = 'S0101'"); r[0]["name_en"] != "Takahashi Medical Inc." {
		t.Errorf("--overwrite did not apply: %v", r)
	}
}

func TestDeleteRefusedThenConfirmed(t *testing.T) {
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "companies", fixture("unicode_text_companies.tsv"))
	mustCLI(t, "import", "--db", db, "--kind", "themes", fixture("themes.csv"))
	before := dump(t, db)
	code, _, errOut := cli(t, "delete", "--db", db, "company", "C01")
	if code != 1 || !strings.Contains(errOut, "1 theme(s)") || dump(t, db) != before {
		t.Fatalf("delete with dependents: exit %d %s", code, errOut)
	}
	out := mustCLI(t, "delete", "--db", db, "--yes", "company", "C01")
	if !strings.Contains(out, "deleted company C01 (with 1 theme(s))") {
		t.Errorf("delete: %s", out)
	}
	if c := counts(t, db); c["companies"] != 1 || c["themes"] != 1 {
		t.Errorf("after delete: %v", c)
	}
	if a := rows(t, db, "SELECT action, detail FROM audit WHERE action = 'company.delete'"); len(a) != 1 || !strings.Contains(a[0]["detail"].(string), "theme") {
		t.Errorf("audit: %v", a)
	}
	mustCLI(t, "delete", "--db", db, "theme", "T02")
	if code, _, _ := cli(t, "delete", "--db", db, "theme", "T02"); code != 1 {
		t.Error("deleting a missing theme succeeded")
	}
}

// TestMain lets a test run the CLI as a second, real process: the test
// binary re-executed with PITCHMATCH_TEST_CLI set to the arguments.
func TestMain(m *testing.M) {
	if args := os.Getenv("PITCHMATCH_TEST_CLI"); args != "" {
		env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
		os.Exit(run(context.Background(), env, strings.Split(args, "\x1f")))
	}
	os.Exit(m.Run())
}

// otherProcess runs the CLI in a separate process on the same file.
func otherProcess(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PITCHMATCH_TEST_CLI="+strings.Join(args, "\x1f"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("other process %v: %v\n%s", args, err, out)
	}
}

// The stale-import race with two real processes: an import previews,
// another process edits the same record, and the import's commit is
// refused (EConflict) instead of reverting the edit; nothing is stored.
func TestStaleImportRaceTwoProcesses(t *testing.T) {
	ctx := context.Background()
	db := newEvent(t)
	mustCLI(t, "import", "--db", db, "--kind", "startups", fixture("excel_sjis_startups.csv"))
	file := filepath.Join(t.TempDir(), "startups.csv")
	os.WriteFile(file, []byte("ID,従業員数,製品名\nS0101,16,新製品\nS0102,9,\n"), 0o644)

	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := exchange.ReadTableFile(ctx, file, exchange.TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := exchange.BuildPlan(ctx, tb, exchange.SuggestMapping(exchange.KindStartups, tb, nil),
		&exchange.Stored{Event: snap.Event, Startups: snap.Startups}, exchange.PlanOptions{})
	if err != nil || plan.Err() != nil || plan.Changed != 2 {
		t.Fatalf("preview: %v %v %s", err, plan.Err(), plan.Summary(event.En))
	}
	// Meanwhile, another process edits S0101 (as the portal or the desktop would).
	edit := filepath.Join(t.TempDir(), "edit.csv")
	os.WriteFile(edit, []byte("ID,従業員数\nS0101,99\n"), 0o644)
	otherProcess(t, "import", "--db", db, "--kind", "startups", edit)
	before := dump(t, db)
	err = st.ImportWith(ctx, "test", plan.Batch, storage.ImportOptions{CheckVersions: true})
	if event.ErrorCode(err) != event.EConflict || !strings.Contains(err.Error(), "startup S0101") {
		t.Fatalf("commit after a concurrent edit: %v", err)
	}
	if dump(t, db) != before {
		t.Error("the refused commit stored something")
	}
	if r := rows(t, db, "SELECT headcount FROM startups WHERE id = 'S0101'"); r[0]["headcount"].(float64) != 99 {
		t.Errorf("the concurrent edit was reverted: %v", r)
	}
}
