package api

import (
	"slices"
	"time"

	"pitchmatch/event"
)

// Routes of both sides online (issue 15). Startup routes act for the
// token's startup; /scout routes for the token's company and scout. A
// token of the other role answers 403 on every route.
const (
	// PathEventInfo is GET of an [EventInfo]: the event's name, dates,
	// venue and the organizer's contact (both roles).
	PathEventInfo = "/api/v1/event"
	// PathLang is PUT of a [LangBody]: the participant's language for
	// notifications (both roles).
	PathLang = "/api/v1/lang"

	// PathMyRequests is GET of a [Requests] body: the scouts' meeting
	// requests the startup received.
	PathMyRequests = "/api/v1/me/requests"
	// PathMyRequestAnswer is POST of an [Answer] to request {id}
	// (accept / decline; "undo" withdraws the answer).
	PathMyRequestAnswer = "/api/v1/me/requests/{id}"
	// PathMyMeetingsDetail is GET of an [OnlineMeetings] body: the
	// startup's meetings with its responses, outcomes and notes.
	PathMyMeetingsDetail = "/api/v1/me/meetings/detail"
	// PathMyMeetingAction is POST of a [MeetingStepBody] on one of the
	// startup's meetings (accept, decline, ask_move).
	PathMyMeetingAction = "/api/v1/me/meetings/{id}/step"
	// PathMyMeetingOutcome is PUT of an [OutcomeBody] on a held or
	// confirmed meeting of the startup.
	PathMyMeetingOutcome = "/api/v1/me/meetings/{id}/outcome"
	// PathMyAvailability is GET and PUT of an [AvailabilityBody].
	PathMyAvailability = "/api/v1/me/availability"

	// PathScoutMe is GET of a [ScoutMe].
	PathScoutMe = "/api/v1/scout/me"
	// PathScoutRanking is GET of a [RankingPage] for one of the company's
	// themes: ?q= (type-ahead on names and product), ?page=, ?per=,
	// ?area=, ?stage=, ?product_type=, ?class= (repeatable),
	// ?only=shortlist|request|applied.
	PathScoutRanking = "/api/v1/scout/themes/{id}/startups"
	// PathScoutStartup is GET of one startup as the scout sees it: a
	// [RankedStartup] for ?theme=.
	PathScoutStartup = "/api/v1/scout/startups/{id}"
	// PathScoutMark is PUT (set) and DELETE (undo) of a mark on a startup:
	// {kind} is shortlist, request or no_thanks; PUT carries a [MarkBody].
	PathScoutMark = "/api/v1/scout/startups/{id}/marks/{kind}"
	// PathScoutNote is GET and PUT of the company's private [NoteBody] on
	// a startup (an empty note deletes it; the answer carries the previous
	// note, for undo).
	PathScoutNote = "/api/v1/scout/startups/{id}/note"
	// PathScoutApplications is GET of an [Applications] body: startups
	// that applied to the company's themes.
	PathScoutApplications = "/api/v1/scout/applications"
	// PathScoutApplicationAnswer is POST of an [Answer] to application
	// {id} (screening: accept / decline / undo).
	PathScoutApplicationAnswer = "/api/v1/scout/applications/{id}"
	// PathScoutMeetings is GET of a [ScoutMeetings] body: the company's
	// schedule.
	PathScoutMeetings = "/api/v1/scout/meetings"
	// PathScoutMeetingsICS is GET of the company's schedule as iCalendar.
	PathScoutMeetingsICS = "/api/v1/scout/meetings.ics"
	// PathScoutMeetingAction is POST of a [MeetingStepBody].
	PathScoutMeetingAction = "/api/v1/scout/meetings/{id}/step"
	// PathScoutMeetingOutcome is PUT of an [OutcomeBody].
	PathScoutMeetingOutcome = "/api/v1/scout/meetings/{id}/outcome"
	// PathScoutAvailability is GET and PUT of the company's
	// [AvailabilityBody].
	PathScoutAvailability = "/api/v1/scout/availability"
)

// EventInfo is shown on every portal page.
type EventInfo struct {
	Name     event.Text    `json:"name"`
	Venue    event.Text    `json:"venue"`
	Dates    []string      `json:"dates"` // YYYY-MM-DD
	TimeZone string        `json:"time_zone"`
	Contact  event.Contact `json:"contact"`
	Role     string        `json:"role"` // "startup", "scout" or "judge"
	Who      event.Text    `json:"who"`  // the startup's or the scout's company name, or the judge's name
	Scout    string        `json:"scout,omitempty"`
	// Slots lists every slot (for the availability grid).
	Slots []SlotInfo `json:"slots"`
}

// LangBody is the body of PUT [PathLang].
type LangBody struct {
	Lang event.Lang `json:"lang"`
}

// SlotInfo is one slot of the event.
type SlotInfo struct {
	Index int       `json:"index"`
	Label string    `json:"label"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Answer is the body of request and application answers: "accept",
// "decline" or "undo".
type Answer struct {
	Answer string `json:"answer"`
}

// Answers.
const (
	AnswerAccept  = "accept"
	AnswerDecline = "decline"
	AnswerUndo    = "undo"
)

// Request is one meeting request a startup received.
type Request struct {
	ID        int64      `json:"id"` // the request interest's ID
	CompanyID string     `json:"company_id"`
	Company   event.Text `json:"company"`
	ThemeID   string     `json:"theme_id,omitempty"`
	Theme     event.Text `json:"theme"`
	Message   string     `json:"message,omitempty"`
	At        time.Time  `json:"at"`
	Answer    string     `json:"answer"` // "", accept or decline
}

// Requests is the body of GET [PathMyRequests].
type Requests struct {
	Requests []Request `json:"requests"`
}

// MeetingStepBody is a life-cycle step on a meeting: action is one of
// accept, decline, ask_move; version, when not 0, must match.
type MeetingStepBody struct {
	Action  event.MeetingAction `json:"action"`
	Message string              `json:"message,omitempty"`
	Version int64               `json:"version,omitempty"`
}

// OutcomeBody is a side's outcome of a meeting and its private note.
type OutcomeBody struct {
	Outcome event.Outcome `json:"outcome"`
	Note    string        `json:"note"`
}

// AvailabilityBody lists the slots a participant cannot meet in.
type AvailabilityBody struct {
	Unavailable []int `json:"unavailable"`
	// Base is, in a PUT, the list the client read. With it only the slots
	// the client changed are written, per slot, so a change made elsewhere
	// meanwhile (another tab, the organizer) is kept; without it the list is
	// replaced.
	Base []int `json:"base,omitzero"`
}

// MergeSlots applies the change from base to mine onto cur, slot by slot:
// slots mine added are added, slots mine removed are removed, the rest of
// cur stays. The result is sorted.
func MergeSlots(base, mine, cur []int) []int {
	in := func(xs []int) map[int]bool {
		m := make(map[int]bool, len(xs))
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	b, m := in(base), in(mine)
	out := in(cur)
	for x := range m {
		if !b[x] {
			out[x] = true
		}
	}
	for x := range b {
		if !m[x] {
			delete(out, x)
		}
	}
	res := make([]int, 0, len(out))
	for x := range out {
		res = append(res, x)
	}
	slices.Sort(res)
	return res
}

// OnlineMeeting is a meeting as either side sees it: the other party, the
// placement, the status, the own side's response, outcome and note, and
// whether the other side accepted (never the other side's note).
type OnlineMeeting struct {
	Meeting
	StartupID     string         `json:"startup_id"`
	Startup       event.Text     `json:"startup"`
	Version       int64          `json:"version"`
	Response      event.Response `json:"response,omitempty"`
	OtherAccepted bool           `json:"other_accepted"`
	MoveRequested bool           `json:"move_requested,omitempty"`
	Outcome       event.Outcome  `json:"outcome,omitempty"` // this side's
	Note          string         `json:"note,omitempty"`    // this side's private note
	IsDeal        bool           `json:"is_deal"`
}

// OnlineMeetings is the body of the startup's and the scout's meeting
// lists.
type OnlineMeetings struct {
	Meetings []OnlineMeeting `json:"meetings"`
}

// ScoutMe is the body of GET [PathScoutMe].
type ScoutMe struct {
	Scout   string         `json:"scout"`
	Company PublicCompany  `json:"company"`
	Themes  []*event.Theme `json:"themes"`
}

// Contribution is one feature of a score as the scout sees it: value,
// weight, its share of the score (weight × value / Σ weights) and the
// reason.
type Contribution struct {
	Name         string     `json:"name"`
	Label        event.Text `json:"label"`
	Value        float64    `json:"value"`
	Weight       float64    `json:"weight"`
	Contribution float64    `json:"contribution"`
	Reason       event.Text `json:"reason"`
}

// RankedStartup is one row of a theme's ranking for a scout.
type RankedStartup struct {
	Rank     int            `json:"rank"` // 1-based, over the unfiltered ranking
	Startup  *event.Startup `json:"startup"`
	Score    float64        `json:"score"`
	Features []Contribution `json:"features"`
	Skipped  []Contribution `json:"skipped,omitempty"`
	Marks    []string       `json:"marks"` // shortlist, request, no_thanks (the company's)
	Applied  bool           `json:"applied"`
	Note     string         `json:"note,omitempty"`
}

// RankingPage is the body of GET [PathScoutRanking]: "Page of Pages",
// Total matching rows of All ranked.
type RankingPage struct {
	ThemeID string          `json:"theme_id"`
	Page    int             `json:"page"` // 1-based
	Per     int             `json:"per"`
	Pages   int             `json:"pages"`
	Total   int             `json:"total"` // rows matching the query and filters
	All     int             `json:"all"`   // rows ranked for the theme
	Rows    []RankedStartup `json:"rows"`
}

// MarkBody is the body of PUT [PathScoutMark]: the theme the mark is for
// (optional) and a message (for requests).
type MarkBody struct {
	ThemeID string `json:"theme_id,omitempty"`
	Message string `json:"message,omitempty"`
}

// NoteBody is the body of GET and PUT [PathScoutNote].
type NoteBody struct {
	Note     string `json:"note"`
	Previous string `json:"previous,omitempty"` // in PUT answers: the note before, for undo
}

// Application is one startup's application to a theme of the company.
type Application struct {
	ID        int64          `json:"id"`
	ThemeID   string         `json:"theme_id"`
	Theme     event.Text     `json:"theme"`
	Startup   *event.Startup `json:"startup"`
	Score     float64        `json:"score"`
	At        time.Time      `json:"at"`
	Answer    string         `json:"answer"` // "", accept or decline
	StartupID string         `json:"startup_id"`
}

// Applications is the body of GET [PathScoutApplications].
type Applications struct {
	Applications []Application `json:"applications"`
}
