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

func TestReadCSVProblems(t *testing.T) {
	sjisBad := func() []byte {
		ok, _ := japanese.ShiftJIS.NewEncoder().String(csvOf(KindStartups, startupRow("S1"), startupRow("S2")))
		// 0x81 0x20: a Shift_JIS lead byte followed by a byte that cannot
		// trail it, in row 3's name_ja.
		return []byte(strings.Replace(ok, "S2,", "S2,\x81 ", 1))
	}()
	utf8Bad := []byte(strings.Replace(csvOf(KindStartups, startupRow("S1"), startupRow("S2"), startupRow("S3")),
		"S3 Inc.", "S3 \xff Inc.", 1))
	companies := func(id string) bool { return id == "C1" }
	cases := []struct {
		name  string
		kind  Kind
		input []byte
		opt   ReadOptions
		want  []want
	}{
		{"wrong header", KindStartups,
			[]byte(strings.Replace(csvOf(KindStartups, startupRow("S1")), "name_ja", "name_jp", 1)), ReadOptions{},
			[]want{{1, "name_jp", "is not a column of a startups file"}, {1, "name_ja", "is missing"}}},
		{"extra column", KindCompanies,
			[]byte(strings.Replace(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手"}), "tables\n", "tables,notes\n", 1) +
				"C2,大手2,,,,,,,a note\n"), ReadOptions{},
			[]want{{1, "notes", "is not a column of a companies file"}}},
		{"duplicate column", KindCompanies,
			[]byte(strings.Replace(csvOf(KindCompanies), "name_en", "社名", 1)), ReadOptions{},
			[]want{{1, "社名", "appears twice"}, {1, "name_en", "is missing"}}},
		{"empty file", KindThemes, nil, ReadOptions{},
			[]want{{1, "", "the file is empty"}}},
		{"unknown code", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1"), startupRow("S2", "areas", "循環器;cardio", "prefecture", "Atlantis"))), ReadOptions{},
			[]want{{3, "areas", `"cardio" is not a known area code`}, {3, "prefecture", `"Atlantis" is not a known prefecture code`}}},
		{"duplicate id", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1"), startupRow("S2"), startupRow("S1"))), ReadOptions{},
			[]want{{4, "id", `duplicate id "S1" (first on row 2)`}}},
		{"over-long field", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1", "name_ja", strings.Repeat("長", 201)))), ReadOptions{},
			[]want{{2, "name_ja", "at most 200 characters (has 201)"}}},
		{"bad numbers", KindCompanies,
			[]byte(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手", "max_meetings": "twelve", "tables": "1.5"})), ReadOptions{},
			[]want{{2, "max_meetings", `"twelve" is not a whole number`}, {2, "tables", `"1.5" is not a whole number`}}},
		{"number out of range", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S1", "founded", "1850", "headcount", "-3"))), ReadOptions{},
			[]want{{2, "founded", "between 1900"}, {2, "headcount", "between 0 and 1000000"}}},
		{"bad email and id", KindStartups,
			[]byte(csvOf(KindStartups, startupRow("S 1", "contact_email", "not-an-email"))), ReadOptions{},
			[]want{{2, "id", "may contain only"}, {2, "contact_email", "not a valid e-mail"}}},
		{"missing name", KindStartups,
			[]byte(csvOf(KindStartups, map[string]string{"id": "S1"})), ReadOptions{},
			[]want{{2, "name_ja", "is required in Japanese or English"}}},
		{"bad encoding shift_jis", KindStartups, sjisBad, ReadOptions{},
			[]want{{3, "name_ja", "not valid text (read as Shift_JIS)"}}},
		{"bad encoding utf-8", KindStartups, utf8Bad, ReadOptions{},
			[]want{{4, "name_en", "not valid text (read as UTF-8)"}}},
		{"unknown company", KindThemes,
			[]byte(csvOf(KindThemes,
				map[string]string{"id": "T1", "company_id": "C1", "title_ja": "術後合併症"},
				map[string]string{"id": "T2", "company_id": "C9", "title_en": "Biosignals"})),
			ReadOptions{CompanyExists: companies},
			[]want{{3, "company_id", `company "C9" is neither in the event`}}},
		{"stage range", KindThemes,
			[]byte(csvOf(KindThemes, map[string]string{"id": "T1", "company_id": "C1", "title_ja": "x", "stage_min": "approved", "stage_max": "試作"})),
			ReadOptions{CompanyExists: companies},
			[]want{{2, "stage_max", "earlier than stage_min"}}},
		{"slot out of range", KindAvailability,
			[]byte(csvOf(KindAvailability,
				map[string]string{"kind": "startup", "id": "S1", "unavailable": "0;3"},
				map[string]string{"kind": "company", "id": "C1", "unavailable": "2;12"},
				map[string]string{"kind": "startup", "id": "S2", "unavailable": "8-12"},
				map[string]string{"kind": "visitor", "id": "S3", "unavailable": "x"})),
			ReadOptions{NumSlots: 10},
			[]want{{3, "unavailable", "between 0 and 9"}, {4, "unavailable", `range "8-12" must lie between 0 and 9`},
				{5, "kind", "must be startup or company"}, {5, "unavailable", `"x" is not a slot number`}}},
		{"duplicate availability", KindAvailability,
			[]byte(csvOf(KindAvailability,
				map[string]string{"kind": "startup", "id": "X1", "unavailable": "1"},
				map[string]string{"kind": "company", "id": "X1", "unavailable": "1;1"},
				map[string]string{"kind": "スタートアップ", "id": "X1"})),
			ReadOptions{NumSlots: 10},
			[]want{{3, "unavailable", "slot listed twice"}, {4, "id", `duplicate id "X1" (first on row 2)`}}},
		{"no slots in event", KindAvailability,
			[]byte(csvOf(KindAvailability, map[string]string{"kind": "startup", "id": "S1"})), ReadOptions{},
			[]want{{0, "", "the event has no slots yet"}}},
		{"value without header", KindCompanies,
			[]byte(strings.Replace(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手"}), "\nC1,", "\nC1,", 1) + "C2,大手2,,,,,,,extra\n"), ReadOptions{},
			[]want{{3, "#9", "has a value in column 9, which has no header"}}},
		{"rows counted across multi-line cells and blank lines", KindStartups,
			[]byte(strings.Replace(csvOf(KindStartups, startupRow("S1", "product_summary_ja", "一行目\n二行目\n三行目"), startupRow("S2", "areas", "nope")),
				"\nS2,", "\n\n\nS2,", 1)),
			ReadOptions{},
			[]want{{5, "areas", `"nope" is not a known area code`}}},
		{"csv syntax", KindCompanies,
			[]byte(csvOf(KindCompanies, map[string]string{"id": "C1", "name_ja": "大手"}) + "C2,\"unterminated,,,,,,\n"), ReadOptions{},
			[]want{{3, "", "is not valid CSV"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ReadCSV(context.Background(), "in.csv", bytes.NewReader(tc.input), tc.kind, tc.opt)
			if err == nil {
				t.Fatalf("no error; batch %+v", b)
			}
			if b != nil {
				t.Error("a rejected file still returned a batch")
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
	_, err := ReadCSV(context.Background(), "startups.csv", strings.NewReader(in), KindStartups, ReadOptions{})
	const line = `startups.csv:3: column "areas": "cardio" is not a known area code`
	if err == nil || err.Error() != line {
		t.Fatalf("Error() = %q, want %q", err, line)
	}
	var ie *ImportError
	errors.As(err, &ie)
	if ja := ie.Message(event.Ja); !strings.Contains(ja, `startups.csv:3: 列「areas」: 「cardio」はareaの選択肢にありません`) {
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
	b, err := ReadFile(context.Background(), filepath.Join("testdata", "startups_sjis.csv"), KindStartups, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
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
			b, err := ReadCSV(context.Background(), "companies.csv", bytes.NewReader(in), KindCompanies, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
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
	row := `S9,メドテック,MedTech,2024,京都,５,series-a,,,,,SaMD,Class II,"Diagnosis, treatment",循環器；Oncology，眼科,ウェアラブル,Prototype,US: 510(k),,licensing,https://x.example,a@b.example,4`
	b, err := ReadCSV(context.Background(), "s.csv", strings.NewReader(header+"\n"+row+"\n,,,\n"), KindStartups, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := b.Startups[0]
	want := &event.Startup{ID: "S9", Name: event.T("メドテック", "MedTech"), Founded: 2024, Prefecture: "kyoto", Headcount: 5,
		FundingStage: "series_a", ProductType: "samd", DeviceClass: "class2", Purposes: []string{"diagnosis", "treatment"},
		Areas: []string{"cardiovascular", "oncology", "ophthalmology"}, Technologies: []string{"wearables"}, DevStage: "prototype",
		Regulatory: []string{"us_510k"}, Partnerships: []string{"licensing"}, Website: "https://x.example", ContactEmail: "a@b.example", MaxMeetings: 4}
	if len(b.Startups) != 1 || !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
}

func TestReadJSONProblems(t *testing.T) {
	in := `[
  {"id": "S1", "name": {"ja": "一", "en": "One"}},
  {"id": "S2", "name": {"ja": "二", "en": ""}, "areas": ["cardio"]},
  {"id": "S3", "name": {"ja": "三", "en": ""}, "colour": "red"},
  {"id": "S1", "name": {"ja": "重複", "en": ""}},
  {"id": "S4", "name": {"ja": "四", "en": ""}, "headcount": "many"}
]`
	_, err := ReadJSON(context.Background(), "s.json", strings.NewReader(in), KindStartups, ReadOptions{})
	checkProblems(t, err, "s.json", []want{
		{3, "", `"cardio" is not a known area code`},
		{4, "", `"colour" is not a field of startups`},
		{5, "", `duplicate id "S1" (first on line 2)`},
		{6, "", "wrong type"},
	})
	var ie *ImportError
	errors.As(err, &ie)
	fields := fmt.Sprint(ie.Problems[0].Field, ie.Problems[1].Field, ie.Problems[2].Field, ie.Problems[3].Field)
	if fields != "areas[0]colouridheadcount" {
		t.Errorf("fields = %s", fields)
	}

	bad := map[string]struct {
		in   string
		want want
	}{
		"syntax":      {"[\n {\"id\": \"S1\",,}\n]", want{2, "", "is not valid JSON"}},
		"not array":   {`"startups"`, want{1, "", "must be an array of startups"}},
		"unknown key": {`{"startups": [], "people": []}`, want{1, "", "is not a known key"}},
		"missing key": {`{"companies": []}`, want{0, "", `has no "startups" key`}},
		"truncated":   {"[\n{\"id\": \"S1\"", want{2, "", "is not valid JSON"}},
		"trailing":    {"[]\n[]", want{2, "", "extra data"}},
	}
	for name, tc := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := ReadJSON(context.Background(), "s.json", strings.NewReader(tc.in), KindStartups, ReadOptions{})
			checkProblems(t, err, "s.json", []want{tc.want})
		})
	}
}

func TestReadJSONObjectForm(t *testing.T) {
	in := `{"companies": [{"id": "C1", "name": {"ja": "大手", "en": ""}}],
	        "themes": [{"id": "T1", "company_id": "C1", "title": {"ja": "術後合併症", "en": ""}, "areas": ["digestive"]}]}`
	b, err := ReadJSON(context.Background(), "all.json", strings.NewReader(in), KindThemes, ReadOptions{CompanyExists: func(string) bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Themes) != 1 || b.Themes[0].CompanyID != "C1" || len(b.Companies) != 0 {
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
	if _, err := ReadFile(context.Background(), "x.xlsx", KindStartups, ReadOptions{}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("ReadFile(.xlsx) = %v", err)
	}
}

func TestReadJSONObjectSyntaxError(t *testing.T) {
	in := "{\"startups\": [\n{\"id\": \"S1\",,}\n]}"
	_, err := ReadJSON(context.Background(), "s.json", strings.NewReader(in), KindStartups, ReadOptions{})
	checkProblems(t, err, "s.json", []want{{2, "", "is not valid JSON"}})
}

func TestWithCompanies(t *testing.T) {
	ctx := context.Background()
	comps, err := ReadCSV(ctx, "companies.csv", strings.NewReader(csvOf(KindCompanies, map[string]string{"id": "C7", "name_ja": "新規企業"})), KindCompanies, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stored := ReadOptions{CompanyExists: func(id string) bool { return id == "C1" }}
	themes := csvOf(KindThemes,
		map[string]string{"id": "T1", "company_id": "C1", "title_ja": "既存企業のテーマ"},
		map[string]string{"id": "T2", "company_id": "C7", "title_ja": "同じファイル群の企業のテーマ"})
	if _, err := ReadCSV(ctx, "themes.csv", strings.NewReader(themes), KindThemes, stored); err == nil {
		t.Fatal("theme of a company only in the companies file accepted without WithCompanies")
	}
	b, err := ReadCSV(ctx, "themes.csv", strings.NewReader(themes), KindThemes, stored.WithCompanies(comps))
	if err != nil || len(b.Themes) != 2 {
		t.Fatalf("with the companies file: %v", err)
	}
}

func TestUnknownKind(t *testing.T) {
	ctx := context.Background()
	for _, k := range []Kind{"Startups", "people"} {
		if _, err := ReadCSV(ctx, "x.csv", strings.NewReader("id\n"), k, ReadOptions{}); event.ErrorCode(err) != event.EInvalid || strings.Contains(err.Error(), "%!") {
			t.Errorf("ReadCSV kind %q: %v", k, err)
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
	_, err := ReadCSV(context.Background(), "s.csv", strings.NewReader(csvOf(KindStartups, rows...)), KindStartups, ReadOptions{})
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
	b, err := ReadCSV(context.Background(), "avail.txt", strings.NewReader(raw), KindAvailability, ReadOptions{NumSlots: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := []event.Availability{{Kind: event.KindStartup, ID: "S1", Unavailable: []int{0, 2, 3}}, {Kind: event.KindCompany, ID: "C1"}}
	if !reflect.DeepEqual(b.Availability, want) {
		t.Errorf("got %+v, want %+v", b.Availability, want)
	}
}
