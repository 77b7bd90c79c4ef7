package event

import (
	"fmt"
	"time"
)

// The meeting life cycle (one definition, used by storage, the server, the
// portal, the desktop and the KPI report):
//
//	proposed ──both sides accept, or the organizer confirms──▶ confirmed
//	proposed / confirmed ──either side declines──▶ declined (never proposed again)
//	proposed / confirmed ──a side asks to move──▶ proposed (the organizer moves it)
//	confirmed (or proposed) ──the organizer, or a side recording an outcome──▶ held
//	confirmed (or proposed) ──the organizer──▶ no_show
//	any but held ──the organizer──▶ cancelled
//
// A side's acceptance counts for the placement (Sequence) it accepted: when
// the organizer or the scheduler moves the meeting, earlier acceptances lapse.

// More meeting statuses (see types.go for the first four).
const (
	StatusDeclined MeetingStatus = "declined" // a side declined; the pair is never proposed again
	StatusNoShow   MeetingStatus = "no_show"  // confirmed but a side did not come
)

// KindOrganizer is the organizer acting on a meeting (desktop or CLI).
const KindOrganizer ParticipantKind = "organizer"

// Response is what one side said about a meeting's current placement.
type Response string

// Responses.
const (
	ResponseNone     Response = ""
	ResponseAccepted Response = "accepted"
	ResponseDeclined Response = "declined"
	ResponseMove     Response = "move" // asked to move to another slot
)

// MeetingAction is a step of the life cycle.
type MeetingAction string

// Actions. Accept, Decline and AskMove are a side's; Confirm, Held, NoShow
// and Cancel the organizer's (Decline too).
const (
	ActAccept  MeetingAction = "accept"
	ActDecline MeetingAction = "decline"
	ActAskMove MeetingAction = "ask_move"
	ActConfirm MeetingAction = "confirm"
	ActHeld    MeetingAction = "held"
	ActNoShow  MeetingAction = "no_show"
	ActCancel  MeetingAction = "cancel"
)

// MeetingSide is one side's record on a meeting: its response to the
// current placement, its outcome and a private note (never shown to the
// other side).
type MeetingSide struct {
	MeetingID   int64           `json:"meeting_id"`
	Side        ParticipantKind `json:"side"` // KindStartup or KindCompany
	Response    Response        `json:"response,omitempty"`
	ResponseSeq int             `json:"response_seq"` // the meeting Sequence the response was given for
	Message     string          `json:"message,omitempty"`
	Outcome     Outcome         `json:"outcome,omitempty"`
	Note        string          `json:"note,omitempty"` // private to this side
	Actor       string          `json:"actor,omitempty"`
	RespondedAt time.Time       `json:"responded_at,omitzero"`
	OutcomeAt   time.Time       `json:"outcome_at,omitzero"`
}

// Accepted reports whether the side accepted m as currently placed.
func (s MeetingSide) Accepted(m *Meeting) bool {
	return s.Response == ResponseAccepted && s.ResponseSeq == m.Sequence
}

// IsDeal is the one definition of a deal: a meeting that was held and whose
// outcome is "deal progressed" (set by the organizer or recorded by either
// side, see CombineOutcomes). Every count of deals uses it.
func (m Meeting) IsDeal() bool { return m.Status == StatusHeld && m.Outcome == OutcomeDeal }

// Declined reports whether a side declined the meeting.
func (m Meeting) Declined() bool { return m.Status == StatusDeclined }

// ExcludesPair reports whether m forbids the scheduler to propose its pair
// again: a declined meeting, or an organizer's cancellation (cancelled and
// locked).
func (m Meeting) ExcludesPair() bool {
	return m.Status == StatusDeclined || (m.Status == StatusCancelled && m.Locked)
}

// MaxNoteRunes bounds a private note or a message on a meeting.
const MaxNoteRunes = 2000

// NextStatus is the life-cycle rule: the status m takes when by (a side or
// the organizer) does act, given whether the other side has already
// accepted the current placement. Refused steps are EInvalid (or
// EForbidden for an organizer's step taken by a side) with a bilingual
// message.
func NextStatus(m *Meeting, by ParticipantKind, act MeetingAction, otherAccepted bool) (MeetingStatus, error) {
	side := by == KindStartup || by == KindCompany
	if !side && by != KindOrganizer {
		return "", Errorf(EInvalid, "操作者が不明です", "unknown actor kind %q", by)
	}
	open := m.Status == StatusProposed || m.Status == StatusConfirmed
	refuse := func() (MeetingStatus, error) {
		st := MeetingStatuses.Label(string(m.Status), Ja)
		return "", &Error{Code: EInvalid, Message: Text{
			Ja: fmt.Sprintf("この面談（%s）にはこの操作（%s）はできません", st, act),
			En: fmt.Sprintf("a %s meeting cannot take the step %q", m.Status, act)}}
	}
	switch act {
	case ActAccept:
		if !side {
			return refuse()
		}
		switch m.Status {
		case StatusConfirmed:
			return StatusConfirmed, nil
		case StatusProposed:
			if otherAccepted {
				return StatusConfirmed, nil
			}
			return StatusProposed, nil
		}
		return refuse()
	case ActDecline:
		if !open {
			return refuse()
		}
		return StatusDeclined, nil
	case ActAskMove:
		if !side || !open {
			return refuse()
		}
		return StatusProposed, nil
	case ActConfirm, ActHeld, ActNoShow, ActCancel:
		if side {
			return "", Errorf(EForbidden, "この操作は事務局のみが行えます", "only the organizer can %s a meeting", act)
		}
		switch act {
		case ActConfirm:
			if m.Status != StatusProposed && m.Status != StatusConfirmed {
				return refuse()
			}
			return StatusConfirmed, nil
		case ActHeld:
			if !open && m.Status != StatusNoShow && m.Status != StatusHeld {
				return refuse()
			}
			return StatusHeld, nil
		case ActNoShow:
			if !open && m.Status != StatusHeld && m.Status != StatusNoShow {
				return refuse()
			}
			return StatusNoShow, nil
		default:
			if m.Status == StatusHeld {
				return refuse()
			}
			return StatusCancelled, nil
		}
	}
	return "", Errorf(EInvalid, "不明な操作です", "unknown meeting action %q", act)
}

// CanRecordOutcome reports whether a side (or the organizer) may record an
// outcome on m: the meeting is confirmed or held (recording one on a
// confirmed meeting marks it held). It returns the status m then takes.
func CanRecordOutcome(m *Meeting, o Outcome) (MeetingStatus, error) {
	if o != OutcomeUnknown && !Outcomes.Has(string(o)) {
		return "", Errorf(EInvalid, "成果の値が不正です", "unknown outcome %q", o)
	}
	switch m.Status {
	case StatusConfirmed, StatusHeld:
		return StatusHeld, nil
	}
	st := MeetingStatuses.Label(string(m.Status), Ja)
	return "", &Error{Code: EInvalid, Message: Text{
		Ja: fmt.Sprintf("成果は確定済みまたは実施済みの面談にのみ記録できます（現在：%s）", st),
		En: fmt.Sprintf("an outcome can be recorded only for a confirmed or held meeting (this one is %s)", m.Status)}}
}

// outcomeRank orders outcomes from none recorded to deal progressed.
func outcomeRank(o Outcome) int {
	switch o {
	case OutcomeNone:
		return 1
	case OutcomeFollowUp:
		return 2
	case OutcomeDeal:
		return 3
	}
	return 0
}

// CombineOutcomes is the meeting's outcome from the sides' records: the
// furthest one either side recorded (a deal progressed when either side
// says so, as the organizer's published figure counts it).
func CombineOutcomes(os ...Outcome) Outcome {
	best := OutcomeUnknown
	for _, o := range os {
		if outcomeRank(o) > outcomeRank(best) {
			best = o
		}
	}
	return best
}
