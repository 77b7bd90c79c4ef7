package event

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func validStartup() *Startup {
	return &Startup{
		ID:             "S0001",
		Name:           T("株式会社カルディオセンス", "CardioSense Inc."),
		Founded:        2019,
		Prefecture:     "tokyo",
		Headcount:      12,
		FundingStage:   "series_a",
		ProductName:    T("AI心電図解析", "AI ECG analysis"),
		ProductSummary: T("心房細動を早期に検出します。", "Detects atrial fibrillation early."),
		ProductType:    "samd",
		DeviceClass:    "class2",
		Purposes:       []string{"diagnosis", "monitoring"},
		Areas:          []string{"cardiovascular"},
		Technologies:   []string{"ai_imaging", "sensors_biosignals"},
		DevStage:       "clinical_trial",
		Regulatory:     []string{"jp_pmda_consultation"},
		Needs:          []string{"regulatory", "fundraising"},
		Partnerships:   []string{"co_development"},
		Website:        "https://cardiosense.example.com",
		ContactEmail:   "info@cardiosense.example.com",
	}
}

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Errors {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestStartupValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Startup)
		field  string // "" means valid
		code   string
	}{
		{"valid", func(*Startup) {}, "", ""},
		{"Japanese name only", func(s *Startup) { s.Name.En = "" }, "", ""},
		{"no name", func(s *Startup) { s.Name = Text{} }, "name", FieldRequired},
		{"missing id", func(s *Startup) { s.ID = "" }, "id", FieldRequired},
		{"bad id", func(s *Startup) { s.ID = "S 1/2" }, "id", FieldFormat},
		{"long id", func(s *Startup) { s.ID = strings.Repeat("a", MaxIDLen+1) }, "id", FieldTooLong},
		{"long Japanese name counts characters", func(s *Startup) { s.Name.Ja = strings.Repeat("医", MaxNameLen+1) }, "name.ja", FieldTooLong},
		{"Japanese name at limit", func(s *Startup) { s.Name.Ja = strings.Repeat("医", MaxNameLen) }, "", ""},
		{"invalid UTF-8", func(s *Startup) { s.ProductSummary.Ja = "\xff\xfe" }, "product_summary.ja", FieldFormat},
		{"unknown area", func(s *Startup) { s.Areas = []string{"cardiovascular", "cardio"} }, "areas[1]", FieldUnknown},
		{"duplicate area", func(s *Startup) { s.Areas = []string{"cardiovascular", "cardiovascular"} }, "areas[1]", FieldDup},
		{"unknown stage", func(s *Startup) { s.DevStage = "phase3" }, "dev_stage", FieldUnknown},
		{"unknown class", func(s *Startup) { s.DeviceClass = "class5" }, "device_class", FieldUnknown},
		{"founded in the future", func(s *Startup) { s.Founded = 3000 }, "founded", FieldRange},
		{"negative headcount", func(s *Startup) { s.Headcount = -1 }, "headcount", FieldRange},
		{"website without scheme", func(s *Startup) { s.Website = "cardiosense.example.com" }, "website", FieldFormat},
		{"bad email", func(s *Startup) { s.ContactEmail = "info at example" }, "contact_email", FieldFormat},
		{"unknown prefecture", func(s *Startup) { s.Prefecture = "atlantis" }, "prefecture", FieldUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validStartup()
			tt.mutate(s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			got := fieldsOf(err)
			if got[tt.field] != tt.code {
				t.Fatalf("want %s=%s, got %v (%v)", tt.field, tt.code, got, err)
			}
			if ErrorCode(err) != EInvalid {
				t.Fatalf("ErrorCode = %q, want %q", ErrorCode(err), EInvalid)
			}
			var ve *ValidationError
			errors.As(err, &ve)
			for _, f := range ve.Errors {
				if f.Message.Ja == "" || f.Message.En == "" {
					t.Errorf("field %s lacks a bilingual message: %+v", f.Field, f.Message)
				}
			}
		})
	}
}

func TestValidationListsEveryProblem(t *testing.T) {
	s := validStartup()
	s.ID, s.Name, s.Areas, s.Headcount = "", Text{}, []string{"x"}, -5
	got := fieldsOf(s.Validate())
	for _, f := range []string{"id", "name", "areas[0]", "headcount"} {
		if _, ok := got[f]; !ok {
			t.Errorf("missing error for %s in %v", f, got)
		}
	}
}

func TestThemeValidate(t *testing.T) {
	th := &Theme{ID: "T1", CompanyID: "C1", Title: T("生体信号", "Biosignals"), StageMin: "clinical_trial", StageMax: "prototype"}
	if got := fieldsOf(th.Validate()); got["stage_max"] != FieldRange {
		t.Fatalf("inverted stage range not reported: %v", got)
	}
	th.StageMin, th.StageMax = "prototype", "clinical_trial"
	if err := th.Validate(); err != nil {
		t.Fatal(err)
	}
	th.CompanyID = ""
	if got := fieldsOf(th.Validate()); got["company_id"] != FieldRequired {
		t.Fatalf("missing company not reported: %v", got)
	}
}

func TestEventSlots(t *testing.T) {
	e := &Event{Name: T("テスト", "Test"), SlotMinutes: 30, Tables: 10, Days: []Day{
		{Date: "2026-10-14", Start: "10:00", Slots: 6, Breaks: []Break{{AfterSlot: 4, Minutes: 60}}},
		{Date: "2026-10-15", Start: "09:30", Slots: 2},
	}}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	slots := e.Slots()
	if len(slots) != 8 || e.NumSlots() != 8 {
		t.Fatalf("got %d slots, NumSlots %d; want 8", len(slots), e.NumSlots())
	}
	want := []string{"10:00", "10:30", "11:00", "11:30", "13:00", "13:30", "09:30", "10:00"}
	for i, s := range slots {
		if s.Index != i {
			t.Errorf("slot %d has index %d", i, s.Index)
		}
		if got := s.Start.Format("15:04"); got != want[i] {
			t.Errorf("slot %d starts %s, want %s", i, got, want[i])
		}
		if s.End.Sub(s.Start).Minutes() != 30 {
			t.Errorf("slot %d lasts %v", i, s.End.Sub(s.Start))
		}
		if _, off := s.Start.Zone(); off != 9*3600 {
			t.Errorf("slot %d not in JST: offset %d", i, off)
		}
	}
	if slots[6].Day != 1 || slots[6].Label() != "D2 09:30" {
		t.Errorf("day 2 slot: %+v %s", slots[6], slots[6].Label())
	}
}

func TestEventValidate(t *testing.T) {
	e := &Event{Name: T("", ""), SlotMinutes: 0, Tables: 0, Days: []Day{{Date: "2026/10/14", Start: "25:00", Slots: 0}},
		Weights: map[string]float64{"area": -1}}
	got := fieldsOf(e.Validate())
	for _, f := range []string{"name", "slot_minutes", "tables", "days[0].date", "days[0].start", "days[0].slots", "weights.area"} {
		if _, ok := got[f]; !ok {
			t.Errorf("missing %s in %v", f, got)
		}
	}
}

func TestVocabularies(t *testing.T) {
	for _, v := range AllVocabularies() {
		if len(v.Terms) == 0 {
			t.Errorf("%s is empty", v.Name)
		}
		for i, term := range v.Terms {
			if term.Label.Ja == "" || term.Label.En == "" {
				t.Errorf("%s.%s lacks a label", v.Name, term.Code)
			}
			if v.Rank(term.Code) != i || !v.Has(term.Code) {
				t.Errorf("%s.%s rank %d, want %d", v.Name, term.Code, v.Rank(term.Code), i)
			}
		}
		if v.Has("no-such-code") || v.Rank("no-such-code") != -1 {
			t.Errorf("%s accepts an unknown code", v.Name)
		}
	}
	if len(Prefectures.Terms) != 48 { // 47 prefectures and "overseas"
		t.Errorf("prefectures: %d", len(Prefectures.Terms))
	}
	if DevStages.Rank("concept") >= DevStages.Rank("clinical_trial") {
		t.Error("development stages out of order")
	}
	if got := Areas.Label("cardiovascular", Ja); got != "循環器" {
		t.Errorf("label = %q", got)
	}
}

func TestTextAndLang(t *testing.T) {
	tests := []struct {
		locale string
		want   Lang
	}{{"ja_JP.UTF-8", Ja}, {"ja-JP", Ja}, {"JA", Ja}, {"en_US", En}, {"", En}, {"C", En}}
	for _, tt := range tests {
		if got := ParseLang(tt.locale); got != tt.want {
			t.Errorf("ParseLang(%q) = %s", tt.locale, got)
		}
	}
	if got := T("", "Only English").In(Ja); got != "Only English" {
		t.Errorf("fallback to English: %q", got)
	}
	if got := T("日本語のみ", "").In(En); got != "日本語のみ" {
		t.Errorf("fallback to Japanese: %q", got)
	}
	if !T(" ", "").IsZero() || T("a", "").IsZero() {
		t.Error("IsZero")
	}
}

func TestErrorKinds(t *testing.T) {
	conflict := fmt.Errorf("save: %w", &ConflictError{Entity: "startup", ID: "S1", Have: 1, Stored: 2})
	tests := []struct {
		err  error
		code string
	}{
		{nil, ""},
		{errors.New("boom"), EInternal},
		{NotFound("startup", "S9"), ENotFound},
		{fmt.Errorf("wrap: %w", Errorf(EForbidden, "権限がありません", "no access to %s", "S2")), EForbidden},
		{conflict, EConflict},
		{(&Startup{}).Validate(), EInvalid},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.code)
		}
	}
	var ce *ConflictError
	if !errors.As(conflict, &ce) || ce.Stored != 2 {
		t.Error("ConflictError not found in chain")
	}
	if msg := ErrorMessage(Errorf(EForbidden, "権限がありません", "forbidden"), Ja); msg != "権限がありません" {
		t.Errorf("Japanese message: %q", msg)
	}
}

func TestInterestAndMeetingValidate(t *testing.T) {
	in := &Interest{Kind: InterestApply, StartupID: "S1", CompanyID: "C1", By: KindStartup}
	if got := fieldsOf(in.Validate()); got["theme_id"] != FieldRequired {
		t.Errorf("application without theme: %v", got)
	}
	in.Kind = "love"
	if got := fieldsOf(in.Validate()); got["kind"] != FieldUnknown {
		t.Errorf("unknown kind: %v", got)
	}
	m := &Meeting{StartupID: "S1", CompanyID: "C1", Slot: 36, Table: 0, Status: StatusProposed}
	if got := fieldsOf(m.Validate(36, 30)); got["slot"] != FieldRange {
		t.Errorf("slot out of range: %v", got)
	}
	a := &Availability{Kind: KindCompany, ID: "C1", Unavailable: []int{3, 3, 40}}
	got := fieldsOf(a.Validate(36))
	if got["unavailable[1]"] != FieldDup || got["unavailable[2]"] != FieldRange {
		t.Errorf("availability: %v", got)
	}
}

func TestValidEmail(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"info@cardiosense.example.com", true},
		{"a.b+c_d@x.co.jp", true},
		{"o'brien@example.org", true},
		{"info at example", false},
		{"a@b", false},
		{"a..b@x.com", false},
		{".a@x.com", false},
		{"a.@x.com", false},
		{"a@-x.com", false},
		{"a@x-.com", false},
		{"a@x..com", false},
		{"a@b@x.com", false},
		{"Name <a@x.com>", false},
		{"a b@x.com", false},
		{"山田@example.jp", false},
		{"@x.com", false},
		{strings.Repeat("a", 65) + "@x.com", false},
	}
	for _, tt := range tests {
		if got := ValidEmail(tt.in); got != tt.ok {
			t.Errorf("ValidEmail(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
}
