package event

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Field length limits, in characters (runes), shared by import, the API, the
// portal and the desktop forms.
const (
	MaxIDLen      = 64
	MaxNameLen    = 200
	MaxSummaryLen = 4000
	MaxURLLen     = 500
	MaxNoteLen    = 2000
	MaxListLen    = 50 // codes in one list field
)

// Field-error codes.
const (
	FieldRequired = "required"
	FieldTooLong  = "too_long"
	FieldUnknown  = "unknown_code"
	FieldRange    = "out_of_range"
	FieldFormat   = "bad_format"
	FieldDup      = "duplicate"
)

// FieldError is one problem with one field. Field is a path such as
// "name.ja", "areas[2]" or "days[0].start".
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message Text   `json:"message"`
}

func (f FieldError) String() string { return f.Field + ": " + f.Message.En }

// ValidationError lists every problem found in one record.
type ValidationError struct {
	Entity string       `json:"entity"`
	ID     string       `json:"id,omitempty"`
	Errors []FieldError `json:"errors"`
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, f := range e.Errors {
		parts[i] = f.String()
	}
	who := e.Entity
	if e.ID != "" {
		who += " " + e.ID
	}
	return who + ": " + strings.Join(parts, "; ")
}

// Unwrap lets errors.As find an *Error with code EInvalid.
func (e *ValidationError) Unwrap() error {
	return &Error{Code: EInvalid, Message: Text{Ja: "入力内容に誤りがあります", En: "invalid input"}}
}

// checker accumulates field errors.
type checker struct{ errs []FieldError }

func (c *checker) add(field, code string, msg Text) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code, Message: msg})
}

func (c *checker) result(entity, id string) error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Entity: entity, ID: id, Errors: c.errs}
}

func (c *checker) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, FieldRequired, Text{Ja: "必須項目です", En: "is required"})
	}
}

func (c *checker) maxLen(field, v string, n int) { c.str(field, v, n, SingleLine, false) }

// str checks one text value with the sanitiser (CheckText) and its length.
func (c *checker) str(field, v string, n int, kind TextKind, required bool) {
	if fe := CheckText(field, v, kind, required); fe != nil {
		c.errs = append(c.errs, *fe)
		return
	}
	if l := utf8.RuneCountInString(v); l > n {
		c.add(field, FieldTooLong, Text{
			Ja: fmt.Sprintf("%d文字以内で入力してください（現在%d文字）", n, l),
			En: fmt.Sprintf("must be at most %d characters (has %d)", n, l)})
	}
}

func (c *checker) text(field string, t Text, n int, required bool) {
	c.textKind(field, t, n, SingleLine, required)
}

// textKind checks both sides of a bilingual text; a required one needs a
// visible character in at least one language.
func (c *checker) textKind(field string, t Text, n int, kind TextKind, required bool) {
	c.str(field+".ja", t.Ja, n, kind, false)
	c.str(field+".en", t.En, n, kind, false)
	if required && !HasVisible(t.Ja) && !HasVisible(t.En) {
		if t.IsZero() {
			c.add(field, FieldRequired, Text{Ja: "日本語か英語のどちらかを入力してください", En: "is required in Japanese or English"})
		} else {
			c.add(field, FieldInvisible, Text{Ja: "目に見える文字がありません（空白や幅ゼロの文字だけです）", En: "has no visible character (only spaces or invisible characters)"})
		}
	}
}

func (c *checker) id(field, v string) {
	if v == "" {
		c.required(field, v)
		return
	}
	if len(v) > MaxIDLen {
		c.add(field, FieldTooLong, Text{Ja: fmt.Sprintf("IDは%d文字以内です", MaxIDLen), En: fmt.Sprintf("must be at most %d characters", MaxIDLen)})
		return
	}
	if !ValidID(v) {
		c.add(field, FieldFormat, Text{Ja: "IDには半角英数字と - _ . のみ使えます", En: "may contain only ASCII letters, digits, '-', '_' and '.'"})
	}
}

// ValidEmail reports whether s is a plain address local@domain: the dot-atom
// form of RFC 5322 (no display name, comments or quoted local part) with a
// domain of at least two DNS labels. It is written here rather than taken
// from net/mail so that the browser portal, which shares this validation,
// does not carry the net package.
func ValidEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || len(s) > 254 || len(local) == 0 || len(local) > 64 || strings.Contains(domain, "@") {
		return false
	}
	for _, part := range strings.Split(local, ".") {
		if part == "" {
			return false // leading, trailing or double dot
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+/=?^_`{|}~-", r)) {
				return false
			}
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || len(domain) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// ValidID reports whether s is a well-formed record ID.
func ValidID(s string) bool {
	if s == "" || len(s) > MaxIDLen {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return false
		}
	}
	return true
}

func (c *checker) code(field string, v *Vocabulary, code Code, required bool) {
	if code == "" {
		if required {
			c.required(field, code)
		}
		return
	}
	if !v.Has(code) {
		c.add(field, FieldUnknown, Text{
			Ja: fmt.Sprintf("「%s」は%sの選択肢にありません", code, v.Name),
			En: fmt.Sprintf("%q is not a known %s code", code, v.Name)})
	}
}

func (c *checker) codes(field string, v *Vocabulary, codes []Code) {
	if len(codes) > MaxListLen {
		c.add(field, FieldTooLong, Text{Ja: fmt.Sprintf("%d個以内で選んでください", MaxListLen), En: fmt.Sprintf("must have at most %d entries", MaxListLen)})
		return
	}
	seen := make(map[Code]bool, len(codes))
	for i, code := range codes {
		f := fmt.Sprintf("%s[%d]", field, i)
		c.code(f, v, code, true)
		if seen[code] {
			c.add(f, FieldDup, Text{Ja: fmt.Sprintf("「%s」が重複しています", code), En: fmt.Sprintf("%q is listed twice", code)})
		}
		seen[code] = true
	}
}

func (c *checker) intRange(field string, v, lo, hi int) {
	if v < lo || v > hi {
		c.add(field, FieldRange, Text{
			Ja: fmt.Sprintf("%dから%dの範囲で入力してください", lo, hi),
			En: fmt.Sprintf("must be between %d and %d", lo, hi)})
	}
}

// Validate checks every field of the startup and returns a *ValidationError
// listing all problems, or nil.
//
// Validate first puts the text fields in their stored form (Normalize), so
// every path that validates a record also stores it NFC-normalised.
func (s *Startup) Validate() error {
	s.Normalize()
	var c checker
	c.id("id", s.ID)
	c.text("name", s.Name, MaxNameLen, true)
	if s.Founded != 0 {
		c.intRange("founded", s.Founded, 1900, time.Now().Year()+1)
	}
	c.code("prefecture", Prefectures, s.Prefecture, false)
	c.intRange("headcount", s.Headcount, 0, 1_000_000)
	c.code("funding_stage", FundingStages, s.FundingStage, false)
	c.text("product_name", s.ProductName, MaxNameLen, false)
	c.textKind("product_summary", s.ProductSummary, MaxSummaryLen, MultiLine, false)
	c.code("product_type", ProductTypes, s.ProductType, false)
	c.code("device_class", DeviceClasses, s.DeviceClass, false)
	c.codes("purposes", Purposes, s.Purposes)
	c.codes("areas", Areas, s.Areas)
	c.codes("technologies", Technologies, s.Technologies)
	c.code("dev_stage", DevStages, s.DevStage, false)
	c.codes("regulatory", Regulatory, s.Regulatory)
	c.codes("needs", Needs, s.Needs)
	c.codes("partnerships", Partnerships, s.Partnerships)
	c.maxLen("website", s.Website, MaxURLLen)
	if s.Website != "" && !strings.HasPrefix(s.Website, "https://") && !strings.HasPrefix(s.Website, "http://") {
		c.add("website", FieldFormat, Text{Ja: "http:// または https:// で始まるURLを入力してください", En: "must start with http:// or https://"})
	}
	c.maxLen("contact_email", s.ContactEmail, MaxURLLen)
	if s.ContactEmail != "" && !ValidEmail(s.ContactEmail) {
		c.add("contact_email", FieldFormat, Text{Ja: "メールアドレスの形式が正しくありません", En: "is not a valid e-mail address"})
	}
	c.intRange("max_meetings", s.MaxMeetings, 0, 1000)
	c.str(NotesField, s.Notes, MaxNotesLen, MultiLine, false)
	return c.result("startup", s.ID)
}

// Validate checks the company.
func (co *Company) Validate() error {
	co.Normalize()
	var c checker
	c.id("id", co.ID)
	c.text("name", co.Name, MaxNameLen, true)
	c.textKind("description", co.Description, MaxSummaryLen, MultiLine, false)
	if len(co.Scouts) > MaxListLen {
		c.add("scouts", FieldTooLong, Text{Ja: fmt.Sprintf("%d名以内です", MaxListLen), En: fmt.Sprintf("must have at most %d entries", MaxListLen)})
	}
	for i, s := range co.Scouts {
		c.maxLen(fmt.Sprintf("scouts[%d]", i), s, MaxNameLen)
	}
	c.intRange("max_meetings", co.MaxMeetings, 0, 10000)
	c.intRange("tables", co.Tables, 0, 100)
	c.str(NotesField, co.Notes, MaxNotesLen, MultiLine, false)
	return c.result("company", co.ID)
}

// Validate checks the theme. It does not check that CompanyID exists; the
// store does that.
func (t *Theme) Validate() error {
	t.Normalize()
	var c checker
	c.id("id", t.ID)
	c.id("company_id", t.CompanyID)
	c.text("title", t.Title, MaxNameLen, true)
	c.textKind("description", t.Description, MaxSummaryLen, MultiLine, false)
	c.codes("areas", Areas, t.Areas)
	c.codes("technologies", Technologies, t.Technologies)
	c.code("stage_min", DevStages, t.StageMin, false)
	c.code("stage_max", DevStages, t.StageMax, false)
	if t.StageMin != "" && t.StageMax != "" && DevStages.Rank(t.StageMin) > DevStages.Rank(t.StageMax) && DevStages.Has(t.StageMax) {
		c.add("stage_max", FieldRange, Text{Ja: "希望ステージの上限が下限より前です", En: "is earlier than stage_min"})
	}
	c.codes("product_types", ProductTypes, t.ProductTypes)
	c.codes("classes", DeviceClasses, t.Classes)
	c.codes("partnerships", Partnerships, t.Partnerships)
	return c.result("theme", t.ID)
}

// Validate checks the event settings.
func (e *Event) Validate() error {
	e.Normalize()
	var c checker
	c.text("name", e.Name, MaxNameLen, true)
	c.text("venue", e.Venue, MaxNameLen, false)
	if e.TimeZone != "" {
		if _, err := time.LoadLocation(e.TimeZone); err != nil && e.TimeZone != "Asia/Tokyo" {
			c.add("time_zone", FieldUnknown, Text{Ja: "タイムゾーン名が正しくありません", En: "is not a known IANA time zone"})
		}
	}
	c.intRange("slot_minutes", e.SlotMinutes, 5, 240)
	c.intRange("tables", e.Tables, 1, 100_000)
	if len(e.Days) == 0 {
		c.add("days", FieldRequired, Text{Ja: "開催日を1日以上設定してください", En: "needs at least one day"})
	}
	for i, d := range e.Days {
		p := fmt.Sprintf("days[%d]", i)
		if _, err := time.Parse("2006-01-02", d.Date); err != nil {
			c.add(p+".date", FieldFormat, Text{Ja: "日付は YYYY-MM-DD 形式です", En: "must be a date YYYY-MM-DD"})
		}
		if _, err := time.Parse("15:04", d.Start); err != nil {
			c.add(p+".start", FieldFormat, Text{Ja: "開始時刻は HH:MM 形式です", En: "must be a time HH:MM"})
		}
		c.intRange(p+".slots", d.Slots, 1, 200)
		for j, b := range d.Breaks {
			c.intRange(fmt.Sprintf("%s.breaks[%d].after_slot", p, j), b.AfterSlot, 1, d.Slots)
			c.intRange(fmt.Sprintf("%s.breaks[%d].minutes", p, j), b.Minutes, 1, 600)
		}
	}
	c.intRange("startup_cap", e.StartupCap, 0, 1000)
	c.intRange("company_cap", e.CompanyCap, 0, 100_000)
	c.intRange("fairness_floor", e.FairnessFloor, 0, 1000)
	if m := e.MoveCost; m != nil && !(*m >= 0 && *m <= 100) {
		c.add("move_cost", FieldRange, Text{Ja: "移動コストは0から100の範囲です", En: "must be between 0 and 100"})
	}
	for k, w := range e.Weights {
		if w < 0 || w > 100 || w != w {
			c.add("weights."+k, FieldRange, Text{Ja: "重みは0から100の範囲です", En: "must be between 0 and 100"})
		}
	}
	c.maxLen("embedding_url", e.EmbeddingURL, MaxURLLen)
	c.maxLen("embedding_model", e.EmbeddingModel, MaxNameLen)
	c.intRange("embedding_dims", e.EmbeddingDims, 0, 65536)
	return c.result("event", "")
}

// Validate checks an availability record against the number of slots.
func (a *Availability) Validate(numSlots int) error {
	var c checker
	if a.Kind != KindStartup && a.Kind != KindCompany {
		c.add("kind", FieldUnknown, Text{Ja: "startup か company を指定してください", En: "must be startup or company"})
	}
	c.id("id", a.ID)
	seen := map[int]bool{}
	for i, s := range a.Unavailable {
		f := fmt.Sprintf("unavailable[%d]", i)
		if s < 0 || s >= numSlots {
			c.intRange(f, s, 0, numSlots-1)
		}
		if seen[s] {
			c.add(f, FieldDup, Text{Ja: "枠が重複しています", En: "slot listed twice"})
		}
		seen[s] = true
	}
	return c.result("availability", a.ID)
}

// Validate checks an interest's shape (not that the IDs exist).
func (i *Interest) Validate() error {
	i.Normalize()
	var c checker
	c.code("kind", InterestKinds, string(i.Kind), true)
	c.id("startup_id", i.StartupID)
	c.id("company_id", i.CompanyID)
	if i.ThemeID != "" {
		c.id("theme_id", i.ThemeID)
	}
	if i.Kind == InterestApply && i.ThemeID == "" {
		c.add("theme_id", FieldRequired, Text{Ja: "応募にはテーマが必要です", En: "is required for an application"})
	}
	if i.By != KindStartup && i.By != KindCompany {
		c.add("by", FieldUnknown, Text{Ja: "startup か company を指定してください", En: "must be startup or company"})
	}
	c.str("note", i.Note, MaxNoteLen, MultiLine, false)
	return c.result("interest", fmt.Sprint(i.ID))
}

// Validate checks a meeting's shape against the event's slots and tables.
func (m *Meeting) Validate(numSlots, tables int) error {
	var c checker
	c.id("startup_id", m.StartupID)
	c.id("company_id", m.CompanyID)
	if m.ThemeID != "" {
		c.id("theme_id", m.ThemeID)
	}
	c.intRange("slot", m.Slot, 0, numSlots-1)
	c.intRange("table", m.Table, 0, tables-1)
	c.code("status", MeetingStatuses, string(m.Status), true)
	if m.Outcome != OutcomeUnknown {
		c.code("outcome", Outcomes, string(m.Outcome), false)
	}
	return c.result("meeting", fmt.Sprint(m.ID))
}
