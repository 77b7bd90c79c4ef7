package event

import "testing"

func TestNextStatus(t *testing.T) {
	cases := []struct {
		from    MeetingStatus
		by      ParticipantKind
		act     MeetingAction
		other   bool
		want    MeetingStatus
		errCode string
	}{
		{StatusProposed, KindStartup, ActAccept, false, StatusProposed, ""},
		{StatusProposed, KindStartup, ActAccept, true, StatusConfirmed, ""},
		{StatusProposed, KindCompany, ActAccept, true, StatusConfirmed, ""},
		{StatusConfirmed, KindCompany, ActAccept, false, StatusConfirmed, ""},
		{StatusDeclined, KindCompany, ActAccept, true, "", EInvalid},
		{StatusCancelled, KindStartup, ActAccept, true, "", EInvalid},
		{StatusProposed, KindStartup, ActDecline, false, StatusDeclined, ""},
		{StatusConfirmed, KindCompany, ActDecline, false, StatusDeclined, ""},
		{StatusHeld, KindCompany, ActDecline, false, "", EInvalid},
		{StatusConfirmed, KindStartup, ActAskMove, false, StatusProposed, ""},
		{StatusHeld, KindStartup, ActAskMove, false, "", EInvalid},
		{StatusProposed, KindOrganizer, ActConfirm, false, StatusConfirmed, ""},
		{StatusProposed, KindStartup, ActConfirm, false, "", EForbidden},
		{StatusConfirmed, KindCompany, ActHeld, false, "", EForbidden},
		{StatusConfirmed, KindOrganizer, ActHeld, false, StatusHeld, ""},
		{StatusConfirmed, KindOrganizer, ActNoShow, false, StatusNoShow, ""},
		{StatusDeclined, KindOrganizer, ActHeld, false, "", EInvalid},
		{StatusHeld, KindOrganizer, ActCancel, false, "", EInvalid},
		{StatusProposed, KindOrganizer, ActCancel, false, StatusCancelled, ""},
		{StatusProposed, KindOrganizer, ActAccept, false, "", EInvalid},
		{StatusProposed, "judge", ActAccept, false, "", EInvalid},
		{StatusProposed, KindStartup, "dance", false, "", EInvalid},
	}
	for _, c := range cases {
		m := &Meeting{Status: c.from}
		got, err := NextStatus(m, c.by, c.act, c.other)
		if ErrorCode(err) != c.errCode || got != c.want {
			t.Errorf("%s by %s %s (other accepted %v): %q, %v; want %q, %q", c.from, c.by, c.act, c.other, got, err, c.want, c.errCode)
		}
		if err != nil {
			var e *Error
			if !asError(err, &e) || e.Message.Ja == "" || e.Message.En == "" {
				t.Errorf("%v: want a bilingual *Error", err)
			}
		}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestIsDealAndOutcomes(t *testing.T) {
	for _, c := range []struct {
		st   MeetingStatus
		o    Outcome
		deal bool
	}{
		{StatusHeld, OutcomeDeal, true},
		{StatusConfirmed, OutcomeDeal, false},
		{StatusNoShow, OutcomeDeal, false},
		{StatusHeld, OutcomeFollowUp, false},
		{StatusCancelled, OutcomeDeal, false},
	} {
		if got := (Meeting{Status: c.st, Outcome: c.o}).IsDeal(); got != c.deal {
			t.Errorf("%s/%s: IsDeal %v", c.st, c.o, got)
		}
	}
	if CombineOutcomes(OutcomeNone, OutcomeDeal) != OutcomeDeal || CombineOutcomes(OutcomeFollowUp, OutcomeUnknown) != OutcomeFollowUp ||
		CombineOutcomes() != OutcomeUnknown || CombineOutcomes(OutcomeNone) != OutcomeNone {
		t.Error("CombineOutcomes")
	}
	if st, err := CanRecordOutcome(&Meeting{Status: StatusConfirmed}, OutcomeDeal); err != nil || st != StatusHeld {
		t.Errorf("record on confirmed: %s %v", st, err)
	}
	for _, st := range []MeetingStatus{StatusProposed, StatusDeclined, StatusCancelled, StatusNoShow} {
		if _, err := CanRecordOutcome(&Meeting{Status: st}, OutcomeDeal); ErrorCode(err) != EInvalid {
			t.Errorf("record on %s: %v", st, err)
		}
	}
	if _, err := CanRecordOutcome(&Meeting{Status: StatusHeld}, "great"); ErrorCode(err) != EInvalid {
		t.Errorf("bad outcome: %v", err)
	}
	if !(Meeting{Status: StatusDeclined}).ExcludesPair() || (Meeting{Status: StatusCancelled}).ExcludesPair() ||
		!(Meeting{Status: StatusCancelled, Locked: true}).ExcludesPair() || (Meeting{Status: StatusDeclined}).Active() {
		t.Error("ExcludesPair / Active")
	}
}
