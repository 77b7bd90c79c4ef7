package event

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// A programme (MedTech ROUND and the like) runs over months: companies
// publish themes, startups apply, the companies' scouts screen the
// applications on the organizer's rubric, the matching is decided, each
// selected pair holds a series of acceleration sessions, and the startups
// give a final pitch that judges score. The rules of every step live here,
// once; storage, the CLI, the server and the desktop call them.

// StageKind names a programme stage. The stages run in this order.
type StageKind string

// The programme stages, in order.
const (
	StageThemeCall    StageKind = "theme_call"
	StageApplications StageKind = "applications"
	StageScreening    StageKind = "screening"
	StageMatching     StageKind = "matching"
	StageSessions     StageKind = "sessions"
	StageFinalPitch   StageKind = "final_pitch"
)

// StageKinds lists the stages in programme order.
func StageKinds() []StageKind {
	return []StageKind{StageThemeCall, StageApplications, StageScreening, StageMatching, StageSessions, StageFinalPitch}
}

// StageLabel is a stage's name in both languages.
func StageLabel(k StageKind) Text {
	switch k {
	case StageThemeCall:
		return T("テーマ公募", "Theme call")
	case StageApplications:
		return T("応募受付", "Applications")
	case StageScreening:
		return T("書類選考", "Screening")
	case StageMatching:
		return T("マッチング決定", "Matching decided")
	case StageSessions:
		return T("アクセラレーション期間", "Acceleration sessions")
	case StageFinalPitch:
		return T("最終ピッチ", "Final pitch")
	}
	return T(string(k), string(k))
}

// Stage is one programme stage: open from Opens (inclusive) until Closes
// (exclusive). For the applications stage Closes is the deadline.
type Stage struct {
	Kind   StageKind `json:"kind"`
	Opens  time.Time `json:"opens"`
	Closes time.Time `json:"closes"`
}

// StageState is where a stage stands at a given time.
type StageState string

// Stage states.
const (
	StageUpcoming StageState = "upcoming"
	StageOpen     StageState = "open"
	StageClosed   StageState = "closed"
)

// StateLabel is a stage state's label in both languages.
func StateLabel(s StageState) Text {
	switch s {
	case StageUpcoming:
		return T("開始前", "Upcoming")
	case StageOpen:
		return T("受付中", "Open")
	case StageClosed:
		return T("終了", "Closed")
	}
	return T(string(s), string(s))
}

// State returns the stage's state at now.
func (s Stage) State(now time.Time) StageState {
	switch {
	case now.Before(s.Opens):
		return StageUpcoming
	case now.Before(s.Closes):
		return StageOpen
	}
	return StageClosed
}

// DefaultMaxDeckBytes bounds an uploaded pitch deck (10 MiB).
const DefaultMaxDeckBytes = 10 << 20

// MaxProposalRunes bounds each language of an application's proposal.
const MaxProposalRunes = 2000

// Programme is the programme's settings: its stages, the screening and
// final-pitch rubrics, the acceleration session plan and the final pitch
// plan. One event file holds at most one programme.
type Programme struct {
	Stages          []Stage     `json:"stages"`
	ScreeningRubric Rubric      `json:"screening_rubric"`
	PitchRubric     Rubric      `json:"pitch_rubric"`
	Sessions        SessionPlan `json:"sessions"`
	Pitch           PitchPlan   `json:"pitch"`
	MaxDeckBytes    int         `json:"max_deck_bytes,omitempty"` // 0: DefaultMaxDeckBytes
	// PastYears are earlier editions' published figures, for the
	// year-over-year table of the programme KPI.
	PastYears []ProgrammeYear `json:"past_years,omitempty"`
	Version   int64           `json:"version"`
}

// ProgrammeYear is one edition's programme figures.
type ProgrammeYear struct {
	Year         int `json:"year"`
	Companies    int `json:"companies"`
	Themes       int `json:"themes"`
	Applications int `json:"applications"`
	Selected     int `json:"selected"`
	SessionsHeld int `json:"sessions_held"`
	Pitches      int `json:"pitches"`
	Outstanding  int `json:"outstanding"`
}

// Year is the programme's edition: the year its applications open (else
// its first stage's).
func (p *Programme) Year(loc *time.Location) int {
	if loc == nil {
		loc = time.UTC
	}
	if s, ok := p.Stage(StageApplications); ok {
		return s.Opens.In(loc).Year()
	}
	if len(p.Stages) > 0 {
		return p.Stages[0].Opens.In(loc).Year()
	}
	return 0
}

// DeckLimit is the largest deck accepted, in bytes.
func (p *Programme) DeckLimit() int {
	if p.MaxDeckBytes > 0 {
		return p.MaxDeckBytes
	}
	return DefaultMaxDeckBytes
}

// Stage returns the stage of kind k, or false when the programme has none.
func (p *Programme) Stage(k StageKind) (Stage, bool) {
	for _, s := range p.Stages {
		if s.Kind == k {
			return s, true
		}
	}
	return Stage{}, false
}

// OpenNow lists the stages open at now, in programme order.
func (p *Programme) OpenNow(now time.Time) []Stage {
	var out []Stage
	for _, k := range StageKinds() {
		if s, ok := p.Stage(k); ok && s.State(now) == StageOpen {
			out = append(out, s)
		}
	}
	return out
}

// OpenNowLine is the one-line "what is open now" text that the desktop's
// programme banner and `pitchmatch programme status` show: each open stage
// with its closing time in loc, or that no stage is open.
func (p *Programme) OpenNowLine(now time.Time, loc *time.Location, lang Lang) string {
	open := p.OpenNow(now)
	if len(open) == 0 {
		return T("現在受付中の段階はありません", "No stage is open now").In(lang)
	}
	parts := make([]string, len(open))
	for i, s := range open {
		label, closes := StageLabel(s.Kind).In(lang), s.Closes.In(loc).Format("2006-01-02 15:04 MST")
		parts[i] = label + T("("+closes+"まで)", " (until "+closes+")").In(lang)
	}
	return T("現在受付中: "+strings.Join(parts, "、"), "Open now: "+strings.Join(parts, ", ")).In(lang)
}

// Validate checks the stages (known kinds, each once, each opening before
// it closes, in programme order without overlapping out of order), the
// rubrics, the session plan and the pitch plan.
func (p *Programme) Validate() error {
	var c checker
	seen := map[StageKind]bool{}
	order := map[StageKind]int{}
	for i, k := range StageKinds() {
		order[k] = i
	}
	var prev *Stage
	sorted := append([]Stage(nil), p.Stages...)
	sort.SliceStable(sorted, func(i, j int) bool { return order[sorted[i].Kind] < order[sorted[j].Kind] })
	for i := range sorted {
		s := &sorted[i]
		field := "stages." + string(s.Kind)
		if _, ok := order[s.Kind]; !ok {
			c.bad(field, T("不明な段階です: "+string(s.Kind), "unknown stage "+string(s.Kind)))
			continue
		}
		if seen[s.Kind] {
			c.bad(field, T("段階が重複しています", "stage given twice"))
		}
		seen[s.Kind] = true
		if s.Opens.IsZero() || s.Closes.IsZero() || !s.Opens.Before(s.Closes) {
			c.bad(field, T("開始日時は終了日時より前にしてください", "opens must be before closes"))
		}
		if prev != nil && s.Opens.Before(prev.Opens) {
			c.bad(field, T(StageLabel(s.Kind).Ja+"は"+StageLabel(prev.Kind).Ja+"より後に始めてください",
				StageLabel(s.Kind).En+" must not open before "+StageLabel(prev.Kind).En))
		}
		prev = s
	}
	if !seen[StageApplications] {
		c.bad("stages.applications", T("応募受付の段階(締切)が必要です", "the applications stage (with its deadline) is required"))
	}
	p.ScreeningRubric.validate("screening_rubric", &c)
	p.PitchRubric.validate("pitch_rubric", &c)
	p.Sessions.validate(&c)
	p.Pitch.validate(&c)
	years := map[int]bool{}
	for i, y := range p.PastYears {
		f := fmt.Sprintf("past_years[%d]", i)
		if y.Year < 1990 || y.Year > 2200 || years[y.Year] {
			c.add(f+".year", FieldRange, T("年が不正か重複しています", "the year is out of range or given twice"))
		}
		years[y.Year] = true
		if y.Companies < 0 || y.Themes < 0 || y.Applications < 0 || y.Selected < 0 || y.SessionsHeld < 0 || y.Pitches < 0 || y.Outstanding < 0 {
			c.add(f, FieldRange, T("件数は0以上にしてください", "counts must be 0 or more"))
		}
	}
	if p.MaxDeckBytes < 0 {
		c.bad("max_deck_bytes", T("0以上にしてください", "must be 0 or more"))
	}
	return c.result("programme", "")
}

// bad records a badly formed field.
func (c *checker) bad(field string, msg Text) { c.add(field, FieldFormat, msg) }

// Decision is the company's decision on an application.
type Decision string

// Decisions; DecisionNone is an application not decided yet.
const (
	DecisionNone     Decision = ""
	DecisionSelected Decision = "selected"
	DecisionWaitlist Decision = "waitlist"
	DecisionDeclined Decision = "declined"
)

// DecisionLabel is a decision's label in both languages.
func DecisionLabel(d Decision) Text {
	switch d {
	case DecisionNone:
		return T("未決定", "Undecided")
	case DecisionSelected:
		return T("採択", "Selected")
	case DecisionWaitlist:
		return T("補欠", "Waitlist")
	case DecisionDeclined:
		return T("不採択", "Declined")
	}
	return T(string(d), string(d))
}

// ParseDecision accepts a decision code.
func ParseDecision(s string) (Decision, error) {
	switch d := Decision(strings.TrimSpace(s)); d {
	case DecisionSelected, DecisionWaitlist, DecisionDeclined:
		return d, nil
	}
	return "", Errorf(EInvalid, "判定は selected / waitlist / declined のいずれかです", "decision must be selected, waitlist or declined, not %q", s)
}

// Application is a startup's application to a theme.
type Application struct {
	ID          int64     `json:"id"`
	StartupID   string    `json:"startup_id"`
	ThemeID     string    `json:"theme_id"`
	CompanyID   string    `json:"company_id"`
	Proposal    Text      `json:"proposal"`
	DeckName    string    `json:"deck_name,omitempty"`
	DeckSize    int       `json:"deck_size,omitempty"`
	DeckSHA256  string    `json:"deck_sha256,omitempty"`
	SubmittedAt time.Time `json:"submitted_at"`
	Decision    Decision  `json:"decision,omitempty"`
	Message     Text      `json:"message,omitzero"` // the decision's message to the startup
	DecidedAt   time.Time `json:"decided_at,omitzero"`
	Version     int64     `json:"version"`
}

// CanApply refuses an application (or a change to one) outside the
// applications stage, with a message naming the deadline in the event's
// time zone.
func (p *Programme) CanApply(now time.Time, loc *time.Location) error {
	s, ok := p.Stage(StageApplications)
	if !ok {
		return Errorf(EForbidden, "このプログラムは応募を受け付けていません", "this programme takes no applications")
	}
	if loc == nil {
		loc = time.UTC
	}
	switch s.State(now) {
	case StageUpcoming:
		at := s.Opens.In(loc).Format("2006-01-02 15:04 MST")
		return Errorf(EForbidden, "応募受付は "+at+" に始まります。まだ応募できません。", "applications open at %s; you cannot apply yet", at)
	case StageClosed:
		at := s.Closes.In(loc).Format("2006-01-02 15:04 MST")
		return Errorf(EForbidden, "応募の締切("+at+")を過ぎたため、応募を受け付けられません。", "the application deadline (%s) has passed; the application was not accepted", at)
	}
	return nil
}

// CheckProposal checks an application's proposal: at least one language,
// each at most MaxProposalRunes characters, valid text.
func CheckProposal(t Text) error {
	var c checker
	if t.IsZero() {
		c.bad("proposal", T("提案内容(日本語または英語)を入力してください", "enter a proposal in Japanese or English"))
	}
	for _, side := range []struct{ field, s string }{{"proposal.ja", t.Ja}, {"proposal.en", t.En}} {
		if !utf8.ValidString(side.s) {
			c.bad(side.field, T("不正な文字コードが含まれています", "invalid UTF-8"))
			continue
		}
		if n := utf8.RuneCountInString(side.s); n > MaxProposalRunes {
			c.bad(side.field, T(fmt.Sprintf("%d文字以内にしてください(現在%d文字)", MaxProposalRunes, n),
				fmt.Sprintf("at most %d characters (now %d)", MaxProposalRunes, n)))
		}
		for _, r := range side.s {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
				c.bad(side.field, T("制御文字が含まれています", fmt.Sprintf("control character U+%04X", r)))
				break
			}
		}
	}
	return c.result("application", "")
}

// CheckDeck accepts a pitch deck only if it is a PDF (by its bytes: the
// "%PDF-" header within the first 1,024 bytes and an "%%EOF" marker near
// the end, whatever the file is called) and at most limit bytes.
func CheckDeck(name string, data []byte, limit int) error {
	if len(data) == 0 {
		return Errorf(EInvalid, "ピッチ資料のファイルが空です", "the pitch deck %q is empty", name)
	}
	if len(data) > limit {
		return DeckTooLarge(len(data), limit)
	}
	head := data[:min(len(data), 1024)]
	tail := data[max(0, len(data)-1024):]
	if !bytes.Contains(head, []byte("%PDF-")) || !bytes.Contains(tail, []byte("%%EOF")) {
		return Errorf(EInvalid, "ピッチ資料はPDFファイルにしてください(このファイルはPDFではありません)。保存していません。",
			"the pitch deck must be a PDF file (%q is not a PDF); nothing was stored", name)
	}
	return nil
}

// DeckTooLarge is the refusal of a deck of size bytes over limit: for a
// deck checked whole (CheckDeck) and for an upload stopped as soon as it
// passed the limit (size is then what the client said it sends).
func DeckTooLarge(size, limit int) error {
	return &Error{Code: ETooLarge, Message: T(
		fmt.Sprintf("ピッチ資料は%sまでです(このファイルは%s)。保存していません。", sizeLabel(limit), sizeLabel(size)),
		fmt.Sprintf("the pitch deck may be at most %s (this file is %s); nothing was stored", sizeLabel(limit), sizeLabel(size)))}
}

// SizeLabel formats a byte count for messages: "1.5 MB", "300 KB", "12 B".
func SizeLabel(n int) string { return sizeLabel(n) }

func sizeLabel(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// CanReadDeck reports whether a viewer may download an application's deck:
// the organizer and the theme's company only.
func CanReadDeck(a *Application, kind ParticipantKind, id string) bool {
	switch kind {
	case KindOrganizer:
		return true
	case KindCompany:
		return id != "" && id == a.CompanyID
	}
	return false
}
