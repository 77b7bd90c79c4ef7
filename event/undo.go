package event

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Undo and redo of the organizer's changes are built on the audit log: an
// undoable change is one audit entry with its field-level changes (old →
// new); undoing it writes its Inverse as a new entry that names the entry
// it undoes, and redoing writes the inverse of that undo. UndoStacks reads
// the log back into what Ctrl+Z and Ctrl+Shift+Z take next, so the history
// survives a restart. The rules here are pure; storage applies them in one
// transaction, checking each old value first.

// UndoKind marks an audit entry's part in the undo history.
type UndoKind string

const (
	UndoNone   UndoKind = ""       // not undoable (imports, portal writes, …)
	UndoChange UndoKind = "change" // an organizer's change Ctrl+Z can take back
	UndoUndo   UndoKind = "undo"   // the inverse of an earlier entry (Undoes)
	UndoRedo   UndoKind = "redo"   // the inverse of an undo (Undoes): the change again
)

// Change is one undoable change: the fields it sets, each with the value
// it expects to find (Old) and the one it writes (New), applied in one
// transaction and logged as one audit entry. A field change with Old = New
// is a precondition: checked, neither written nor logged.
type Change struct {
	Action  string // e.g. "meeting.move", "interest.decide", "checkin"
	Label   Text   // what was done, for the Undo and Redo menu items
	Changes []FieldChange
}

// Inverse is what an undo of an entry with changes cs writes: every change
// with Old and New exchanged, the last first (so a record changed twice in
// one entry returns through the same steps).
func Inverse(cs []FieldChange) []FieldChange {
	out := make([]FieldChange, len(cs))
	for i, c := range cs {
		c.Old, c.New = c.New, c.Old
		out[len(cs)-1-i] = c
	}
	return out
}

// UndoStacks replays the undo history of one organizer, given its undoable
// entries (Undo not UndoNone) oldest first. undo lists, newest last, the
// entries whose inverse Ctrl+Z writes next (changes and redos); redo lists,
// newest last, the undos whose inverse Ctrl+Shift+Z writes. A new change
// clears what could be redone, as in an editor. An undo or redo whose
// target is not on top of its stack (the entries start in the middle of a
// history) is taken as it stands.
func UndoStacks(entries []AuditEntry) (undo, redo []AuditEntry) {
	top := func(s []AuditEntry) int64 {
		if len(s) == 0 {
			return 0
		}
		return s[len(s)-1].ID
	}
	for _, e := range entries {
		switch e.Undo {
		case UndoChange:
			undo, redo = append(undo, e), nil
		case UndoUndo:
			if top(undo) == e.Undoes {
				undo = undo[:len(undo)-1]
			}
			redo = append(redo, e)
		case UndoRedo:
			if top(redo) == e.Undoes {
				redo = redo[:len(redo)-1]
			}
			undo = append(undo, e)
		}
	}
	return undo, redo
}

// The fields of a meeting a change may set, as the audit log names them
// (the table 1-based, as organizers count).
var meetingFields = []string{"startup_id", "company_id", "theme_id", "slot", "table", "status", "locked", "outcome"}

// MeetingField is field of m as the audit log writes it; ok is false for a
// field changes do not set.
func MeetingField(m *Meeting, field string) (v string, ok bool) {
	switch field {
	case "startup_id":
		return m.StartupID, true
	case "company_id":
		return m.CompanyID, true
	case "theme_id":
		return m.ThemeID, true
	case "slot":
		return strconv.Itoa(m.Slot), true
	case "table":
		return strconv.Itoa(m.Table + 1), true
	case "status":
		return string(m.Status), true
	case "locked":
		return strconv.FormatBool(m.Locked), true
	case "outcome":
		return string(m.Outcome), true
	}
	return "", false
}

// SetMeetingField sets field of m from its audit-log text (MeetingField's
// inverse).
func SetMeetingField(m *Meeting, field, v string) error {
	bad := func(err error) error {
		return invalidChange("meeting", fmt.Sprint(m.ID), field, v, err)
	}
	switch field {
	case "startup_id":
		m.StartupID = v
	case "company_id":
		m.CompanyID = v
	case "theme_id":
		m.ThemeID = v
	case "slot":
		n, err := strconv.Atoi(v)
		if err != nil {
			return bad(err)
		}
		m.Slot = n
	case "table":
		n, err := strconv.Atoi(v)
		if err != nil {
			return bad(err)
		}
		m.Table = n - 1
	case "status":
		m.Status = MeetingStatus(v)
	case "locked":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return bad(err)
		}
		m.Locked = b
	case "outcome":
		m.Outcome = Outcome(v)
	default:
		return bad(nil)
	}
	return nil
}

// MeetingDiff lists what a write changes of one meeting: a created record
// (old nil), or each field of meetingFields that differs, old → new.
func MeetingDiff(old, new *Meeting) []FieldChange {
	id := strconv.FormatInt(new.ID, 10)
	if old == nil {
		return []FieldChange{{Entity: "meeting", ID: id}}
	}
	var out []FieldChange
	for _, f := range meetingFields {
		a, _ := MeetingField(old, f)
		b, _ := MeetingField(new, f)
		if a != b {
			out = append(out, FieldChange{Entity: "meeting", ID: id, Field: f, Old: a, New: b})
		}
	}
	return out
}

// MeetingChange is the change that turns stored meeting old into new, for
// Change: the fields that differ, and every other field as a precondition
// (Old = New: checked, not written), so the change is refused when any of
// them changed since old was read.
func MeetingChange(old, new *Meeting) []FieldChange {
	id := strconv.FormatInt(old.ID, 10)
	out := make([]FieldChange, 0, len(meetingFields))
	for _, f := range meetingFields {
		a, _ := MeetingField(old, f)
		b, _ := MeetingField(new, f)
		out = append(out, FieldChange{Entity: "meeting", ID: id, Field: f, Old: a, New: b})
	}
	return out
}

// InterestStatement is the field of a change that adds, removes or
// rewrites one interest statement as a whole (entity "interest", ID the
// interest's, "" for one to be added).
const InterestStatement = "statement"

// interestValue is what a change records of an interest: the statement
// without its ID and creation time.
type interestValue struct {
	Kind      InterestKind    `json:"kind"`
	StartupID string          `json:"startup_id"`
	CompanyID string          `json:"company_id"`
	ThemeID   string          `json:"theme_id,omitempty"`
	By        ParticipantKind `json:"by"`
	Note      string          `json:"note,omitempty"`
}

// InterestValue is the audit-log text of an interest statement; "" for
// none (nil).
func InterestValue(i *Interest) string {
	if i == nil {
		return ""
	}
	b, _ := json.Marshal(interestValue{i.Kind, i.StartupID, i.CompanyID, i.ThemeID, i.By, i.Note})
	return string(b)
}

// ParseInterestValue reads InterestValue's text back; nil for "".
func ParseInterestValue(s string) (*Interest, error) {
	if s == "" {
		return nil, nil
	}
	var v interestValue
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, invalidChange("interest", "", InterestStatement, s, err)
	}
	return &Interest{Kind: v.Kind, StartupID: v.StartupID, CompanyID: v.CompanyID, ThemeID: v.ThemeID, By: v.By, Note: v.Note}, nil
}

// InterestChange is the change that turns stored statement old (nil: none)
// into new (nil: removed). A statement to be added has ID 0; storage writes
// the ID it gets into the logged change.
func InterestChange(old, new *Interest) FieldChange {
	c := FieldChange{Entity: "interest", Field: InterestStatement, Old: InterestValue(old), New: InterestValue(new)}
	switch {
	case old != nil && old.ID != 0:
		c.ID = strconv.FormatInt(old.ID, 10)
	case new != nil && new.ID != 0:
		c.ID = strconv.FormatInt(new.ID, 10)
	}
	return c
}

// CheckedIn is the audit-log value of a check-in field that is set.
const CheckedIn = "checked in"

// CheckInField names a participant's check-in on day (0-based) in the
// audit log: "checkin.day1" for the first day.
func CheckInField(day int) string { return fmt.Sprintf("checkin.day%d", day+1) }

// ParseCheckInField reads the day (0-based) of a CheckInField name.
func ParseCheckInField(field string) (day int, ok bool) {
	s, found := strings.CutPrefix(field, "checkin.day")
	if !found {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, false
	}
	return n - 1, true
}

// CheckInChange is the change that checks a participant in on day (in) or
// takes the check-in back.
func CheckInChange(kind ParticipantKind, id string, day int, in bool) FieldChange {
	c := FieldChange{Entity: string(kind), ID: id, Field: CheckInField(day)}
	if in {
		c.New = CheckedIn
	} else {
		c.Old = CheckedIn
	}
	return c
}

// entityNames are the record kinds a change names, for its messages.
var entityNames = map[string]Text{
	"meeting":  T("面談", "meeting"),
	"interest": T("関心・判断", "interest statement"),
	"startup":  T("スタートアップ", "startup"),
	"company":  T("企業", "company"),
	"theme":    T("テーマ", "theme"),
	"event":    T("イベント設定", "event settings"),
}

func entityName(entity string) Text {
	if t, ok := entityNames[entity]; ok {
		return t
	}
	return T(entity, entity)
}

// meetingFieldLabels name the meeting fields a change sets.
var meetingFieldLabels = map[string]Text{
	"startup_id": T("スタートアップ", "startup"),
	"company_id": T("企業", "company"),
	"theme_id":   T("テーマ", "theme"),
	"slot":       T("枠", "slot"),
	"table":      T("テーブル", "table"),
	"status":     T("状態", "status"),
	"locked":     T("ロック", "lock"),
	"outcome":    T("成果", "outcome"),
}

// changeField is the name of a change's field as a reader knows it.
func changeField(c FieldChange) Text {
	if day, ok := ParseCheckInField(c.Field); ok {
		return T(fmt.Sprintf("%d日目のチェックイン", day+1), fmt.Sprintf("check-in on day %d", day+1))
	}
	if c.Entity == "meeting" {
		if t, ok := meetingFieldLabels[c.Field]; ok {
			return t
		}
	}
	name, side, _ := strings.Cut(c.Field, ".")
	if f := FieldByName(c.Entity, name); f != nil {
		if side != "" {
			return T(f.Label.Ja+"（"+side+"）", f.Label.En+" ("+side+")")
		}
		return f.Label
	}
	return T(c.Field, c.Field)
}

// changeValue is one value of a change's field as a reader knows it.
func changeValue(c FieldChange, v string) Text {
	switch {
	case v == "":
		return T("（なし）", "(none)")
	case v == CheckedIn:
		return T("到着済み", "checked in")
	case c.Entity == "meeting" && c.Field == "status":
		return T(MeetingStatuses.Label(v, Ja), MeetingStatuses.Label(v, En))
	case c.Entity == "meeting" && c.Field == "outcome":
		return T(Outcomes.Label(v, Ja), Outcomes.Label(v, En))
	case c.Entity == "meeting" && c.Field == "locked":
		if v == "true" {
			return T("あり", "locked")
		}
		return T("なし", "not locked")
	}
	return T(v, v)
}

// ChangedSince is the refusal of a change (an undo, a redo, or an edit made
// from an older view) whose record no longer holds the value the change
// expects: someone changed it elsewhere since. Nothing was written.
func ChangedSince(c FieldChange, now string) *Error {
	n := entityName(c.Entity)
	if c.Field == "" || c.Field == InterestStatement {
		return &Error{Code: EConflict, Message: T(
			fmt.Sprintf("%s %s はその後に他の場所で変更されています。何も変更していません。最新の内容を確認してください。", n.Ja, c.ID),
			fmt.Sprintf("%s %s was changed elsewhere since; nothing was changed. Review the latest state.", n.En, c.ID))}
	}
	f, exp, got := changeField(c), changeValue(c, c.Old), changeValue(c, now)
	return &Error{Code: EConflict, Message: T(
		fmt.Sprintf("%s %s はその後に他の場所で変更されています（%s: 「%s」のはずが「%s」）。何も変更していません。最新の内容を確認してください。",
			n.Ja, c.ID, f.Ja, exp.Ja, got.Ja),
		fmt.Sprintf("%s %s was changed elsewhere since (%s is %q, expected %q); nothing was changed. Review the latest state.",
			n.En, c.ID, f.En, got.En, exp.En))}
}

// invalidChange is the error of a change this package cannot apply.
func invalidChange(entity, id, field, v string, err error) error {
	e := &Error{Code: EInvalid, Message: T(
		fmt.Sprintf("%s %s の %s を「%s」にする変更は適用できません", entityName(entity).Ja, id, field, v),
		fmt.Sprintf("cannot set %s of %s %s to %q", field, entityName(entity).En, id, v)), Err: err}
	return e
}

// NothingToUndo is the answer of an undo (redo) with an empty history.
func NothingToUndo(redo bool) *Error {
	if redo {
		return &Error{Code: ENotFound, Message: T("やり直す操作はありません", "Nothing to redo")}
	}
	return &Error{Code: ENotFound, Message: T("元に戻す操作はありません", "Nothing to undo")}
}

// HistoryMoved is the refusal of an undo (redo) of entry want when the
// history's next step is another entry: someone else changed the event in
// between, and the menu was showing an older state.
func HistoryMoved(want int64) *Error {
	return &Error{Code: EConflict, Message: T(
		fmt.Sprintf("変更履歴がその後に更新されました（操作 %d は最新ではありません）。メニューを確認してからもう一度実行してください。", want),
		fmt.Sprintf("The history changed since (step %d is no longer the latest). Check the Edit menu and try again.", want))}
}
