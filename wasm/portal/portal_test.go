package portal

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func randomCodes(r *rand.Rand, v *event.Vocabulary) []event.Code {
	var out []event.Code
	for _, c := range v.Codes() {
		if r.IntN(4) == 0 {
			out = append(out, c)
		}
	}
	return out
}

func randomCode(r *rand.Rand, v *event.Vocabulary) event.Code {
	if r.IntN(5) == 0 {
		return ""
	}
	cs := v.Codes()
	return cs[r.IntN(len(cs))]
}

func randomText(r *rand.Rand) string {
	words := []string{"心電図", "AI", "内視鏡", "<b>", "&amp;", "カテーテル", "sensor", "\"quoted\"", "低侵襲", "e-health"}
	n := r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = words[r.IntN(len(words))]
	}
	return strings.Join(parts, " ")
}

func randomStartup(r *rand.Rand) *event.Startup {
	return &event.Startup{
		ID: "S" + string(rune('A'+r.IntN(26))), Version: int64(1 + r.IntN(9)),
		Name:         event.T("株式会社"+randomText(r)+"x", randomText(r)),
		Founded:      []int{0, 1999, 2015, 2024}[r.IntN(4)],
		Prefecture:   randomCode(r, event.Prefectures),
		Headcount:    r.IntN(300),
		FundingStage: randomCode(r, event.FundingStages),
		ProductName:  event.T(randomText(r), randomText(r)), ProductSummary: event.T(randomText(r), randomText(r)),
		ProductType: randomCode(r, event.ProductTypes), DeviceClass: randomCode(r, event.DeviceClasses),
		Purposes: randomCodes(r, event.Purposes), Areas: randomCodes(r, event.Areas),
		Technologies: randomCodes(r, event.Technologies), DevStage: randomCode(r, event.DevStages),
		Regulatory: randomCodes(r, event.Regulatory), Needs: randomCodes(r, event.Needs),
		Partnerships: randomCodes(r, event.Partnerships),
		Website:      []string{"", "https://example.jp/ja"}[r.IntN(2)],
		ContactEmail: []string{"", "info@example.jp"}[r.IntN(2)],
		MaxMeetings:  r.IntN(20),
	}
}

func normalize(s *event.Startup) {
	trim := func(t *event.Text) { t.Ja, t.En = strings.TrimSpace(t.Ja), strings.TrimSpace(t.En) }
	trim(&s.Name)
	trim(&s.ProductName)
	trim(&s.ProductSummary)
}

// TestValuesRoundTrip: for many random valid profiles, the form shows
// exactly the profile and reading the form back gives it again.
func TestValuesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		s := randomStartup(r)
		normalize(s)
		got, errs := ParseValues(StartupValues(s), s)
		if len(errs) > 0 {
			t.Fatalf("case %d: unexpected errors %v for %+v", i, errs, s)
		}
		if !reflect.DeepEqual(got, s) {
			t.Fatalf("case %d: round trip\n got %+v\nwant %+v", i, got, s)
		}
		if !Equal(StartupValues(got), StartupValues(s)) {
			t.Fatalf("case %d: Equal false on identical values", i)
		}
	}
}

func TestParseValuesErrors(t *testing.T) {
	base := &event.Startup{ID: "S1", Version: 4}
	v := StartupValues(&event.Startup{ID: "S1", Name: event.T("メドテック", "")})
	v.Set("founded", "２０１９") // full-width digits from a Japanese IME
	s, errs := ParseValues(v, base)
	if len(errs) != 0 || s.Founded != 2019 || s.Version != 4 || s.ID != "S1" {
		t.Fatalf("full-width year: %+v %v", s, errs)
	}
	v.Set("headcount", "十数人") // "ten-odd": not a number (十人 is 10)
	v.Set("name.ja", strings.Repeat("長", event.MaxNameLen+1))
	v["areas"] = []string{"oncology", "astrology"}
	v.Set("contact_email", "no-at-sign")
	_, errs = ParseValues(v, base)
	msgs := Messages(errs, event.Ja)
	for _, slot := range []string{"headcount", "name", "areas", "contact_email"} {
		if msgs[slot] == "" {
			t.Errorf("no message for %s in %v", slot, msgs)
		}
	}
	if !strings.HasPrefix(msgs["name"], "日本語: ") || !strings.Contains(msgs["name"], "200文字以内") {
		t.Errorf("name message %q", msgs["name"])
	}
	if en := Messages(errs, event.En); !strings.Contains(en["headcount"], "whole number") {
		t.Errorf("english message %q", en["headcount"])
	}
	// An empty name is required in one language or the other.
	v = StartupValues(&event.Startup{ID: "S1"})
	_, errs = ParseValues(v, base)
	if m := Messages(errs, event.En); !strings.Contains(m["name"], "required") {
		t.Errorf("empty name: %v", m)
	}
}

func TestSlotOf(t *testing.T) {
	for in, want := range map[string]string{"areas[12]": "areas", "name.ja": "name", "product_summary.en": "product_summary", "founded": "founded"} {
		if got := SlotOf(in); got != want {
			t.Errorf("SlotOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDraftRestore(t *testing.T) {
	server := &event.Startup{ID: "S1", Version: 5, Name: event.T("サーバー版", "Server")}
	same := Draft{StartupID: "S1", BaseVersion: 5, Values: StartupValues(server)}
	if _, _, restored := Restore(server, &same); restored {
		t.Fatal("a draft equal to the server record was restored")
	}
	edited := StartupValues(server)
	edited.Set("name.ja", "下書き版")
	d := Draft{StartupID: "S1", BaseVersion: 3, Values: edited, Pending: true, SavedAt: time.Now()}
	enc, err := EncodeDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeDraft(enc, "S1")
	if err != nil {
		t.Fatal(err)
	}
	v, base, restored := Restore(server, &back)
	if !restored || v.Get("name.ja") != "下書き版" || base.Version != 3 {
		t.Fatalf("restore: %v %v %d", restored, v.Get("name.ja"), base.Version)
	}
	if server.Version != 5 {
		t.Fatal("Restore changed the server record")
	}
	if _, err := DecodeDraft(enc, "S2"); err == nil {
		t.Fatal("another startup's draft accepted")
	}
	if _, err := DecodeDraft("{broken", "S1"); err == nil {
		t.Fatal("broken draft accepted")
	}
}

// The case of issue 13: tab 1 saved headcount 65 → 11; tab 2, still on
// the old version, changed the website. The merge asks nothing and keeps
// both; only a field both changed is shown, with no choice made.
func TestConflictMergeLosesNothing(t *testing.T) {
	base := &event.Startup{ID: "S1", Version: 6, Name: event.T("旧社名", "Old name"), Headcount: 65, Areas: []string{"oncology"}}
	theirs := &event.Startup{ID: "S1", Version: 7, Name: event.T("旧社名", "Old name"), Headcount: 11, Areas: []string{"oncology"}}
	mine := &event.Startup{ID: "S1", Version: 6, Name: event.T("旧社名", "Old name"), Headcount: 65, Areas: []string{"oncology"}, Website: "https://new.example/"}
	c, err := NewConflict(base, mine, theirs, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Changes) != 0 || c.Merged.Headcount != 11 || c.Merged.Website != "https://new.example/" || c.Merged.Version != 7 {
		t.Fatalf("two-tab merge: changes %v merged %+v", c.Changes, c.Merged)
	}
	if strings.Join(c.Taken, ",") != "従業員数" {
		t.Fatalf("taken %v", c.Taken)
	}
	// Both change the Japanese name; mine also the product name.
	theirs.Name.Ja = "新社名"
	mine.Name.Ja = "私の社名"
	mine.ProductName.Ja = "心電AI"
	c, err = NewConflict(base, mine, theirs, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Changes) != 1 || c.Changes[0].Key != "name.ja" || c.Changes[0].Mine != "私の社名" || c.Changes[0].Theirs != "新社名" {
		t.Fatalf("changes %+v", c.Changes)
	}
	if _, err := c.Resolve(map[string]string{}); err == nil {
		t.Fatal("resolved without a choice: a default would discard one side")
	}
	for choice, want := range map[string]string{"mine": "私の社名", "theirs": "新社名"} {
		s, err := c.Resolve(map[string]string{"name.ja": choice})
		if err != nil {
			t.Fatal(err)
		}
		if s.Name.Ja != want || s.Headcount != 11 || s.Website != "https://new.example/" || s.ProductName.Ja != "心電AI" || s.Version != 7 {
			t.Fatalf("%s: %+v", choice, s)
		}
	}
	r, _ := NewRenderer()
	html, err := r.RenderConflict(c, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "checked") || strings.Count(html, `name="keep-name.ja"`) != 2 || strings.Contains(html, "keep-headcount") {
		t.Fatalf("panel must show only the field both changed, with no default: %s", html)
	}
}

func TestStaleDrafts(t *testing.T) {
	d, _ := EncodeDraft(Draft{StartupID: "S1", Session: SessionID("tok-a")})
	if StaleDraft(d, SessionID("tok-a")) || !StaleDraft(d, SessionID("tok-b")) || !StaleDraft("{", SessionID("tok-a")) {
		t.Fatal("a draft belongs to the session of the link it was made under")
	}
	if SessionID("tok-a") == SessionID("tok-b") || strings.Contains(SessionID("tok-a"), "tok") {
		t.Fatal("session IDs")
	}
	base := &event.Startup{ID: "S1", Version: 3, Headcount: 65}
	server := &event.Startup{ID: "S1", Version: 5, Headcount: 11}
	edited := StartupValues(base)
	edited.Set("website", "https://x.example/")
	v, b, restored := Restore(server, &Draft{StartupID: "S1", Base: base, Values: edited})
	if !restored || b.Version != 3 || b.Headcount != 65 || v.Get("website") != "https://x.example/" {
		t.Fatalf("restore keeps the merge base: %v %+v", restored, b)
	}
}

func TestRenderEscapesAndShowsEveryField(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	s := &event.Startup{ID: "S1", Version: 2, Name: event.T(`<script>alert("x")</script>`, "A&B"), Areas: []string{"oncology"}, DevStage: "prototype"}
	html, err := r.RenderProfile(ProfileForm(s, StartupValues(s), map[string]string{"name": "<b>bad</b>"}, event.Ja))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "<b>bad") {
		t.Fatal("unescaped user text in the form")
	}
	if !strings.Contains(html, `value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"`) {
		t.Fatalf("name not escaped as expected")
	}
	for _, f := range Fields() {
		for _, k := range keysOf(f) {
			if !strings.Contains(html, `name="`+k+`"`) {
				t.Errorf("no control for %s", k)
			}
		}
		if !strings.Contains(html, `id="e-`+f.Key+`"`) {
			t.Errorf("no message slot for %s", f.Key)
		}
	}
	if !strings.Contains(html, `value="oncology" checked`) || !strings.Contains(html, `value="prototype" selected`) {
		t.Fatal("selected codes not marked")
	}
	if n := strings.Count(html, `type="checkbox"`); n < len(event.Areas.Terms)+len(event.Technologies.Terms) {
		t.Fatalf("only %d checkboxes", n)
	}
	en, _ := r.RenderProfile(ProfileForm(s, StartupValues(s), nil, event.En))
	if !strings.Contains(en, "Therapeutic areas") || !strings.Contains(html, "疾患・診療領域") {
		t.Fatal("labels not in the chosen language")
	}
}

func themesData() *api.Themes {
	return &api.Themes{
		Event:     api.PublicEvent{Name: event.T("サミット", "Summit"), TimeZone: "Asia/Tokyo", SlotMinutes: 30},
		Companies: []api.PublicCompany{{ID: "C1", Name: event.T("大手医療機器", "BigDevice")}, {ID: "C2", Name: event.T("製薬", "Pharma")}},
		Themes: []*event.Theme{
			{ID: "T1", CompanyID: "C1", Title: event.T("循環器の低侵襲デバイス", "Minimally invasive cardio devices"),
				Description: event.T("カテーテルと心電図センサー", "catheter and ECG sensors"),
				Areas:       []string{"cardiovascular"}, Technologies: []string{"minimally_invasive", "sensors_biosignals"},
				StageMin: "prototype", StageMax: "clinical_trial"},
			{ID: "T2", CompanyID: "C2", Title: event.T("皮膚科の創薬", "Dermatology drugs"),
				Areas: []string{"dermatology"}, ProductTypes: []string{"drug"}, StageMin: "approved", StageMax: "launched"},
		},
	}
}

func TestFitsFollowTheEditedProfile(t *testing.T) {
	ctx := context.Background()
	d := themesData()
	s := &event.Startup{ID: "S1", Version: 1, Name: event.T("心臓テック", "HeartTech"), Areas: []string{"cardiovascular"},
		Technologies: []string{"sensors_biosignals"}, DevStage: "prototype",
		ProductSummary: event.T("心電図センサー付きカテーテル", "catheter with ECG sensors")}
	fits, err := Fits(ctx, d, s, api.Interests{}, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if len(fits) != 2 || fits[0].ThemeID != "T1" || fits[0].Score <= fits[1].Score {
		t.Fatalf("fits %+v", fits)
	}
	if fits[0].Company != "大手医療機器" || len(fits[0].Reasons) == 0 || fits[0].Percent != int(fits[0].Score*100+0.5) {
		t.Fatalf("fit view %+v", fits[0])
	}
	before := fits[1].Score
	// Editing the profile towards T2 raises its fit, before any save.
	s2 := *s
	s2.Areas = []string{"dermatology"}
	s2.ProductType = "drug"
	s2.DevStage = "approved"
	fits2, err := Fits(ctx, d, &s2, api.Interests{}, event.Ja)
	if err != nil {
		t.Fatal(err)
	}
	if fits2[1].Score <= before {
		t.Fatalf("T2 fit did not rise: %.3f → %.3f", before, fits2[1].Score)
	}
	// Applying to a theme marks it and does not lower its fit.
	fits3, err := Fits(ctx, d, s, api.Interests{Apply: []string{"T2"}}, event.En)
	if err != nil {
		t.Fatal(err)
	}
	if !fits3[1].Applied || fits3[1].Score < before || fits3[0].Applied {
		t.Fatalf("apply: %+v", fits3)
	}
	// "No thanks" excludes the pair.
	fits4, _ := Fits(ctx, d, s, api.Interests{NoThanks: []string{"T1"}}, event.En)
	if !fits4[0].Excluded {
		t.Fatalf("no thanks not excluded: %+v", fits4[0])
	}
	r, _ := NewRenderer()
	html, err := r.RenderThemes(fits3, nil, event.En)
	if err != nil || !strings.Contains(html, `id="int-T2" value="T2" checked`) || strings.Contains(html, `id="int-T1" value="T1" checked`) {
		t.Fatalf("themes html: %v\n%s", err, html)
	}
}

func TestMeetingRows(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	d := &api.Meetings{Event: api.PublicEvent{TimeZone: "Asia/Tokyo"}, Meetings: []api.Meeting{
		{CompanyID: "C1", Company: event.T("大手医療機器", "BigDevice"), Theme: event.T("テーマ", "Theme"),
			Start: time.Date(2026, 10, 14, 1, 30, 0, 0, time.UTC), End: time.Date(2026, 10, 14, 2, 0, 0, 0, time.UTC), Table: 3, Status: event.StatusConfirmed},
		{CompanyID: "C2", Start: time.Date(2026, 10, 15, 10, 0, 0, 0, jst), End: time.Date(2026, 10, 15, 10, 30, 0, 0, jst), Table: 1, Status: event.StatusCancelled},
	}}
	ja := MeetingRows(d, event.Ja)
	if ja[0].When != "10月14日(水) 10:30–11:00" || ja[0].Table != "3番" || ja[0].Company != "大手医療機器" {
		t.Fatalf("ja row %+v", ja[0])
	}
	if !ja[1].Cancelled || ja[1].Company != "C2" {
		t.Fatalf("cancelled row %+v", ja[1])
	}
	en := MeetingRows(d, event.En)
	if en[0].When != "Wed 14 Oct 10:30–11:00" || en[0].Status == "" {
		t.Fatalf("en row %+v", en[0])
	}
}

func TestTokenFromFragment(t *testing.T) {
	if got := TokenFromFragment("#t=abc_-DEF"); got != "abc_-DEF" {
		t.Fatalf("token %q", got)
	}
	if got := TokenFromFragment("x=1"); got != "" {
		t.Fatalf("token %q", got)
	}
}

func TestClientConflictUsesTransport(t *testing.T) {
	// A transport that answers like the server does for a stale save.
	var gotPath, gotBody string
	c := &Client{Lang: event.Ja, Send: func(_ context.Context, method, path string, body []byte) (int, []byte, error) {
		gotPath, gotBody = method+" "+path, string(body)
		return 409, []byte(`{"code":"conflict","message":"他で更新","field":"","current":{"id":"S1","version":9,"name":{"ja":"最新","en":""}}}`), nil
	}}
	_, cur, err := c.SaveMe(context.Background(), &event.Startup{ID: "S1", Version: 8, Name: event.T("私の", "")})
	if err == nil || cur == nil || cur.Version != 9 || cur.Name.Ja != "最新" {
		t.Fatalf("conflict: %v %+v", err, cur)
	}
	if gotPath != "PUT /api/v1/me?lang=ja" || !strings.Contains(gotBody, `"version":8`) {
		t.Fatalf("request %s %s", gotPath, gotBody)
	}
}

func TestPickDraft(t *testing.T) {
	enc := func(d Draft) string { s, _ := EncodeDraft(d); return s }
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	stored := map[string]string{
		DraftKey("S1", "a"): enc(Draft{StartupID: "S1", SavedAt: t0, Values: Values{"website": {"a"}}}),
		DraftKey("S1", "b"): enc(Draft{StartupID: "S1", SavedAt: t0.Add(time.Minute), Values: Values{"website": {"b"}}}),
		DraftKey("S2", "c"): enc(Draft{StartupID: "S2", SavedAt: t0.Add(time.Hour)}),
		DraftKey("S1", "x"): "{broken",
	}
	if k, d := PickDraft(stored, "S1", DraftKey("S1", "a")); k != DraftKey("S1", "a") || d.Values.Get("website") != "a" {
		t.Fatalf("a tab continues its own draft: %s %+v", k, d)
	}
	if k, d := PickDraft(stored, "S1", DraftKey("S1", "new")); k != DraftKey("S1", "b") || d.Values.Get("website") != "b" {
		t.Fatalf("a new tab continues the newest draft of the startup: %s %+v", k, d)
	}
	if k, d := PickDraft(stored, "S3", DraftKey("S3", "a")); k != "" || d != nil {
		t.Fatalf("no draft: %s %+v", k, d)
	}
}
