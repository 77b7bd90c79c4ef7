package event

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseWhole(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"12", 12, true},
		{" 12 ", 12, true},
		{"１２", 12, true},
		{"１２名", 12, true},
		{"12 名", 12, true},
		{"３社", 3, true},
		{"20分", 20, true},
		{"12 people", 12, true},
		{"1,200", 1200, true},
		{"１，２００", 1200, true},
		{"12.0", 12, true},
		{"-3", -3, true},
		{"－３", -3, true},
		{"+4", 4, true},
		{"十二", 12, true},
		{"十二名", 12, true},
		{"二千十八", 2018, true},
		{"二〇一八", 2018, true},
		{"三万五千", 35000, true},
		{"０", 0, true},
		{"", 0, false},
		{"名", 0, false},
		{"12.5", 0, false},
		{"1,20", 0, false},
		{"12a", 0, false},
		{"約12名", 0, false},
		{"12名以上", 0, false},
		{"99999999999", 0, false},
		{"1 2", 0, false},
	} {
		got, err := ParseWhole(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseWhole(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil {
			var ne *NumberError
			if !errors.As(err, &ne) || ErrorCode(err) != EInvalid || ne.Message().Ja == "" {
				t.Errorf("ParseWhole(%q) error %v is not a NumberError with code invalid", tc.in, err)
			}
		}
	}
}

func TestParseYear(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"2018", 2018, true},
		{"２０１８", 2018, true},
		{"2018年", 2018, true},
		{"２０１８年４月", 2018, true},
		{"2018年4月1日", 2018, true},
		{"2018/04/01", 2018, true},
		{"2018-04", 2018, true},
		{"2018.4", 2018, true},
		{"平成30年", 2018, true},
		{"平成３０年", 2018, true},
		{"平成30年4月1日", 2018, true},
		{"平成元年", 1989, true},
		{"令和元年", 2019, true},
		{"令和5年", 2023, true},
		{"令和五年", 2023, true},
		{"昭和64年", 1989, true},
		{"H30", 2018, true},
		{"R5", 2023, true},
		{"H30.4.1", 2018, true},
		{"㍻30年", 2018, true},
		{"2018.0", 2018, true},
		{"", 0, false},
		{"平成", 0, false},
		{"平成100年", 0, false},
		{"平成30年ごろ", 0, false},
		{"2018年頃", 0, false},
		{"18/04/01", 0, false},
		{"Series A", 0, false},
	} {
		got, err := ParseYear(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "year") {
			t.Errorf("ParseYear(%q) error %q does not say a year was expected", tc.in, err)
		}
	}
}

// Property: every int32 written in ASCII, full width, with separators or a
// unit reads back as itself.
func TestParseWholeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	wide := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return c - '0' + '０'
			}
			return c
		}, s)
	}
	group := func(s string) string {
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		var b []string
		for len(s) > 3 {
			b = append([]string{s[len(s)-3:]}, b...)
			s = s[:len(s)-3]
		}
		b = append([]string{s}, b...)
		out := strings.Join(b, ",")
		if neg {
			out = "-" + out
		}
		return out
	}
	for i := 0; i < 5000; i++ {
		n := int(int32(r.Uint32()))
		if i%3 == 0 {
			n = r.IntN(2000)
		}
		s := strconv.Itoa(n)
		for _, form := range []string{s, wide(s), group(s), wide(group(s)), s + "名", " " + wide(s) + " 社 "} {
			got, err := ParseWhole(form)
			if err != nil || got != n {
				t.Fatalf("ParseWhole(%q) = %d, %v; want %d", form, got, err, n)
			}
		}
	}
}

func TestFoldWidth(t *testing.T) {
	if got := FoldWidth("Ｓ０１　ＡＢＣ－ｘ"); got != "S01 ABC-x" {
		t.Errorf("FoldWidth = %q", got)
	}
	if got := FoldWidth("循環器"); got != "循環器" {
		t.Errorf("FoldWidth changed kanji: %q", got)
	}
}

// recordOf returns a zero record of entity.
func recordOf(entity string) any {
	switch entity {
	case EntityStartup:
		return &Startup{}
	case EntityCompany:
		return &Company{}
	case EntityTheme:
		return &Theme{}
	case EntityEvent:
		return &Event{}
	}
	return nil
}

// jsonNames are the JSON field names of a record type that carry data a
// person edits (not versions, timestamps or settings with their own editor).
func jsonNames(t *testing.T, rec any) map[string]bool {
	t.Helper()
	skip := map[string]bool{"version": true, "updated_at": true, "days": true, "weights": true,
		"embedding_url": true, "embedding_model": true, "embedding_dims": true, "past_figures": true,
		"default_language": true,
		// the weight fit record: written by matching (pitchmatch weights, desktop Settings)
		"weight_fit": true,
		// the online settings' own editor (pitchmatch settings): structured values
		"contact": true, "smtp": true, "scout_fields": true}
	out := map[string]bool{}
	rt := reflect.TypeOf(rec).Elem()
	for i := 0; i < rt.NumField(); i++ {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && !skip[name] {
			out[name] = true
		}
	}
	return out
}

// Every field of the record types is in the schema and every schema field
// reaches a real field of its record: adding a field to event.Startup
// without describing it here fails.
func TestSchemaCoversRecords(t *testing.T) {
	for _, entity := range []string{EntityStartup, EntityCompany, EntityTheme, EntityEvent} {
		fs := Fields(entity)
		if len(fs) == 0 {
			t.Fatalf("no schema for %s", entity)
		}
		want := jsonNames(t, recordOf(entity))
		seen := map[string]bool{}
		for i := range fs {
			f := &fs[i]
			if seen[f.Name] {
				t.Errorf("%s.%s twice in the schema", entity, f.Name)
			}
			seen[f.Name] = true
			if !want[f.Name] {
				t.Errorf("%s.%s is in the schema but not a JSON field of the record", entity, f.Name)
			}
			if f.Entity != entity || f.Label.Ja == "" || f.Label.En == "" || len(f.Editors) == 0 || f.Section == "" {
				t.Errorf("%s.%s: incomplete: %+v", entity, f.Name, f)
			}
			if !f.EditableBy(EditorOrganizer) {
				t.Errorf("%s.%s: the organizer cannot edit it", entity, f.Name)
			}
			if (f.Type == TypeCode || f.Type == TypeCodes) != (f.Vocab != nil) {
				t.Errorf("%s.%s: vocabulary %v for type %d", entity, f.Name, f.Vocab, f.Type)
			}
			rec := recordOf(entity)
			var ptr any
			switch {
			case f.Type.Bilingual():
				ptr = f.Text(rec)
			case f.Type.Number():
				ptr = f.Int(rec)
			case f.Type.List():
				ptr = f.List(rec)
			case f.Type == TypeDecimal:
				ptr = f.Decimal(rec)
			default:
				ptr = f.String(rec)
			}
			if reflect.ValueOf(ptr).IsNil() {
				t.Errorf("%s.%s: no accessor of its type on %T", entity, f.Name, rec)
			}
			if FieldByName(entity, f.Columns()[0]) == nil {
				t.Errorf("%s.%s: FieldByName(%s) finds nothing", entity, f.Name, f.Columns()[0])
			}
		}
		for name := range want {
			if !seen[name] {
				t.Errorf("%s has JSON field %q that the schema lacks", entity, name)
			}
		}
	}
}

// Setting a value through the schema lands in the JSON field of the same
// name: the accessors point at the field they name.
func TestSchemaAccessorsMatchJSON(t *testing.T) {
	for _, entity := range []string{EntityStartup, EntityCompany, EntityTheme, EntityEvent} {
		for _, f := range Fields(entity) {
			rec := recordOf(entity)
			var want any
			switch {
			case f.Type.Bilingual():
				*f.Text(rec) = T("日本語", "English")
				want = map[string]any{"ja": "日本語", "en": "English"}
			case f.Type.Number():
				*f.Int(rec) = 7
				want = float64(7)
			case f.Type.List():
				*f.List(rec) = []string{"a", "b"}
				want = []any{"a", "b"}
			case f.Type == TypeDecimal:
				v := 0.25
				*f.Decimal(rec) = &v
				want = 0.25
			default:
				*f.String(rec) = "x1"
				want = "x1"
			}
			data, _ := json.Marshal(rec)
			var m map[string]any
			_ = json.Unmarshal(data, &m)
			if !reflect.DeepEqual(m[f.Name], want) {
				t.Errorf("%s.%s: set %v, JSON has %v", entity, f.Name, want, m[f.Name])
			}
			other := recordOf(entity)
			if f.Equal(rec, other) {
				t.Errorf("%s.%s: Equal after a change", entity, f.Name)
			}
			f.Copy(other, rec)
			if !f.Equal(rec, other) || f.Display(other, Ja) == "" || strings.Join(f.Cells(other), "") == "" {
				t.Errorf("%s.%s: Copy/Display/Cells lost the value", entity, f.Name)
			}
		}
	}
}

// Organizer-owned fields are not the startup's: IDs, caps set by the
// organizer on companies, every event setting.
func TestSchemaEditors(t *testing.T) {
	for _, f := range Fields(EntityStartup) {
		if f.Name == "id" && f.EditableBy(EditorStartup) {
			t.Error("a startup may change its ID")
		}
		if f.EditableBy(EditorScout) {
			t.Errorf("a scout may edit startup.%s", f.Name)
		}
	}
	for _, entity := range []string{EntityCompany, EntityTheme, EntityEvent} {
		for _, f := range Fields(entity) {
			if f.EditableBy(EditorStartup) {
				t.Errorf("a startup may edit %s.%s", entity, f.Name)
			}
		}
	}
	for _, f := range Fields(EntityCompany) {
		if (f.Name == "scouts" || f.Name == "max_meetings" || f.Name == "tables" || f.Name == "id") && f.EditableBy(EditorScout) {
			t.Errorf("a scout may edit company.%s", f.Name)
		}
	}
}

func TestPlanDay(t *testing.T) {
	br, err := ParseTimeRanges("12:00-13:00, １５：００〜１５：１５")
	if err != nil || len(br) != 2 || br[1] != (TimeRange{"15:00", "15:15"}) {
		t.Fatalf("ParseTimeRanges = %v, %v", br, err)
	}
	d, err := PlanDay("2026-10-14", "10:00", "17:00", 30, br)
	if err != nil {
		t.Fatal(err)
	}
	e := Event{SlotMinutes: 30, Days: []Day{d}}
	var starts []string
	for _, s := range e.Slots() {
		starts = append(starts, s.Start.Format("15:04"))
		if s.Start.Format("15:04") < "13:00" && s.End.Format("15:04") > "12:00" || s.Start.Format("15:04") < "15:15" && s.End.Format("15:04") > "15:00" {
			t.Errorf("slot %s overlaps a break", s.Label())
		}
	}
	want := "10:00 10:30 11:00 11:30 13:00 13:30 14:00 14:30 15:15 15:45 16:15"
	if strings.Join(starts, " ") != want {
		t.Errorf("slots %v, want %s", starts, want)
	}
	if _, err := PlanDay("2026-10-14", "10:00", "10:10", 30, nil); err == nil {
		t.Error("a day without room for a slot was accepted")
	}
	if _, err := ParseTimeRanges("13:00-12:00"); err == nil {
		t.Error("a backwards break was accepted")
	}
}

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{{"0.05", 0.05, true}, {" ０．１ ", 0.1, true}, {"0,5", 0.5, true}, {"3", 3, true}, {"-1", -1, true},
		{"", 0, false}, {"abc", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"1,000.5", 0, false}} {
		got, err := ParseDecimal(c.in)
		if (err == nil) != c.ok || c.ok && got != c.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
		if err != nil && FieldByName(EntityEvent, "move_cost") == nil {
			t.Error("no move_cost field")
		}
	}
}
