// Package docs holds what PitchMatch's outgoing documents are made from: the
// plain domain data of one event (Data), the choice of whose documents to
// make (Scope: the whole event, one startup or one company), lookups shared by
// every format (Index), the bilingual labels the documents print, and the
// schedule as rows, written here as a UTF-8-with-BOM CSV that Excel opens
// without garbling Japanese.
//
// The iCalendar (exchange/ical), PDF (exchange/agenda), Excel
// (exchange/xlsx) and KPI (exchange/kpi) packages all read a *Data, so a
// participant's calendar, printed agenda and spreadsheet row always agree.
// Data is loaded once from an event.Store (Load) or filled by the caller
// (the desktop app, tests); nothing here writes to the store.
package docs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"pitchmatch/event"
)

// RankRow is one startup's place in a theme's ranking, best first. Rankings
// are computed by the matching package; documents only print them.
type RankRow struct {
	StartupID string       `json:"startup_id"`
	Score     float64      `json:"score"`             // in [0,1]
	Reasons   []event.Text `json:"reasons,omitempty"` // short reasons, most important first
}

// Data is everything a document may show about one event. Slices are read,
// never modified; Rankings is optional (theme ID → rows, best first).
type Data struct {
	Event     *event.Event
	Startups  []*event.Startup
	Companies []*event.Company
	Themes    []*event.Theme
	Interests []event.Interest
	Meetings  []event.Meeting
	Rankings  map[string][]RankRow
}

// Source is the part of event.Store that documents read.
type Source interface {
	Event(ctx context.Context) (*event.Event, error)
	Startups(ctx context.Context) ([]*event.Startup, error)
	Companies(ctx context.Context) ([]*event.Company, error)
	Themes(ctx context.Context) ([]*event.Theme, error)
	Interests(ctx context.Context) ([]event.Interest, error)
	Meetings(ctx context.Context) ([]event.Meeting, error)
}

// snapshotSource reads the whole event in one read transaction
// (*storage.DB), so a document never mixes two states of the file.
type snapshotSource interface {
	Snapshot(ctx context.Context) (*event.Batch, error)
}

// Load reads an event's data from a store: one Snapshot when the store
// offers it, else table by table.
func Load(ctx context.Context, src Source) (*Data, error) {
	var d Data
	var err error
	if ss, ok := src.(snapshotSource); ok {
		b, err := ss.Snapshot(ctx)
		if err != nil {
			return nil, fmt.Errorf("read event: %w", err)
		}
		d = Data{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
			Interests: b.Interests, Meetings: b.Meetings}
		if d.Event == nil {
			return nil, event.Errorf(event.ENotFound, "イベントが設定されていません", "the database holds no event settings")
		}
		return &d, nil
	}
	if d.Event, err = src.Event(ctx); err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	if d.Startups, err = src.Startups(ctx); err != nil {
		return nil, fmt.Errorf("read startups: %w", err)
	}
	if d.Companies, err = src.Companies(ctx); err != nil {
		return nil, fmt.Errorf("read companies: %w", err)
	}
	if d.Themes, err = src.Themes(ctx); err != nil {
		return nil, fmt.Errorf("read themes: %w", err)
	}
	if d.Interests, err = src.Interests(ctx); err != nil {
		return nil, fmt.Errorf("read interests: %w", err)
	}
	if d.Meetings, err = src.Meetings(ctx); err != nil {
		return nil, fmt.Errorf("read meetings: %w", err)
	}
	if d.Event == nil {
		return nil, event.Errorf(event.ENotFound, "イベントが設定されていません", "the database holds no event settings")
	}
	return &d, nil
}

// Scope says whose documents to make: everyone's (Kind "") or one
// participant's.
type Scope struct {
	Kind event.ParticipantKind // "" for the whole event
	ID   string
}

// All reports whether the scope is the whole event.
func (s Scope) All() bool { return s.Kind == "" }

// String gives the scope in the form ParseScope reads.
func (s Scope) String() string {
	if s.All() {
		return "all"
	}
	return string(s.Kind) + ":" + s.ID
}

// ParseScope reads "all", "startup:ID" or "company:ID".
func ParseScope(s string) (Scope, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "all") {
		return Scope{}, nil
	}
	kind, id, ok := strings.Cut(s, ":")
	id = strings.TrimSpace(id)
	if ok && id != "" {
		switch event.ParticipantKind(strings.ToLower(strings.TrimSpace(kind))) {
		case event.KindStartup:
			return Scope{Kind: event.KindStartup, ID: id}, nil
		case event.KindCompany:
			return Scope{Kind: event.KindCompany, ID: id}, nil
		}
	}
	return Scope{}, event.Errorf(event.EInvalid,
		fmt.Sprintf("対象 %q が不正です（all、startup:ID、company:ID のいずれか）", s),
		"bad scope %q: want all, startup:ID or company:ID", s)
}

// Progress is told how far a long export has got: stage names the part
// being written, done of total units (participants, rows, tables).
// A nil Progress is valid and ignored.
type Progress func(stage string, done, total int)

// Report calls p if it is not nil.
func (p Progress) Report(stage string, done, total int) {
	if p != nil {
		p(stage, done, total)
	}
}

// Participant is one startup or company, as documents address it.
type Participant struct {
	Kind event.ParticipantKind
	ID   string
	Name event.Text
}

// FileName is a safe file name stem for the participant, such as
// "startup-S0001".
func (p Participant) FileName() string { return string(p.Kind) + "-" + SafeName(p.ID) }

// Folder is the folder name for the participant's kind in archives:
// "startups" or "companies".
func (p Participant) Folder() string {
	if p.Kind == event.KindStartup {
		return "startups"
	}
	return "companies"
}

// SafeName maps s to characters that are safe in file names everywhere.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// Index gives fast lookups over a Data: participants and themes by ID, the
// event's slots, and each participant's meetings in time order.
type Index struct {
	Data      *Data
	Slots     []event.Slot
	startups  map[string]*event.Startup
	companies map[string]*event.Company
	themes    map[string]*event.Theme
	byStartup map[string][]int // meeting indexes, by slot then table
	byCompany map[string][]int
	order     []int // every meeting index, by slot, table, UID
}

// NewIndex indexes d. It fails if d has no event.
func NewIndex(d *Data) (*Index, error) {
	if d == nil || d.Event == nil {
		return nil, event.Errorf(event.EInvalid, "イベントがありません", "no event to export")
	}
	ix := &Index{
		Data:      d,
		Slots:     d.Event.Slots(),
		startups:  make(map[string]*event.Startup, len(d.Startups)),
		companies: make(map[string]*event.Company, len(d.Companies)),
		themes:    make(map[string]*event.Theme, len(d.Themes)),
		byStartup: make(map[string][]int),
		byCompany: make(map[string][]int),
		order:     make([]int, len(d.Meetings)),
	}
	for _, s := range d.Startups {
		ix.startups[s.ID] = s
	}
	for _, c := range d.Companies {
		ix.companies[c.ID] = c
	}
	for _, t := range d.Themes {
		ix.themes[t.ID] = t
	}
	for i := range d.Meetings {
		ix.order[i] = i
	}
	ms := d.Meetings
	slices.SortStableFunc(ix.order, func(a, b int) int {
		return cmp.Or(cmp.Compare(ms[a].Slot, ms[b].Slot), cmp.Compare(ms[a].Table, ms[b].Table),
			cmp.Compare(ms[a].UID, ms[b].UID), cmp.Compare(ms[a].ID, ms[b].ID))
	})
	for _, i := range ix.order {
		m := &ms[i]
		ix.byStartup[m.StartupID] = append(ix.byStartup[m.StartupID], i)
		ix.byCompany[m.CompanyID] = append(ix.byCompany[m.CompanyID], i)
	}
	return ix, nil
}

// Startup returns the startup with id, or nil.
func (ix *Index) Startup(id string) *event.Startup { return ix.startups[id] }

// Company returns the company with id, or nil.
func (ix *Index) Company(id string) *event.Company { return ix.companies[id] }

// Theme returns the theme with id, or nil.
func (ix *Index) Theme(id string) *event.Theme { return ix.themes[id] }

// StartupName is the startup's name, or its ID if unknown or unnamed.
func (ix *Index) StartupName(id string) event.Text {
	if s := ix.startups[id]; s != nil && !s.Name.IsZero() {
		return s.Name
	}
	return event.Text{Ja: id, En: id}
}

// CompanyName is the company's name, or its ID if unknown or unnamed.
func (ix *Index) CompanyName(id string) event.Text {
	if c := ix.companies[id]; c != nil && !c.Name.IsZero() {
		return c.Name
	}
	return event.Text{Ja: id, En: id}
}

// ThemeTitle is the theme's title, or its ID (empty when id is empty).
func (ix *Index) ThemeTitle(id string) event.Text {
	if t := ix.themes[id]; t != nil && !t.Title.IsZero() {
		return t.Title
	}
	return event.Text{Ja: id, En: id}
}

// Slot returns slot i of the event.
func (ix *Index) Slot(i int) (event.Slot, bool) {
	if i < 0 || i >= len(ix.Slots) {
		return event.Slot{}, false
	}
	return ix.Slots[i], true
}

// MeetingSlot returns the meeting's slot, or an error naming the meeting
// when its slot is outside the event.
func (ix *Index) MeetingSlot(m *event.Meeting) (event.Slot, error) {
	s, ok := ix.Slot(m.Slot)
	if !ok {
		return s, event.Errorf(event.EInvalid,
			fmt.Sprintf("面談 %s のスロット %d はイベントの %d スロットの範囲外です", MeetingRef(m), m.Slot+1, len(ix.Slots)),
			"meeting %s: slot %d is outside the event's %d slots", MeetingRef(m), m.Slot+1, len(ix.Slots))
	}
	return s, nil
}

// MeetingRef names a meeting in messages: its UID, else its ID.
func MeetingRef(m *event.Meeting) string {
	if m.UID != "" {
		return m.UID
	}
	return fmt.Sprintf("#%d", m.ID)
}

// Meetings calls fn for every meeting in time order (slot, table).
func (ix *Index) Meetings(fn func(m *event.Meeting) error) error {
	for _, i := range ix.order {
		if err := fn(&ix.Data.Meetings[i]); err != nil {
			return err
		}
	}
	return nil
}

// MeetingsOf returns the participant's meetings in time order, cancelled
// ones included (callers filter with Meeting.Active).
func (ix *Index) MeetingsOf(kind event.ParticipantKind, id string) []*event.Meeting {
	var idx []int
	if kind == event.KindStartup {
		idx = ix.byStartup[id]
	} else {
		idx = ix.byCompany[id]
	}
	out := make([]*event.Meeting, len(idx))
	for k, i := range idx {
		out[k] = &ix.Data.Meetings[i]
	}
	return out
}

// Participants lists the participants in scope: for the whole event every
// startup (by ID) then every company (by ID); otherwise the one named, or
// an ENotFound error.
func (ix *Index) Participants(scope Scope) ([]Participant, error) {
	switch scope.Kind {
	case event.KindStartup:
		s := ix.startups[scope.ID]
		if s == nil {
			return nil, event.NotFound("startup", scope.ID)
		}
		return []Participant{{Kind: event.KindStartup, ID: s.ID, Name: ix.StartupName(s.ID)}}, nil
	case event.KindCompany:
		c := ix.companies[scope.ID]
		if c == nil {
			return nil, event.NotFound("company", scope.ID)
		}
		return []Participant{{Kind: event.KindCompany, ID: c.ID, Name: ix.CompanyName(c.ID)}}, nil
	}
	out := make([]Participant, 0, len(ix.Data.Startups)+len(ix.Data.Companies))
	for _, s := range ix.Data.Startups {
		out = append(out, Participant{Kind: event.KindStartup, ID: s.ID, Name: ix.StartupName(s.ID)})
	}
	for _, c := range ix.Data.Companies {
		out = append(out, Participant{Kind: event.KindCompany, ID: c.ID, Name: ix.CompanyName(c.ID)})
	}
	slices.SortStableFunc(out, func(a, b Participant) int {
		return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

func kindOrder(k event.ParticipantKind) int {
	if k == event.KindStartup {
		return 0
	}
	return 1
}

// OtherParty returns, for a meeting seen from the participant's side, the
// kind, ID and name of the other side.
func (ix *Index) OtherParty(p Participant, m *event.Meeting) Participant {
	if p.Kind == event.KindStartup {
		return Participant{Kind: event.KindCompany, ID: m.CompanyID, Name: ix.CompanyName(m.CompanyID)}
	}
	return Participant{Kind: event.KindStartup, ID: m.StartupID, Name: ix.StartupName(m.StartupID)}
}

// Filter returns the part of d that a participant may see: their meetings
// and interests, the rankings of their own themes (a company) or their own
// rows in them (a startup), and only the participants and themes those
// mention. For the whole event it returns d itself.
func (d *Data) Filter(scope Scope) (*Data, error) {
	if scope.All() {
		return d, nil
	}
	ix, err := NewIndex(d)
	if err != nil {
		return nil, err
	}
	if _, err := ix.Participants(scope); err != nil {
		return nil, err
	}
	mine := func(startupID, companyID string) bool {
		if scope.Kind == event.KindStartup {
			return startupID == scope.ID
		}
		return companyID == scope.ID
	}
	out := &Data{Event: d.Event}
	sIDs, cIDs, tIDs := map[string]bool{}, map[string]bool{}, map[string]bool{}
	if scope.Kind == event.KindStartup {
		sIDs[scope.ID] = true
	} else {
		cIDs[scope.ID] = true
	}
	for _, m := range d.Meetings {
		if mine(m.StartupID, m.CompanyID) {
			out.Meetings = append(out.Meetings, m)
			sIDs[m.StartupID], cIDs[m.CompanyID], tIDs[m.ThemeID] = true, true, true
		}
	}
	for _, in := range d.Interests {
		if mine(in.StartupID, in.CompanyID) {
			out.Interests = append(out.Interests, in)
			sIDs[in.StartupID], cIDs[in.CompanyID], tIDs[in.ThemeID] = true, true, true
		}
	}
	if len(d.Rankings) > 0 {
		out.Rankings = map[string][]RankRow{}
		for tid, rows := range d.Rankings {
			t := ix.Theme(tid)
			if t == nil {
				continue
			}
			if scope.Kind == event.KindCompany {
				if t.CompanyID == scope.ID {
					out.Rankings[tid] = rows
					tIDs[tid] = true
					for _, r := range rows {
						sIDs[r.StartupID] = true
					}
				}
				continue
			}
			for _, r := range rows {
				if r.StartupID == scope.ID {
					out.Rankings[tid] = []RankRow{r}
					tIDs[tid], cIDs[t.CompanyID] = true, true
				}
			}
		}
	}
	if scope.Kind == event.KindCompany {
		for _, t := range d.Themes {
			if t.CompanyID == scope.ID {
				tIDs[t.ID] = true
			}
		}
	}
	for _, s := range d.Startups {
		if sIDs[s.ID] {
			out.Startups = append(out.Startups, s)
		}
	}
	for _, c := range d.Companies {
		if cIDs[c.ID] {
			out.Companies = append(out.Companies, c)
		}
	}
	for _, t := range d.Themes {
		if tIDs[t.ID] {
			out.Themes = append(out.Themes, t)
		}
	}
	return out, nil
}
