package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"pitchmatch/event"
)

// csvOf builds a CSV file of kind from rows given as column → value maps;
// columns not given are empty.
func csvOf(kind Kind, rows ...map[string]string) string {
	cols := Columns(kind)
	var b strings.Builder
	b.WriteString(strings.Join(cols, ",") + "\n")
	for _, r := range rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			v := r[c]
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			cells[i] = v
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

func startupRow(id string, kv ...string) map[string]string {
	m := map[string]string{"id": id, "name_ja": "株式会社" + id, "name_en": id + " Inc."}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// want is one expected problem: row, column and a piece of the English reason.
type want struct {
	row    int
	column string
	reason string
}

// slotsEvent is an event with n one-hour slots on one day.
func slotsEvent(n int) *event.Event {
	return &event.Event{Name: event.T("テスト", "Test"), SlotMinutes: 60, Days: []event.Day{{Date: "2026-10-14", Start: "08:00", Slots: n}}}
}

// importData runs the import pipeline on data as a file called name (JSON
// by its extension, else CSV/TSV text): table, suggested mapping, plan
// against st. The error is the plan's problems (an *ImportError) or a read
// failure.
func importData(name string, data []byte, kind Kind, st *Stored) (*Plan, error) {
	ctx := context.Background()
	var tb *Table
	var err error
	if strings.HasSuffix(name, ".json") {
		tb, err = ReadJSONTable(ctx, name, bytes.NewReader(data), kind)
	} else {
		tb, err = ReadTextTable(ctx, name, bytes.NewReader(data))
	}
	if err != nil {
		return nil, err
	}
	p, err := BuildPlan(ctx, tb, SuggestMapping(kind, tb, nil), st, PlanOptions{})
	if err != nil {
		return nil, err
	}
	return p, p.Err()
}

// The problems of files organizers get wrong, through the pipeline: each
// names the row and the column as headed in the file.
func TestImportProblems(t *testing.T) {
	sjisBad := func() []byte {
		ok, _ := japanese.ShiftJIS.NewEncoder().String(csvOf(KindStartups, startupRow("S1"), startupRow("S2")))
		// 0x81 0x20: a Shift_JIS lead byte followed by a byte that cannot
		// trail it, in row 3's name_ja.
		return []byte(strings.Replace(ok, "S2,", "S2,\x81 ", 1))
	}()
	utf8Bad := []byte(strings.Replace(csvOf(KindStartups, startupRow("S1"), startupRow("S2"), startupRow("S3")),
		"S3 Inc.", "S3 \xff Inc.", 1))
	withC1 := &Stored{Companies: []*event.Company{{ID: "C1", Version: 1, Name: event.T("大手", "")}}}
	people := func(n int) *Stored {
		st := &Stored{Event: slotsEvent(n)}
		for _, id := range []string{"S1", "S2", "S3", "X1"} {
			st.Startups = append(st.Startups, &event.Startup{ID: id, Version: 1, Name: event.T("株式会社"+id, "")})
		}
		st.Companies = []*event.Company{{ID: "C1", Version: 1, Name: event.T("大手", "")}, {ID: "X1", Version: 1, Name: event.T("X大手", "")}}
		return st
	}
	cases := []struct {
		name  string
		kind  Kind
		input []byte
		st    *Stored
		want  []want
	}{
		{"empty file", KindThemes, nil, nil,
			[]want{{0, "", "the file holds no data"}}},
		{"unknown code", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1"), startupRow("S2", "areas", "循環器;cardio", "prefecture", "Atlantis"))), nil,
			[]want{{3, "areas", `"cardio" is not one of the therapeutic areas`}, {3, "prefecture", `"Atlantis" is not one of the prefecture`}}},
		{"duplicate id", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1"), startupRow("S2"), startupRow("S1"))), nil,
			[]want{{4, "id", `duplicate id "S1" (first on row 2)`}}},
		{"over-long field", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1", "name_ja", strings.Repeat("長", 201)))), nil,
			[]want{{2, "name_ja", "at most 200 characters (has 201)"}}},
		{"over-long notes", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1", "notes", strings.Repeat("メ", event.MaxNotesLen+1)))), nil,
			[]want{{2, "notes", fmt.Sprintf("at most %d characters", event.MaxNotesLen)}}},
		{"bad numbers", KindCompanies,
			[]byte(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手", "max_meetings": "twelve", "tables": "1.5"})), nil,
			[]want{{2, "max_meetings", `"twelve"`}, {2, "tables", `"1.5"`}}},
		{"number out of range", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1", "founded", "1850", "headcount", "-3"))), nil,
			[]want{{2, "founded", "between 1900"}, {2, "headcount", "between 0 and 1000000"}}},
		{"bad email and id", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S 1", "contact_email", "not-an-email"))), nil,
			[]want{{2, "id", "may contain only"}, {2, "contact_email", "not a valid e-mail"}}},
		{"bad encoding shift_jis", KindStartups, sjisBad, nil,
			[]want{{3, "", "Shift_JIS"}}},
		{"bad encoding utf-8", KindStartups, utf8Bad, nil,
			[]want{{4, "", "UTF-8"}}},
		{"unknown company", KindThemes,
			[]byte(csvOf(KindThemes,
				map[string]string{"id": "T1", "company_id": "C1", "title_ja": "術後合併症"},
				map[string]string{"id": "T2", "company_id": "C9", "title_en": "Biosignals"})),
			withC1, []want{{3, "company_id", `company "C9" is neither in the event`}}},
		{"stage range", KindThemes,
			[]byte(csvOf(KindThemes, map[string]string{"id": "T1", "company_id": "C1", "title_ja": "x", "stage_min": "approved", "stage_max": "試作"})),
			withC1, []want{{2, "stage_max", "earlier than stage_min"}}},
		{"slot out of range", KindAvailability,
			[]byte(csvOf(KindAvailability,
				map[string]string{"kind": "startup", "id": "S1", "unavailable": "0;3"},
				map[string]string{"kind": "company", "id": "C1", "unavailable": "2;12"},
				map[string]string{"kind": "visitor", "id": "S3", "unavailable": "x"})),
			people(10),
			[]want{{3, "unavailable", "12"}, {4, "kind", "use startup or company"}}},
		{"duplicate availability", KindAvailability,
			[]byte(csvOf(KindAvailability,
				map[string]string{"kind": "startup", "id": "X1", "unavailable": "1"},
				map[string]string{"kind": "スタートアップ", "id": "X1"})),
			people(10),
			[]want{{3, "id", `"X1" is listed twice (first on row 2)`}}},
		{"no slots in event", KindAvailability,
			[]byte(csvOf(KindAvailability, map[string]string{"kind": "startup", "id": "S1"})), nil,
			[]want{{2, "unavailable", "the event has no slots yet"}}},
		{"short row", KindCompanies,
			[]byte(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手"}) + "C2,大手2\n"), nil,
			[]want{{3, "", "has 2 cells but the header has"}}},
		{"rows counted across multi-line cells and blank lines", KindStartups,
			[]byte(strings.Replace(csvOf(KindStartups, startupRow("S1", "product_summary_ja", "一行目\n二行目\n三行目"), startupRow("S2", "areas", "nope")),
				"\nS2,", "\n\n\nS2,", 1)),
			// Row 5 as a spreadsheet shows it: one row per record, blank lines too.
			nil, []want{{5, "areas", `"nope" is not one of the therapeutic areas`}}},
		{"csv syntax", KindCompanies,
			[]byte(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手"}) + "C2,\"unterminated,,,,,,\n"), nil,
			[]want{{3, "", "CSV"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := importData("in.csv", tc.input, tc.kind, tc.st)
			if err == nil {
				t.Fatalf("no error; plan %+v", p)
			}
			checkProblems(t, err, "in.csv", tc.want)
		})
	}
}

// checkProblems asserts that err is an *ImportError with exactly the
// wanted problems (in any order).
func checkProblems(t *testing.T, err error, file string, wants []want) {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *ImportError", err, err)
	}
	if code := event.ErrorCode(err); code != event.EInvalid {
		t.Errorf("ErrorCode = %q, want %q", code, event.EInvalid)
	}
	if ie.File != file {
		t.Errorf("ImportError.File = %q, want %q", ie.File, file)
	}
	used := make([]bool, len(ie.Problems))
	for _, w := range wants {
		found := false
		for i, p := range ie.Problems {
			if !used[i] && p.Row == w.row && p.Column == w.column && strings.Contains(p.Reason.En, w.reason) {
				used[i], found = true, true
				if p.File != file || p.Reason.Ja == "" {
					t.Errorf("problem %+v: want file %q and a Japanese reason", p, file)
				}
				break
			}
		}
		if !found {
			t.Errorf("missing problem row %d column %q reason ~%q; got:\n%v", w.row, w.column, w.reason, err)
		}
	}
	for i, p := range ie.Problems {
		if !used[i] {
			t.Errorf("unexpected problem: %v", p)
		}
	}
}

func TestImportErrorMessage(t *testing.T) {
	in := csvOf(KindStartups, startupRow("S1"), startupRow("S2", "areas", "cardio"))
	_, err := importData("startups.csv", []byte(in), KindStartups, nil)
	const line = `startups.csv:3: column "areas": "cardio" is not one of the therapeutic areas.`
	if err == nil || !strings.HasPrefix(err.Error(), line) {
		t.Fatalf("Error() = %q, want %q…", err, line)
	}
	var ie *ImportError
	errors.As(err, &ie)
	if ja := ie.Message(event.Ja); !strings.Contains(ja, `startups.csv:3: 列「areas」: 「cardio」は「疾患・診療領域」の選択肢にありません`) {
		t.Errorf("Japanese message = %q", ja)
	}
	var ee *event.Error
	if !errors.As(err, &ee) || ee.Code != event.EInvalid || ee.Message.Ja == "" {
		t.Errorf("errors.As *event.Error = %+v", ee)
	}
}

func TestShiftJISFixture(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "startups_sjis.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("株式会社")) || !bytes.Contains(raw, []byte{0x8a, 0x94, 0x8e, 0xae}) {
		t.Fatal("fixture is not Shift_JIS: 株式会社 should be 8a 94 8e ae")
	}
	tb, err := ReadTableFile(context.Background(), filepath.Join("testdata", "startups_sjis.csv"), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildPlan(context.Background(), tb, SuggestMapping(KindStartups, tb, nil), nil, PlanOptions{})
	if err != nil || p.Err() != nil {
		t.Fatal(err, p.Err())
	}
	b := p.Batch
	if len(b.Startups) != 2 {
		t.Fatalf("got %d startups, want 2", len(b.Startups))
	}
	s1, s2 := b.Startups[0], b.Startups[1]
	wantS1 := &event.Startup{
		ID: "S001", Name: event.T("株式会社ハートビート髙橋", "Heartbeat Takahashi Inc."),
		Founded: 2019, Prefecture: "tokyo", Headcount: 12, FundingStage: "series_a",
		ProductName:    event.T("心音ＡＩ", "HeartSound AI"),
		ProductSummary: event.T("聴診音をAIで解析し、心不全の兆候を在宅で早期に検出します", "AI analysis of heart sounds detects early signs of heart failure at home"),
		ProductType:    "samd", DeviceClass: "class2",
		Purposes: []string{"diagnosis", "monitoring"}, Areas: []string{"cardiovascular", "home_care"},
		Technologies: []string{"ai_imaging"}, DevStage: "clinical_trial", Regulatory: []string{"jp_pmda_consultation"},
		Needs: []string{"regulatory", "fundraising"}, Partnerships: []string{"co_development"},
		Website: "https://heartbeat.example.jp", ContactEmail: "info@heartbeat.example.jp", MaxMeetings: 8,
	}
	if !reflect.DeepEqual(s1, wantS1) {
		t.Errorf("S001:\n got %+v\nwant %+v", s1, wantS1)
	}
	if s2.Name.Ja != "㈱大阪メディカルロボ～手術支援～" || s2.ProductName.Ja != "低侵襲手術ロボ①" {
		t.Errorf("S002 names = %q / %q (CP932 characters lost)", s2.Name.Ja, s2.ProductName.Ja)
	}
	if s2.Founded != 2015 || s2.Headcount != 1200 || s2.Prefecture != "osaka" || s2.DeviceClass != "class3" ||
		!reflect.DeepEqual(s2.Technologies, []string{"robotics", "minimally_invasive"}) ||
		!reflect.DeepEqual(s2.Regulatory, []string{"jp_approved", "eu_ce"}) || s2.FundingStage != "series_b" {
		t.Errorf("S002 = %+v", s2)
	}
}

func TestReadCSVEncodings(t *testing.T) {
	plain := csvOf(KindCompanies,
		map[string]string{"id": "C1", "name_ja": "テルモ風メディカル株式会社", "scouts": "山田 太郎；Yamada, Taro、佐藤"},
		map[string]string{"id": "Ｃ２", "name_en": "Omron-like Healthcare", "max_meetings": "３０", "tables": "2"})
	sjis, err := japanese.ShiftJIS.NewEncoder().String(plain)
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(plain, "\n", "\r\n")
	inputs := map[string][]byte{
		"utf-8":          []byte(plain),
		"utf-8 with BOM": append(append([]byte{}, bomUTF8...), plain...),
		"utf-8 CRLF":     []byte(crlf),
		"shift_jis":      []byte(sjis),
		"tab-separated":  []byte(strings.ReplaceAll(strings.Replace(plain, "Yamada, Taro", "Yamada Taro", 1), ",", "\t")),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			p, err := importData("companies.csv", in, KindCompanies, nil)
			if err != nil {
				t.Fatal(err)
			}
			b := p.Batch
			if len(b.Companies) != 2 {
				t.Fatalf("got %d companies", len(b.Companies))
			}
			c1, c2 := b.Companies[0], b.Companies[1]
			if c1.ID != "C1" || c1.Name.Ja != "テルモ風メディカル株式会社" {
				t.Errorf("C1 = %+v", c1)
			}
			scouts := []string{"山田 太郎", "Yamada, Taro", "佐藤"}
			if name == "tab-separated" {
				scouts[1] = "Yamada Taro"
			}
			if !reflect.DeepEqual(c1.Scouts, scouts) {
				t.Errorf("scouts = %q, want %q", c1.Scouts, scouts)
			}
			if c2.ID != "C2" || c2.MaxMeetings != 30 || c2.Tables != 2 || c2.Name.En != "Omron-like Healthcare" {
				t.Errorf("C2 = %+v", c2)
			}
		})
	}
}

func TestReadCSVForgiving(t *testing.T) {
	// Japanese and oddly spelled headers in another order, labels instead of
	// codes, full-width separators, and empty trailing cells.
	header := " ID ,社名,NAME-EN,設立年,所在地,従業員数,Funding Stage,製品名,product name en,製品概要,PRODUCT_SUMMARY_EN," +
		"製品種別,クラス分類,用途,領域,技術,開発段階,薬事,ニーズ,希望提携,URL,Email,最大面談数,,"
	row := `S9,メドテック,MedTech,2024,京都,５,series-a,,,,,SaMD,Class II,"Diagnosis, treatment",循環器；Oncology，眼科,ウェアラブル,Prototype,US: 510(k),,licensing,https://x.example,a@b.example,4,,`
	p, err := importData("s.csv", []byte(header+"\n"+row+"\n"), KindStartups, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := p.Batch
	s := b.Startups[0]
	want := &event.Startup{ID: "S9", Name: event.T("メドテック", "MedTech"), Founded: 2024, Prefecture: "kyoto", Headcount: 5,
		FundingStage: "series_a", ProductType: "samd", DeviceClass: "class2", Purposes: []string{"diagnosis", "treatment"},
		Areas: []string{"cardiovascular", "oncology", "ophthalmology"}, Technologies: []string{"wearables"}, DevStage: "prototype",
		Regulatory: []string{"us_510k"}, Partnerships: []string{"licensing"}, Website: "https://x.example", ContactEmail: "a@b.example", MaxMeetings: 4}
	if len(b.Startups) != 1 || !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
}

// JSON goes through the pipeline: problems name the line on which the
// record starts and the key as the column.
func TestJSONProblems(t *testing.T) {
	in := `[
  {"id": "S1", "name": {"ja": "一", "en": "One"}},
  {"id": "S2", "name": {"ja": "二", "en": ""}, "areas": ["cardio"]},
  {"id": "S3", "name": {"ja": "三", "en": ""}, "colour": "red"},
  {"id": "S1", "name": {"ja": "重複", "en": ""}},
  {"id": "S4", "name": {"ja": "四", "en": ""}, "headcount": "many"},
  "S5"
]`
	p, err := importData("s.json", []byte(in), KindStartups, nil)
	checkProblems(t, err, "s.json", []want{
		{3, "areas", `"cardio" is not one of the therapeutic areas`},
		{5, "id", `duplicate id "S1" (first on row 2)`},
		{6, "headcount", `"many"`},
		{7, "", "a record must be an object"},
	})
	// An unknown key is a column like any other: listed and ignored.
	if !slices.Equal(p.Unmapped, []string{"colour"}) {
		t.Errorf("unmapped %v", p.Unmapped)
	}

	bad := map[string]struct {
		in   string
		want want
	}{
		"syntax":        {"[\n {\"id\": \"S1\",,}\n]", want{2, "", "is not valid JSON"}},
		"not array":     {`"startups"`, want{1, "", "must be an array of startups"}},
		"unknown key":   {`{"startups": [], "people": []}`, want{1, "", `key "people" is not a kind of records`}},
		"missing key":   {`{"companies": []}`, want{0, "", `has no "startups" key`}},
		"truncated":     {"[\n{\"id\": \"S1\"", want{2, "", "is not valid JSON"}},
		"trailing":      {"[]\n[]", want{2, "", "extra data"}},
		"object syntax": {"{\"startups\": [\n{\"id\": \"S1\",,}\n]}", want{2, "", "is not valid JSON"}},
	}
	for name, tc := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := importData("s.json", []byte(tc.in), KindStartups, nil)
			checkProblems(t, err, "s.json", []want{tc.want})
		})
	}
}

func TestJSONObjectForm(t *testing.T) {
	in := `{"companies": [{"id": "C1", "name": {"ja": "大手", "en": ""}}],
	        "themes": [{"id": "T1", "company_id": "C1", "title": {"ja": "術後合併症", "en": ""}, "areas": ["digestive"]}]}`
	st := &Stored{Companies: []*event.Company{{ID: "C1", Version: 1, Name: event.T("大手", "")}}}
	p, err := importData("all.json", []byte(in), KindThemes, st)
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Batch; len(b.Themes) != 1 || b.Themes[0].CompanyID != "C1" || len(b.Companies) != 0 || !slices.Equal(b.Themes[0].Areas, []string{"digestive"}) {
		t.Errorf("batch = %+v", b)
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"startups": KindStartups, " Company ": KindCompanies, "テーマ": KindThemes, "availability": KindAvailability} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseKind("people"); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("ParseKind(people) error code = %q", event.ErrorCode(err))
	}
	if _, err := ReadTableFile(context.Background(), "x.pdf", TableOptions{}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("ReadTableFile(.pdf) = %v", err)
	}
}

func TestUnknownKind(t *testing.T) {
	ctx := context.Background()
	for _, k := range []Kind{"Startups", "people"} {
		tb, _ := ReadTextTable(ctx, "x.csv", strings.NewReader("id\n"))
		if _, err := BuildPlan(ctx, tb, &Mapping{Kind: k}, nil, PlanOptions{}); event.ErrorCode(err) != event.EInvalid || strings.Contains(err.Error(), "%!") {
			t.Errorf("BuildPlan kind %q: %v", k, err)
		}
		if _, err := ReadJSONTable(ctx, "x.json", strings.NewReader("[]"), k); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("ReadJSONTable kind %q: %v", k, err)
		}
		if err := WriteCSV(ctx, io.Discard, k, nil); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("WriteCSV kind %q: %v", k, err)
		}
	}
}

func TestProblemCap(t *testing.T) {
	rows := make([]map[string]string, MaxProblems+200)
	for i := range rows {
		rows[i] = startupRow(fmt.Sprintf("S%d", i), "areas", "cardio")
	}
	_, err := importData("s.csv", []byte(csvOf(KindStartups, rows...)), KindStartups, nil)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	if len(ie.Problems) != MaxProblems || ie.Omitted != 200 || ie.Count() != MaxProblems+200 {
		t.Fatalf("listed %d, omitted %d", len(ie.Problems), ie.Omitted)
	}
	if last := ie.Problems[len(ie.Problems)-1]; last.Row != MaxProblems+1 {
		t.Errorf("last listed problem on row %d, want %d", last.Row, MaxProblems+1)
	}
	if msg := err.Error(); !strings.HasSuffix(msg, "s.csv: 200 more problem(s) not listed (showing the first 1000)") {
		t.Errorf("message ends %q", msg[len(msg)-80:])
	}
}

func TestReadCSVUTF16TabSeparated(t *testing.T) {
	// Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
	tsv := "kind\tid\tunavailable\r\nスタートアップ\tS1\t0;2-3\r\n企業\tC1\t\r\n"
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	raw, err := enc.String(tsv)
	if err != nil {
		t.Fatal(err)
	}
	st := &Stored{Event: slotsEvent(4), Startups: []*event.Startup{{ID: "S1", Version: 1, Name: event.T("一", "")}},
		Companies: []*event.Company{{ID: "C1", Version: 1, Name: event.T("大手", "")}}}
	p, err := importData("avail.txt", []byte(raw), KindAvailability, st)
	if err != nil {
		t.Fatal(err)
	}
	b := p.Batch
	want := []event.Availability{{Kind: event.KindStartup, ID: "S1", Unavailable: []int{0, 2, 3}}, {Kind: event.KindCompany, ID: "C1", Unavailable: []int{}}}
	if !reflect.DeepEqual(b.Availability, want) {
		t.Errorf("got %+v, want %+v", b.Availability, want)
	}
}
