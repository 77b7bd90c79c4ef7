package exchange

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pitchmatch/event"
)

// planFile reads a fixture, suggests the mapping, applies values and plans
// it against st.
func planFile(t *testing.T, name string, kind Kind, st *Stored, values ...[3]string) (*Table, *Plan) {
	t.Helper()
	tb, err := ReadTableFile(context.Background(), filepath.Join(fixtureDir, name), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := SuggestMapping(kind, tb, nil)
	for _, v := range values {
		m.SetValue(v[0], v[1], v[2])
	}
	p, err := BuildPlan(context.Background(), tb, m, st, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tb, p
}

func mappedTo(m *Mapping, header string) string { return m.Columns[fold(header)] }

func TestGoogleFormsCSV(t *testing.T) {
	tb, p := planFile(t, "google_forms_startups.csv", KindStartups, nil)
	want := map[string]string{"会社名": "name_ja", "資金調達ステージを選んでください": "funding_stage", "設立年": "founded",
		"従業員数": "headcount", "対象領域（複数選択可）": "areas", "開発段階": "dev_stage", "製品種別": "product_type",
		"医療機器クラス": "device_class", "メールアドレス": "contact_email", "タイムスタンプ": "", "代表者名": "", "備考": "notes"}
	for h, c := range want {
		if got := mappedTo(p.Mapping, h); got != c {
			t.Errorf("%s mapped to %q, want %q", h, got, c)
		}
	}
	if !reflect.DeepEqual(p.Unmapped, []string{"タイムスタンプ", "代表者名"}) {
		t.Errorf("unmapped %v", p.Unmapped)
	}
	// 「その他: 美容」 is no area: one problem, on row 4, with the allowed
	// labels and the closest ones, in both languages.
	if len(p.Problems) != 1 {
		t.Fatalf("problems: %v", p.Problems)
	}
	pr := p.Problems[0]
	if pr.Row != 4 || pr.Column != "対象領域（複数選択可）" || !strings.Contains(pr.Reason.Ja, "その他: 美容") ||
		!strings.Contains(pr.Reason.Ja, "選べる値: 循環器、消化器") || !strings.Contains(pr.Reason.En, "Cardiovascular, Digestive") ||
		!strings.Contains(pr.Reason.Ja, "--value") {
		t.Errorf("problem: %s / %s", pr.Message(event.Ja), pr.Message(event.En))
	}
	// With a value map the file goes in.
	_, p = planFile(t, "google_forms_startups.csv", KindStartups, nil, [3]string{"areas", "その他: 美容", ""})
	if err := p.Err(); err != nil || p.New != 3 {
		t.Fatalf("with value map: %d new, %v", p.New, err)
	}
	s := p.Batch.Startups
	check := func(i int, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("startup %d (%s): got %v, want %v", i, s[i].Name.Ja, got, want)
		}
	}
	check(0, []any{s[0].FundingStage, s[0].Founded, s[0].Headcount, s[0].Areas, s[0].DevStage, s[0].DeviceClass, s[0].ContactEmail},
		[]any{"seed", 2018, 12, []string{"cardiovascular", "digestive"}, "non_clinical", "class2", "a@example.jp"})
	check(1, []any{s[1].FundingStage, s[1].Areas, s[1].DevStage, s[1].ProductType, s[1].DeviceClass},
		[]any{"series_a", []string{"cardiovascular", "respiratory"}, "clinical_trial", "samd", "class2"})
	check(2, []any{s[2].FundingStage, s[2].Founded, s[2].Headcount, s[2].Areas, s[2].ProductType, s[2].DeviceClass},
		[]any{"series_a", 2020, 5, []string{"dermatology"}, "non_regulated", "none"})
	// Stable IDs: the same file again names the same records, and once
	// they are stored nothing is new or changed.
	_, again := planFile(t, "google_forms_startups.csv", KindStartups, nil, [3]string{"areas", "その他: 美容", ""})
	for i := range s {
		if again.Batch.Startups[i].ID != s[i].ID || !event.ValidID(s[i].ID) {
			t.Errorf("row %d: id %q then %q", i, s[i].ID, again.Batch.Startups[i].ID)
		}
	}
	stored := &Stored{Startups: storedCopies(s)}
	_, third := planFile(t, "google_forms_startups.csv", KindStartups, stored, [3]string{"areas", "その他: 美容", ""})
	if third.New != 0 || third.Changed != 0 || third.Unchanged != 3 {
		t.Errorf("re-import: %s", third.Summary(event.En))
	}
	_ = tb
}

// storedCopies gives records Version 1 as a store would.
func storedCopies(in []*event.Startup) []*event.Startup {
	out := make([]*event.Startup, len(in))
	for i, s := range in {
		c := *s
		c.Version = 1
		out[i] = &c
	}
	return out
}

func TestExcelShiftJISCSV(t *testing.T) {
	tb, p := planFile(t, "excel_sjis_startups.csv", KindStartups, nil)
	if tb.Encoding != encShiftJS {
		t.Fatalf("encoding %s", tb.Encoding)
	}
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	s := p.Batch.Startups
	if len(s) != 3 {
		t.Fatalf("%d startups", len(s))
	}
	got := [][]any{
		{s[0].ID, s[0].Name.Ja, s[0].Headcount, s[0].ProductName.Ja, s[0].Areas, s[0].Founded, s[0].Prefecture},
		{s[1].Name.Ja, s[1].Prefecture, s[1].Headcount, s[1].Founded, s[1].ProductName.Ja},
		{s[2].Name.Ja, s[2].Headcount, s[2].Founded, s[2].Areas},
	}
	want := [][]any{
		{"S0101", "㈱髙橋メディカル", 15, "製品①　改良型", []string{"cardiovascular", "digestive"}, 2015, "tokyo"},
		{"髙木ラボ株式会社", "osaka", 8, 2016, "②センサー"},
		{"㈲ケア①", 1200, 2020, []string{"home_care"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestXLSXTitleRowAndMergedCell(t *testing.T) {
	tb, p := planFile(t, "title_merged_startups.xlsx", KindStartups, nil)
	if tb.Format != "XLSX" || tb.Sheet != "出展者一覧" || p.Mapping.HeaderRow != 2 {
		t.Fatalf("format %s sheet %s header row %d", tb.Format, tb.Sheet, p.Mapping.HeaderRow)
	}
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	s := p.Batch.Startups
	if len(s) != 3 || s[1].ID != "S0202" || s[1].Prefecture != "osaka" || s[1].Headcount != 40 || s[1].Founded != 2017 ||
		s[0].Headcount != 25 || !reflect.DeepEqual(s[0].Areas, []string{"orthopedics", "rehabilitation"}) || s[2].Founded != 2023 ||
		s[1].DevStage != "regulatory_review" {
		for _, x := range s {
			t.Errorf("%+v", *x)
		}
	}
	if p.Records[0].Row != 3 {
		t.Errorf("first data row %d, want 3", p.Records[0].Row)
	}
}

func TestUTF16TSV(t *testing.T) {
	tb, p := planFile(t, "unicode_text_companies.tsv", KindCompanies, nil)
	if tb.Encoding != encUTF16 || tb.Format != "TSV" {
		t.Fatalf("%s %s", tb.Format, tb.Encoding)
	}
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	c := p.Batch.Companies
	if len(c) != 2 || !reflect.DeepEqual(c[0].Scouts, []string{"田中", "Smith"}) || c[0].MaxMeetings != 20 || c[0].Tables != 2 || c[1].Scouts[0] != "髙田" {
		t.Errorf("%+v %+v", c[0], c[1])
	}
}

// Each damaged file is refused with one message naming the row.
func TestRefusedFiles(t *testing.T) {
	head := "id,name_ja,headcount,areas\r\n"
	ok := "S1,一,3,循環器\r\n"
	for _, tc := range []struct {
		name, data string
		row        int
		says       string
	}{
		{"short row", head + ok + "S2,二,4\r\n", 3, "has 3 cells but the header has 4"},
		{"long row", head + ok + "S2,二,4,がん,余分\r\n", 3, "has 5 cells"},
		{"stray BOM", head + ok + "\uFEFFS2,二,4,がん\r\n", 3, "byte-order mark"},
		{"repeated header", head + ok + head + "S2,二,4,がん\r\n", 3, "repeats the header"},
		{"duplicate id", head + ok + "S1,二,4,がん\r\n", 3, "duplicate id \"S1\""},
		{"unknown label", head + ok + "S2,二,4,循環\r\n", 3, "Did you mean \"Cardiovascular\""},
		{"bad number", head + ok + "S2,二,四人くらい,がん\r\n", 3, "not a whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ReadTextTable(context.Background(), "x.csv", strings.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			p, err := BuildPlan(context.Background(), tb, SuggestMapping(KindStartups, tb, nil), nil, PlanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Problems) != 1 || p.Problems[0].Row != tc.row || !strings.Contains(p.Problems[0].Message(event.En), tc.says) ||
				p.Problems[0].Message(event.Ja) == p.Problems[0].Message(event.En) {
				t.Errorf("problems %v, want one on row %d saying %q", p.Problems, tc.row, tc.says)
			}
		})
	}
}

// Only mapped fields change: a file with two columns updates two fields of
// a stored record and keeps the others.
func TestPlanWritesOnlyMappedFields(t *testing.T) {
	stored := &event.Startup{ID: "S1", Version: 3, Name: event.T("一", "One"), Headcount: 5, Areas: []string{"oncology"},
		Website: "https://one.example", ProductType: "samd", DevStage: "prototype"}
	tb, _ := ReadTextTable(context.Background(), "x.csv", strings.NewReader("ID,従業員数,開発段階\nS1,７名,治験\n"))
	p, err := BuildPlan(context.Background(), tb, SuggestMapping(KindStartups, tb, nil), &Stored{Startups: []*event.Startup{stored}}, PlanOptions{})
	if err != nil || p.Err() != nil {
		t.Fatal(err, p.Err())
	}
	got := p.Batch.Startups[0]
	want := *stored
	want.Headcount, want.DevStage = 7, "clinical_trial"
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %+v\nwant %+v", *got, want)
	}
	if p.Changed != 1 || len(p.Records[0].Changes) != 2 {
		t.Errorf("%s %v", p.Summary(event.En), p.Records)
	}
	line := strings.Join(p.Report(event.En, 0), "\n")
	if !strings.Contains(line, "Headcount: 5 → 7") || !strings.Contains(line, "Development stage: Prototype → Clinical trial") {
		t.Errorf("report:\n%s", line)
	}
}

// An export at version 2 imported after the record reached version 3 is
// stale: reported and left, unless overwritten by ID.
func TestStaleImport(t *testing.T) {
	stored := &event.Startup{ID: "S1", Version: 3, Name: event.T("一", ""), Headcount: 9}
	data := "id,headcount,version\nS1,5,2\n"
	for _, over := range [][]string{nil, {"S1"}} {
		tb, _ := ReadTextTable(context.Background(), "x.csv", strings.NewReader(data))
		p, err := BuildPlan(context.Background(), tb, SuggestMapping(KindStartups, tb, nil), &Stored{Startups: []*event.Startup{stored}}, PlanOptions{Overwrite: over})
		if err != nil || p.Err() != nil {
			t.Fatal(err, p.Err())
		}
		if over == nil && (p.Stale != 1 || len(p.Batch.Startups) != 0 || !reflect.DeepEqual(p.StaleIDs(), []string{"S1"}) ||
			!strings.Contains(strings.Join(p.Report(event.En, 0), "\n"), "--overwrite S1")) {
			t.Errorf("stale not reported: %v", p.Report(event.En, 0))
		}
		if over != nil && (p.Changed != 1 || len(p.Batch.Startups) != 1 || p.Batch.Startups[0].Version != 3) {
			t.Errorf("overwrite: %s", p.Summary(event.En))
		}
	}
}

func TestParseSlotItems(t *testing.T) {
	ev := &event.Event{SlotMinutes: 60, Days: []event.Day{{Date: "2026-10-14", Start: "10:00", Slots: 6}, {Date: "2026-10-15", Start: "10:00", Slots: 6}}}
	all := ev.Slots()
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"3", []int{3}}, {"3-5", []int{3, 4, 5}}, {"10/14 午前", []int{0, 1}}, {"10/15 午後", []int{8, 9, 10, 11}},
		{"D1 13:00-15:00", []int{3, 4}}, {"Ｄ２", []int{6, 7, 8, 9, 10, 11}}, {"2026-10-15 10:30", []int{6}},
		{"10月14日 14:00-16:00", []int{4, 5}}, {"2日目 午前", []int{6, 7}},
	} {
		got, ok := parseSlotItem(tc.in, ev, all)
		if !ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v %v, want %v", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"10/16 午前", "D3", "夕方", "99"} {
		if _, ok := parseSlotItem(bad, ev, all); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

// --sheet reads a named sheet; an unknown one lists the sheets.
func TestXLSXSheetOption(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(fixtureDir, "title_merged_startups.xlsx")
	tb, err := ReadTableFile(ctx, path, TableOptions{Sheet: "出展者一覧"})
	if err != nil || tb.Sheet != "出展者一覧" || len(tb.Rows) != 5 {
		t.Fatalf("named sheet: %v %+v", err, tb)
	}
	_, err = ReadTableFile(ctx, path, TableOptions{Sheet: "Sheet9"})
	if err == nil || !strings.Contains(event.ErrorMessage(err, event.Ja), "出展者一覧") {
		t.Errorf("unknown sheet: %v", err)
	}
}

// Rows without IDs: the same name twice in one file is a duplicate row.
func TestDuplicateRowsWithoutID(t *testing.T) {
	tb, _ := ReadTextTable(context.Background(), "x.csv", strings.NewReader("会社名,従業員数\n株式会社一,3\n株式会社二,4\n　株式会社一　,5\n"))
	p, err := BuildPlan(context.Background(), tb, SuggestMapping(KindStartups, tb, nil), nil, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 1 || p.Problems[0].Row != 4 || !strings.Contains(p.Problems[0].Message(event.En), "same name as row 2") {
		t.Errorf("problems: %v", p.Problems)
	}
}

func TestParseInterestKinds(t *testing.T) {
	for in, want := range map[string][]event.InterestKind{
		"":                   nil,
		"must_meet":          {event.InterestMustMeet},
		"必須面談、見送り,must_meet": {event.InterestMustMeet, event.InterestNoThanks},
		"ALL":                nil, // checked below: every kind
	} {
		got, err := ParseInterestKinds(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if in == "ALL" {
			if len(got) != len(event.InterestKinds.Terms) {
				t.Errorf("all: %v", got)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
	}
	if _, err := ParseInterestKinds("must_meet,maybe"); err == nil || !strings.Contains(err.Error(), "maybe") {
		t.Errorf("unknown kind: %v", err)
	}
}
