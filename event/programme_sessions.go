package event

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// SessionMode says where an acceleration session takes place.
type SessionMode string

// Session modes.
const (
	ModeOnline SessionMode = "online"
	ModeOnSite SessionMode = "on_site"
)

// ModeLabel is a session mode's label in both languages.
func ModeLabel(m SessionMode) Text {
	if m == ModeOnSite {
		return T("対面", "On site")
	}
	return T("オンライン", "Online")
}

// WeeklyTime is a time of the week sessions may start at.
type WeeklyTime struct {
	Weekday time.Weekday `json:"weekday"` // 0 Sunday … 6 Saturday
	Start   string       `json:"start"`   // HH:MM in the event's time zone
}

// SessionPlan is the acceleration series every selected pair holds:
// Count sessions about every EveryWeeks weeks, within Weeks weeks from the
// week that starts on Start, each at one of the weekly Times, Slack weeks
// early or late when the target week has no common free time.
type SessionPlan struct {
	Start      time.Time    `json:"start"` // first day of week 0
	Weeks      int          `json:"weeks"`
	Count      int          `json:"count"`
	EveryWeeks int          `json:"every_weeks"`
	Minutes    int          `json:"minutes"`
	Mode       SessionMode  `json:"mode"`
	Times      []WeeklyTime `json:"times"`
	Slack      int          `json:"slack,omitempty"` // 0: one week either way
}

func (p *SessionPlan) validate(c *checker) {
	if p.Count == 0 && p.Weeks == 0 {
		return // no session series planned yet
	}
	if p.Start.IsZero() {
		c.bad("sessions.start", T("開始日が必要です", "a start date is required"))
	}
	if p.Weeks < 1 || p.Weeks > 104 {
		c.add("sessions.weeks", FieldRange, T("期間は1〜104週です", "weeks must be 1 to 104"))
	}
	if p.Count < 1 || p.EveryWeeks < 1 {
		c.add("sessions.count", FieldRange, T("回数と間隔(週)は1以上です", "count and every_weeks must be at least 1"))
	} else if (p.Count-1)*p.EveryWeeks >= p.Weeks {
		c.add("sessions.count", FieldRange, T(fmt.Sprintf("%d週ごとに%d回は%d週に収まりません", p.EveryWeeks, p.Count, p.Weeks),
			fmt.Sprintf("%d sessions every %d weeks do not fit in %d weeks", p.Count, p.EveryWeeks, p.Weeks)))
	}
	if p.Minutes < 5 || p.Minutes > 8*60 {
		c.add("sessions.minutes", FieldRange, T("1回の時間は5〜480分です", "minutes must be 5 to 480"))
	}
	if p.Mode != ModeOnline && p.Mode != ModeOnSite {
		c.bad("sessions.mode", T("形式は online か on_site です", "mode must be online or on_site"))
	}
	if len(p.Times) == 0 {
		c.add("sessions.times", FieldRequired, T("候補の曜日・時刻を1つ以上設定してください", "give at least one weekly time"))
	}
	for i, t := range p.Times {
		if _, err := time.Parse("15:04", t.Start); err != nil || t.Weekday < 0 || t.Weekday > 6 {
			c.bad(fmt.Sprintf("sessions.times[%d]", i), T("曜日(0〜6)と時刻(HH:MM)を指定してください", "give a weekday 0–6 and a time HH:MM"))
		}
	}
}

// SessionStatus is an acceleration session's state.
type SessionStatus string

// Session states.
const (
	SessionScheduled SessionStatus = "scheduled"
	SessionHeld      SessionStatus = "held"
	SessionCancelled SessionStatus = "cancelled"
)

// Session is one acceleration session of a selected pair. UID never
// changes; Sequence increases with every move or cancellation, so calendar
// entries update instead of duplicating.
type Session struct {
	ID        int64         `json:"id"`
	UID       string        `json:"uid"`
	StartupID string        `json:"startup_id"`
	CompanyID string        `json:"company_id"`
	ThemeID   string        `json:"theme_id"`
	Number    int           `json:"number"` // 1-based within the pair's series
	Start     time.Time     `json:"start"`
	Minutes   int           `json:"minutes"`
	Mode      SessionMode   `json:"mode"`
	Status    SessionStatus `json:"status"`
	Note      string        `json:"note,omitempty"`
	Sequence  int           `json:"sequence"`
	Version   int64         `json:"version"`
	UpdatedAt time.Time     `json:"updated_at,omitzero"`
}

// End is when the session ends.
func (s *Session) End() time.Time { return s.Start.Add(time.Duration(s.Minutes) * time.Minute) }

// Active reports whether the session occupies its time.
func (s *Session) Active() bool { return s.Status != SessionCancelled }

// SessionUID is the stable calendar UID of a pair's n-th session in the
// series that starts on start.
func SessionUID(startupID, companyID string, n int, start time.Time) string {
	return fmt.Sprintf("session-%s-%s-%d-%s@pitchmatch", startupID, companyID, n, start.UTC().Format("20060102"))
}

// Busy is a time a participant cannot hold sessions (travel, a trade
// show, holidays).
type Busy struct {
	Kind ParticipantKind `json:"kind"`
	ID   string          `json:"id"`
	From time.Time       `json:"from"`
	To   time.Time       `json:"to"`
}

// SelectedPair is a startup selected for a company's theme.
type SelectedPair struct {
	StartupID string
	CompanyID string
	ThemeID   string
}

// Unplaced is a session the scheduler could not place, and why.
type Unplaced struct {
	Pair   SelectedPair `json:"pair"`
	Number int          `json:"number"`
	Reason Text         `json:"reason"`
}

// candidate is one possible session start.
type candidate struct {
	week  int
	start time.Time
	end   time.Time
}

// candidates lists every possible start of the plan, by week then time.
func (p *SessionPlan) candidates(loc *time.Location) []candidate {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := p.Start.In(loc).Date()
	day0 := time.Date(y, m, d, 0, 0, 0, 0, loc)
	var out []candidate
	for w := 0; w < p.Weeks; w++ {
		var week []candidate
		for _, t := range p.Times {
			hm, err := time.Parse("15:04", t.Start)
			if err != nil {
				continue
			}
			off := (int(t.Weekday) - int(day0.Weekday()) + 7) % 7
			dd := day0.AddDate(0, 0, 7*w+off)
			st := time.Date(dd.Year(), dd.Month(), dd.Day(), hm.Hour(), hm.Minute(), 0, 0, loc)
			week = append(week, candidate{week: w, start: st, end: st.Add(time.Duration(p.Minutes) * time.Minute)})
		}
		sort.Slice(week, func(i, j int) bool { return week[i].start.Before(week[j].start) })
		out = append(out, week...)
	}
	return out
}

func participantKey(kind ParticipantKind, id string) string { return string(kind) + "\x00" + id }

// ScheduleSessions places the missing sessions of every selected pair: the
// n-th session aims at week (n-1)·EveryWeeks and may move Slack weeks
// either way, always after the pair's previous session; it takes a weekly
// time at which neither side is busy nor holds another session. Sessions
// already stored (any status; a cancelled one is not re-created) are kept
// as they are and block their time. Pairs are placed in the order given;
// each pair starts its search at a different weekly time so one company's
// pairs spread over the week. It returns the new sessions and what could
// not be placed.
func ScheduleSessions(p *SessionPlan, loc *time.Location, pairs []SelectedPair, busy []Busy, existing []Session) ([]Session, []Unplaced) {
	cands := p.candidates(loc)
	nc := len(cands)
	weekFirst := make([]int, p.Weeks+1) // index of the first candidate of each week
	for w, i := 0, 0; w <= p.Weeks; w++ {
		for i < nc && cands[i].week < w {
			i++
		}
		weekFirst[w] = i
	}
	blocked := map[string][]bool{}
	block := func(key string, from, to time.Time) {
		b := blocked[key]
		if b == nil {
			b = make([]bool, nc)
			blocked[key] = b
		}
		// candidates are sorted by start; find the overlapping ones
		i := sort.Search(nc, func(i int) bool { return cands[i].end.After(from) })
		for ; i < nc && cands[i].start.Before(to); i++ {
			b[i] = true
		}
	}
	for _, b := range busy {
		block(participantKey(b.Kind, b.ID), b.From, b.To)
	}
	type pairState struct {
		have map[int]time.Time // number → start of the stored sessions
	}
	states := map[SelectedPair]*pairState{}
	for i := range existing {
		s := &existing[i]
		key := SelectedPair{s.StartupID, s.CompanyID, s.ThemeID}
		st := states[key]
		if st == nil {
			st = &pairState{have: map[int]time.Time{}}
			states[key] = st
		}
		st.have[s.Number] = s.Start
		if s.Active() {
			block(participantKey(KindStartup, s.StartupID), s.Start, s.End())
			block(participantKey(KindCompany, s.CompanyID), s.Start, s.End())
		}
	}
	weekOf := func(t time.Time) int {
		i := sort.Search(nc, func(i int) bool { return !cands[i].start.Before(t) })
		if i >= nc {
			return p.Weeks
		}
		return cands[i].week
	}
	slack := p.Slack
	if slack <= 0 {
		slack = 1
	}
	var out []Session
	var unplaced []Unplaced
	for pi, pair := range pairs {
		st := states[pair]
		if st == nil {
			st = &pairState{have: map[int]time.Time{}}
		}
		sk, ck := participantKey(KindStartup, pair.StartupID), participantKey(KindCompany, pair.CompanyID)
		bs, bc := blocked[sk], blocked[ck]
		prevWeek := -1
		for n := 1; n <= p.Count; n++ {
			if t, ok := st.have[n]; ok {
				prevWeek = weekOf(t)
				continue
			}
			target := (n - 1) * p.EveryWeeks
			found := -1
			for d := 0; d <= slack && found < 0; d++ {
				weeks := []int{target + d, target - d}
				if d == 0 {
					weeks = weeks[:1]
				}
				for _, w := range weeks {
					if found >= 0 || w <= prevWeek || w < 0 || w >= p.Weeks {
						continue
					}
					first, last := weekFirst[w], weekFirst[w+1]
					for k := 0; k < last-first; k++ {
						i := first + (k+pi)%(last-first)
						if (bs == nil || !bs[i]) && (bc == nil || !bc[i]) {
							found = i
							break
						}
					}
				}
			}
			if found < 0 {
				lo, hi := max(prevWeek+1, target-slack), min(p.Weeks-1, target+slack)
				unplaced = append(unplaced, Unplaced{Pair: pair, Number: n, Reason: T(
					fmt.Sprintf("第%d〜%d週に双方の空いている候補時刻がありません", lo+1, hi+1),
					fmt.Sprintf("no weekly time free for both sides in weeks %d–%d", lo+1, hi+1))})
				continue
			}
			c := cands[found]
			s := Session{
				UID: SessionUID(pair.StartupID, pair.CompanyID, n, p.Start), StartupID: pair.StartupID, CompanyID: pair.CompanyID,
				ThemeID: pair.ThemeID, Number: n, Start: c.start, Minutes: p.Minutes, Mode: p.Mode, Status: SessionScheduled,
			}
			out = append(out, s)
			block(sk, c.start, c.end)
			block(ck, c.start, c.end)
			bs, bc = blocked[sk], blocked[ck]
			prevWeek = c.week
		}
	}
	return out, unplaced
}

// CheckSessionTime refuses a session time that overlaps another active
// session of either side or a time either side declared busy; others may
// include s itself (it is skipped by UID).
func CheckSessionTime(s *Session, start time.Time, others []Session, busy []Busy) error {
	end := start.Add(time.Duration(s.Minutes) * time.Minute)
	for i := range others {
		o := &others[i]
		if o.UID == s.UID || !o.Active() || !(o.Start.Before(end) && start.Before(o.End())) {
			continue
		}
		if o.StartupID == s.StartupID || o.CompanyID == s.CompanyID {
			return Errorf(EConflict, fmt.Sprintf("その時間には別のセッション(%s × %s 第%d回)があります", o.StartupID, o.CompanyID, o.Number),
				"that time overlaps session %d of %s × %s", o.Number, o.StartupID, o.CompanyID)
		}
	}
	for _, b := range busy {
		if !(b.From.Before(end) && start.Before(b.To)) {
			continue
		}
		if (b.Kind == KindStartup && b.ID == s.StartupID) || (b.Kind == KindCompany && b.ID == s.CompanyID) {
			return Errorf(EConflict, b.ID+" はその時間は都合がつきません", "%s is not available at that time", b.ID)
		}
	}
	return nil
}

// SessionAction is a step on a session.
type SessionAction string

// Session steps.
const (
	SessionMove   SessionAction = "move"
	SessionCancel SessionAction = "cancel"
	SessionHold   SessionAction = "held"
	SessionNote   SessionAction = "note"
)

// ApplySessionStep changes s for one step: a move sets a new start, a
// cancellation cancels, "held" records that it took place, a note replaces
// the note. Moves and cancellations bump Sequence and keep UID. A
// cancelled or held session cannot be moved; a held one cannot be
// cancelled.
func ApplySessionStep(s *Session, act SessionAction, start time.Time, note string) error {
	switch act {
	case SessionMove:
		if s.Status != SessionScheduled {
			return Errorf(EInvalid, "中止または実施済みのセッションは移動できません", "a %s session cannot be moved", s.Status)
		}
		if start.IsZero() {
			return Errorf(EInvalid, "移動先の日時を指定してください", "give the new start time")
		}
		if !start.Equal(s.Start) {
			s.Start = start
			s.Sequence++
		}
	case SessionCancel:
		if s.Status == SessionHeld {
			return Errorf(EInvalid, "実施済みのセッションは中止できません", "a held session cannot be cancelled")
		}
		if s.Status != SessionCancelled {
			s.Status = SessionCancelled
			s.Sequence++
		}
	case SessionHold:
		if s.Status == SessionCancelled {
			return Errorf(EInvalid, "中止したセッションは実施済みにできません", "a cancelled session cannot be marked held")
		}
		s.Status = SessionHeld
	case SessionNote:
		if len([]rune(note)) > MaxNoteRunes || strings.ContainsRune(note, 0) {
			return Errorf(EInvalid, fmt.Sprintf("メモは%d文字以内にしてください", MaxNoteRunes), "the note may have at most %d characters", MaxNoteRunes)
		}
		s.Note = note
	default:
		return Errorf(EInvalid, "不明な操作です", "unknown session step %q", act)
	}
	return nil
}
