package event

import (
	"fmt"
	"time"
)

// CheckIn records that a participant arrived at the venue on one day of
// the event (the secretariat's reception desk). Day is the index into
// Event.Days.
type CheckIn struct {
	Kind ParticipantKind `json:"kind"`
	ID   string          `json:"id"`
	Day  int             `json:"day"`
	At   time.Time       `json:"at"`
	By   string          `json:"by,omitempty"` // who checked the participant in
}

// Validate checks a check-in against the event's days.
func (c CheckIn) Validate(e *Event) error {
	var errs []FieldError
	if c.Kind != KindStartup && c.Kind != KindCompany {
		errs = append(errs, FieldError{Field: "kind", Code: FieldUnknown,
			Message: T(fmt.Sprintf("参加者の種類 %q は不明です（startup または company）", c.Kind), fmt.Sprintf("unknown participant kind %q (startup or company)", c.Kind))})
	}
	if c.ID == "" {
		errs = append(errs, FieldError{Field: "id", Code: FieldRequired, Message: T("参加者IDが必要です", "a participant ID is required")})
	}
	if n := len(e.Days); c.Day < 0 || c.Day >= n {
		errs = append(errs, FieldError{Field: "day", Code: FieldRange,
			Message: T(fmt.Sprintf("%d日目はありません（1〜%d日目）", c.Day+1, n), fmt.Sprintf("there is no day %d (days 1 to %d)", c.Day+1, n))})
	}
	if len(errs) > 0 {
		return &ValidationError{Entity: "checkin", ID: c.ID, Errors: errs}
	}
	return nil
}

// CheckInCount is how many participants of each side checked in on a day.
type CheckInCount struct {
	Startups, Companies int
}

// CountCheckIns counts the check-ins of one day by side; every figure of
// arrivals (desktop reception, reports) uses it.
func CountCheckIns(cs []CheckIn, day int) CheckInCount {
	var n CheckInCount
	for _, c := range cs {
		if c.Day != day {
			continue
		}
		switch c.Kind {
		case KindStartup:
			n.Startups++
		case KindCompany:
			n.Companies++
		}
	}
	return n
}

// DayOfSlot is the index of the day slot belongs to, or -1.
func (e *Event) DayOfSlot(slot int) int {
	for di, d := range e.Days {
		if slot < d.Slots {
			return di
		}
		slot -= d.Slots
	}
	return -1
}
