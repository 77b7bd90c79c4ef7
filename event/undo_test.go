package event

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestInverse(t *testing.T) {
	cs := []FieldChange{
		{Entity: "meeting", ID: "1", Field: "slot", Old: "3", New: "5"},
		{Entity: "meeting", ID: "1", Field: "slot", Old: "5", New: "7"},
		{Entity: "interest", ID: "9", Field: InterestStatement, Old: "a", New: ""},
	}
	want := []FieldChange{
		{Entity: "interest", ID: "9", Field: InterestStatement, Old: "", New: "a"},
		{Entity: "meeting", ID: "1", Field: "slot", Old: "7", New: "5"},
		{Entity: "meeting", ID: "1", Field: "slot", Old: "5", New: "3"},
	}
	if got := Inverse(cs); !reflect.DeepEqual(got, want) {
		t.Fatalf("Inverse = %+v", got)
	}
	if got := Inverse(Inverse(cs)); !reflect.DeepEqual(got, cs) {
		t.Fatalf("Inverse twice = %+v", got)
	}
}

func TestUndoStacks(t *testing.T) {
	ch := func(id int64) AuditEntry { return AuditEntry{ID: id, Undo: UndoChange} }
	un := func(id, of int64) AuditEntry { return AuditEntry{ID: id, Undo: UndoUndo, Undoes: of} }
	re := func(id, of int64) AuditEntry { return AuditEntry{ID: id, Undo: UndoRedo, Undoes: of} }
	ids := func(l []AuditEntry) []int64 {
		out := []int64{}
		for _, e := range l {
			out = append(out, e.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name       string
		log        []AuditEntry
		undo, redo []int64
	}{
		{"empty", nil, []int64{}, []int64{}},
		{"two changes", []AuditEntry{ch(1), ch(2)}, []int64{1, 2}, []int64{}},
		{"undo the last", []AuditEntry{ch(1), ch(2), un(3, 2)}, []int64{1}, []int64{3}},
		{"undo both", []AuditEntry{ch(1), ch(2), un(3, 2), un(4, 1)}, []int64{}, []int64{3, 4}},
		{"redo", []AuditEntry{ch(1), ch(2), un(3, 2), un(4, 1), re(5, 4)}, []int64{5}, []int64{3}},
		{"undo the redo", []AuditEntry{ch(1), un(2, 1), re(3, 2), un(4, 3)}, []int64{}, []int64{4}},
		{"new change clears redo", []AuditEntry{ch(1), ch(2), un(3, 2), ch(4)}, []int64{1, 4}, []int64{}},
		{"window starts at an undo", []AuditEntry{un(7, 6), ch(8)}, []int64{8}, []int64{}},
		{"not undoable entries", []AuditEntry{ch(1), {ID: 2}, un(3, 1)}, []int64{}, []int64{3}},
	} {
		u, r := UndoStacks(tc.log)
		if !reflect.DeepEqual(ids(u), tc.undo) || !reflect.DeepEqual(ids(r), tc.redo) {
			t.Errorf("%s: undo %v redo %v, want %v %v", tc.name, ids(u), ids(r), tc.undo, tc.redo)
		}
	}
}

// TestUndoStacksModel checks UndoStacks on random histories against an
// editor's two stacks, kept as the history is made.
func TestUndoStacksModel(t *testing.T) {
	for seed := range 200 {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		var log []AuditEntry
		var undo, redo []int64
		id := int64(0)
		for range 60 {
			id++
			switch op := r.IntN(3); {
			case op == 1 && len(undo) > 0:
				log = append(log, AuditEntry{ID: id, Undo: UndoUndo, Undoes: undo[len(undo)-1]})
				undo, redo = undo[:len(undo)-1], append(redo, id)
			case op == 2 && len(redo) > 0:
				log = append(log, AuditEntry{ID: id, Undo: UndoRedo, Undoes: redo[len(redo)-1]})
				redo, undo = redo[:len(redo)-1], append(undo, id)
			default:
				log = append(log, AuditEntry{ID: id, Undo: UndoChange})
				undo, redo = append(undo, id), nil
			}
			u, rd := UndoStacks(log)
			if len(u) != len(undo) || len(rd) != len(redo) {
				t.Fatalf("seed %d: %d/%d entries, want %d/%d", seed, len(u), len(rd), len(undo), len(redo))
			}
			for k := range u {
				if u[k].ID != undo[k] {
					t.Fatalf("seed %d: undo %v, want %v", seed, u, undo)
				}
			}
			for k := range rd {
				if rd[k].ID != redo[k] {
					t.Fatalf("seed %d: redo %v, want %v", seed, rd, redo)
				}
			}
		}
	}
}

func TestMeetingFieldsRoundTrip(t *testing.T) {
	a := Meeting{ID: 4, StartupID: "S1", CompanyID: "C1", ThemeID: "T1", Slot: 3, Table: 0, Status: StatusConfirmed}
	b := Meeting{ID: 4, StartupID: "S2", CompanyID: "C2", ThemeID: "", Slot: 11, Table: 9, Status: StatusHeld,
		Outcome: OutcomeDeal, Locked: true}
	cs := MeetingDiff(&a, &b)
	if len(cs) != len(meetingFields) {
		t.Fatalf("%d changes, want %d: %+v", len(cs), len(meetingFields), cs)
	}
	got := a
	for _, c := range cs {
		if v, _ := MeetingField(&got, c.Field); v != c.Old {
			t.Fatalf("%s: %q, want %q", c.Field, v, c.Old)
		}
		if err := SetMeetingField(&got, c.Field, c.New); err != nil {
			t.Fatal(err)
		}
	}
	if got != b {
		t.Fatalf("applied: %+v, want %+v", got, b)
	}
	for _, c := range Inverse(cs) {
		if err := SetMeetingField(&got, c.Field, c.New); err != nil {
			t.Fatal(err)
		}
	}
	if got != a {
		t.Fatalf("inverted: %+v, want %+v", got, a)
	}
	if d := MeetingDiff(nil, &a); len(d) != 1 || d[0].Field != "" || d[0].ID != "4" {
		t.Fatalf("created: %+v", d)
	}
	for _, bad := range [][2]string{{"slot", "x"}, {"table", ""}, {"locked", "maybe"}, {"score", "1"}} {
		if err := SetMeetingField(&got, bad[0], bad[1]); ErrorCode(err) != EInvalid {
			t.Errorf("set %s to %q: %v", bad[0], bad[1], err)
		}
	}
}

func TestInterestAndCheckInValues(t *testing.T) {
	in := &Interest{ID: 12, Kind: InterestNoThanks, StartupID: "S1", CompanyID: "C1", ThemeID: "T2", By: KindCompany, Note: "見送り：時期尚早"}
	back, err := ParseInterestValue(InterestValue(in))
	if err != nil {
		t.Fatal(err)
	}
	if back.Kind != in.Kind || back.StartupID != in.StartupID || back.ThemeID != in.ThemeID || back.Note != in.Note || back.ID != 0 {
		t.Fatalf("round trip %+v", back)
	}
	if v, err := ParseInterestValue(""); v != nil || err != nil || InterestValue(nil) != "" {
		t.Fatal("empty statement")
	}
	if _, err := ParseInterestValue("{"); ErrorCode(err) != EInvalid {
		t.Fatalf("bad statement: %v", err)
	}
	if c := InterestChange(nil, &Interest{Kind: InterestShortlist}); c.ID != "" || c.Old != "" || c.New == "" {
		t.Fatalf("adding: %+v", c)
	}
	if c := InterestChange(in, nil); c.ID != "12" || c.New != "" {
		t.Fatalf("removing: %+v", c)
	}
	c := CheckInChange(KindCompany, "C1", 2, true)
	if c.Field != "checkin.day3" || c.New != CheckedIn || c.Old != "" {
		t.Fatalf("check-in change %+v", c)
	}
	for _, tc := range []struct {
		f   string
		day int
		ok  bool
	}{{"checkin.day1", 0, true}, {"checkin.day12", 11, true}, {"checkin.day0", 0, false}, {"checkin.dayx", 0, false}, {"slot", 0, false}} {
		if d, ok := ParseCheckInField(tc.f); d != tc.day || ok != tc.ok {
			t.Errorf("%s: %d %v", tc.f, d, ok)
		}
	}
	for _, tc := range []struct {
		c      FieldChange
		now    string
		ja, en string
	}{
		{FieldChange{Entity: "meeting", ID: "3", Field: "slot", Old: "4"}, "6", "面談 3 はその後に他の場所で変更されています（枠: 「4」のはずが「6」）", `slot is "6", expected "4"`},
		{FieldChange{Entity: "meeting", ID: "3", Field: "locked", Old: "true"}, "false", "（ロック: 「あり」のはずが「なし」）", `lock is "not locked", expected "locked"`},
		{FieldChange{Entity: "startup", ID: "S1", Field: "name.ja", Old: "A"}, "B", "スタートアップ S1", "(ja)"},
		{FieldChange{Entity: "company", ID: "C1", Field: "checkin.day2", Old: CheckedIn}, "", "2日目のチェックイン: 「到着済み」のはずが「（なし）」", "check-in on day 2"},
		{FieldChange{Entity: "interest", ID: "7", Field: InterestStatement, Old: "x"}, "", "関心・判断 7 はその後に", "interest statement 7 was changed elsewhere"},
	} {
		msg := ChangedSince(tc.c, tc.now)
		if msg.Code != EConflict || !strings.Contains(msg.Message.Ja, tc.ja) || !strings.Contains(msg.Message.En, tc.en) {
			t.Errorf("ChangedSince(%+v) = %q / %q", tc.c, msg.Message.Ja, msg.Message.En)
		}
	}
}

func TestSetFlatFieldInvertsRecordDiff(t *testing.T) {
	a := &Startup{ID: "S1", Version: 3, Name: T("株式会社A", "A Inc."), Founded: 2019, Prefecture: "13", Headcount: 12,
		Areas: []string{"cardiovascular"}, MaxMeetings: 4, Notes: "初回"}
	b := &Startup{ID: "S1", Version: 3, Name: T("株式会社B", ""), Founded: 0, Prefecture: "27", Headcount: 12,
		Areas: []string{"oncology", "dental"}, Technologies: []string{"ai"}, Website: "https://b.example.jp", Notes: "123"}
	cs := RecordDiff("startup", "S1", a, b)
	if len(cs) == 0 {
		t.Fatal("no changes")
	}
	got := *a
	for _, c := range cs {
		if err := SetFlatField(&got, c.Field, c.New); err != nil {
			t.Fatalf("%s: %v", c.Field, err)
		}
	}
	if d := RecordDiff("startup", "S1", &got, b); len(d) != 0 {
		t.Fatalf("applied, still differs: %+v", d)
	}
	for _, c := range Inverse(cs) {
		if err := SetFlatField(&got, c.Field, c.New); err != nil {
			t.Fatalf("%s: %v", c.Field, err)
		}
	}
	if d := RecordDiff("startup", "S1", &got, a); len(d) != 0 || got.Version != 3 {
		t.Fatalf("inverted, still differs: %+v", d)
	}
	// Event settings: nested days and a map of weights.
	e1 := &Event{Name: T("展示会", "Expo"), SlotMinutes: 30, Tables: 30, Days: []Day{{Date: "2026-10-14", Start: "10:00", Slots: 12}},
		Weights: map[string]float64{"areas": 3}}
	e2 := &Event{Name: T("展示会", "Expo"), SlotMinutes: 20, Tables: 5, Days: []Day{{Date: "2026-10-14", Start: "09:00", Slots: 8}, {Date: "2026-10-15", Start: "10:00", Slots: 4}},
		Weights: map[string]float64{"text": 1.5}}
	ge := *e1
	for _, c := range RecordChange("event", "", e1, e2) {
		if err := SetFlatField(&ge, c.Field, c.New); err != nil {
			t.Fatalf("event %s: %v", c.Field, err)
		}
	}
	if !reflect.DeepEqual(FlatFields(&ge), FlatFields(e2)) {
		t.Fatalf("event applied: %v, want %v", FlatFields(&ge), FlatFields(e2))
	}
	// Values that do not fit are refused and change nothing.
	before := got
	for _, bad := range [][2]string{{"founded", "soon"}, {"areas", "{"}, {"version", "9"}, {"name", "x"}} {
		if err := SetFlatField(&got, bad[0], bad[1]); ErrorCode(err) != EInvalid {
			t.Errorf("set %s to %q: %v", bad[0], bad[1], err)
		}
	}
	if !reflect.DeepEqual(got, before) {
		t.Fatal("a refused value changed the record")
	}
}
