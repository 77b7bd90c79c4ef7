package api

import (
	"time"

	"pitchmatch/event"
)

// The programme in the portal (issue 19): what is open now for every role,
// a startup's applications with a PDF deck, the scouts' screening on the
// organizer's rubric with the decision, and the judges' scoring of the
// final pitches.

const (
	// PathProgramme is GET of a [ProgrammeInfo], for every role.
	PathProgramme = "/api/v1/programme"
	// PathMyApplications is GET of a [MyApplications] body, and POST of an
	// application as multipart/form-data: the fields [FormTheme],
	// [FormProposalJa], [FormProposalEn] and the optional file [FormDeck]
	// (a PDF within [ProgrammeInfo].DeckLimit). It answers the
	// [MyApplications] after it; a refused application stores nothing.
	PathMyApplications = "/api/v1/me/applications"

	// PathScoutScreening is GET of a [Screening] body: the applications to
	// the scout's company's themes.
	PathScoutScreening = "/api/v1/scout/programme/applications"
	// PathScoutScreen is PUT of a [ScoreBody]: the scout's scorecard on
	// application {id}; it answers the [Screening].
	PathScoutScreen = "/api/v1/scout/programme/applications/{id}/score"
	// PathScoutDecision is PUT of a [DecisionBody] on application {id}; it
	// answers the [Screening].
	PathScoutDecision = "/api/v1/scout/programme/applications/{id}/decision"
	// PathScoutDeck is GET of application {id}'s pitch deck (application/pdf),
	// for the scouts of the theme's company only.
	PathScoutDeck = "/api/v1/scout/programme/applications/{id}/deck"

	// PathJudgeMe is GET of a [JudgeMe]: the judge, the rubric and the
	// running order with the judge's own scorecards.
	PathJudgeMe = "/api/v1/judge/me"
	// PathJudgeScore is PUT of a [ScoreBody]: the judge's scorecard on the
	// pitch of application {id}; it answers the [JudgeMe].
	PathJudgeScore = "/api/v1/judge/pitches/{id}/score"
)

// The multipart form fields of POST [PathMyApplications].
const (
	FormTheme      = "theme"
	FormProposalJa = "proposal_ja"
	FormProposalEn = "proposal_en"
	FormDeck       = "deck"
)

// ProgrammeInfo is the body of GET [PathProgramme]. Active is false when the
// event runs no programme (then the rest is empty).
type ProgrammeInfo struct {
	Active    bool              `json:"active"`
	Now       time.Time         `json:"now"` // the server's clock
	TimeZone  string            `json:"time_zone"`
	Stages    []StageInfo       `json:"stages"`
	OpenNow   []event.StageKind `json:"open_now"`
	DeckLimit int               `json:"deck_limit"` // bytes
}

// StageInfo is one programme stage with its state at ProgrammeInfo.Now.
type StageInfo struct {
	Kind       event.StageKind  `json:"kind"`
	Label      event.Text       `json:"label"`
	Opens      time.Time        `json:"opens"`
	Closes     time.Time        `json:"closes"`
	State      event.StageState `json:"state"`
	StateLabel event.Text       `json:"state_label"`
}

// ThemeChoice is a theme a startup may apply to.
type ThemeChoice struct {
	ID      string     `json:"id"`
	Title   event.Text `json:"title"`
	Company event.Text `json:"company"`
}

// MyApplications is the body of GET [PathMyApplications]. Refusal, when
// set, says why applying is not possible now (before the opening, after
// the deadline), in the request's language.
type MyApplications struct {
	Open         bool            `json:"open"`
	Refusal      string          `json:"refusal,omitempty"`
	Deadline     time.Time       `json:"deadline,omitzero"`
	DeckLimit    int             `json:"deck_limit"`
	Themes       []ThemeChoice   `json:"themes"`
	Applications []MyApplication `json:"applications"`
}

// MyApplication is one of the startup's applications as it sees it.
type MyApplication struct {
	ID            int64          `json:"id"`
	ThemeID       string         `json:"theme_id"`
	Theme         event.Text     `json:"theme"`
	Company       event.Text     `json:"company"`
	Proposal      event.Text     `json:"proposal"`
	DeckName      string         `json:"deck_name,omitempty"`
	DeckSize      int            `json:"deck_size,omitempty"`
	SubmittedAt   time.Time      `json:"submitted_at"`
	Decision      event.Decision `json:"decision,omitempty"`
	DecisionLabel event.Text     `json:"decision_label"`
	Message       event.Text     `json:"message,omitzero"`
}

// Screening is the body of GET [PathScoutScreening].
type Screening struct {
	Scout        string         `json:"scout"`
	Rubric       event.Rubric   `json:"rubric"`
	Decisions    []Choice       `json:"decisions"`
	Applications []ScreeningApp `json:"applications"`
}

// Choice is a code with its label.
type Choice struct {
	Code  string     `json:"code"`
	Label event.Text `json:"label"`
}

// ScreeningApp is one application as the company's scouts see it: the
// proposal, the deck's name and size, every scout of the company's
// scorecard and their aggregate beside the matching score, the decision.
type ScreeningApp struct {
	ID            int64             `json:"id"`
	ThemeID       string            `json:"theme_id"`
	Theme         event.Text        `json:"theme"`
	StartupID     string            `json:"startup_id"`
	Startup       event.Text        `json:"startup"`
	Proposal      event.Text        `json:"proposal"`
	DeckName      string            `json:"deck_name,omitempty"`
	DeckSize      int               `json:"deck_size,omitempty"`
	SubmittedAt   time.Time         `json:"submitted_at"`
	Cards         []event.Scorecard `json:"cards"`
	Aggregate     event.Aggregate   `json:"aggregate"`
	Matching      float64           `json:"matching"` // the matching score in [0,1]
	Decision      event.Decision    `json:"decision,omitempty"`
	DecisionLabel event.Text        `json:"decision_label"`
	Message       event.Text        `json:"message,omitzero"`
	Version       int64             `json:"version"`
}

// ScoreBody is the body of PUT [PathScoutScreen] and [PathJudgeScore]: a
// score (1–5) per criterion of the rubric and a comment.
type ScoreBody struct {
	Scores  map[string]int `json:"scores"`
	Comment string         `json:"comment"`
}

// DecisionBody is the body of PUT [PathScoutDecision]: selected, waitlist
// or declined, the message to the startup, and the application's version
// as read (0: no check).
type DecisionBody struct {
	Decision event.Decision `json:"decision"`
	Message  event.Text     `json:"message"`
	Version  int64          `json:"version"`
}

// JudgeMe is the body of GET [PathJudgeMe].
type JudgeMe struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Rubric  event.Rubric `json:"rubric"`
	Pitches []JudgePitch `json:"pitches"`
}

// JudgePitch is one pitch of the running order as a judge sees it.
// Conflict marks a pitch the judge may not score (their company sponsors
// the pair); Mine is the judge's scorecard when scored.
type JudgePitch struct {
	Order         int              `json:"order"`
	ApplicationID int64            `json:"application_id"`
	StartupID     string           `json:"startup_id"`
	Startup       event.Text       `json:"startup"`
	Theme         event.Text       `json:"theme"`
	Company       event.Text       `json:"company"`
	Start         time.Time        `json:"start"`
	QAStart       time.Time        `json:"qa_start"`
	End           time.Time        `json:"end"`
	BreakAfter    int              `json:"break_after,omitempty"`
	Conflict      bool             `json:"conflict"`
	Mine          *event.Scorecard `json:"mine,omitempty"`
}

// The acceleration sessions in the portal: the startup's and the scout's
// company's sessions (GET of a [Sessions] body) and the same as one
// iCalendar file (UIDs kept across moves, cancelled ones STATUS:CANCELLED).
const (
	PathMySessions       = "/api/v1/me/sessions"
	PathMySessionsICS    = "/api/v1/me/sessions.ics"
	PathScoutSessions    = "/api/v1/scout/sessions"
	PathScoutSessionsICS = "/api/v1/scout/sessions.ics"
)

// Sessions is the body of GET [PathMySessions] and [PathScoutSessions].
type Sessions struct {
	Sessions []SessionInfo `json:"sessions"`
}

// SessionInfo is one acceleration session as a participant sees it.
type SessionInfo struct {
	ID        int64               `json:"id"`
	Number    int                 `json:"number"`
	Start     time.Time           `json:"start"`
	End       time.Time           `json:"end"`
	Mode      event.SessionMode   `json:"mode"`
	ModeLabel event.Text          `json:"mode_label"`
	Status    event.SessionStatus `json:"status"`
	Startup   event.Text          `json:"startup"`
	Company   event.Text          `json:"company"`
	Theme     event.Text          `json:"theme"`
	Note      string              `json:"note,omitempty"`
}
