package event

import (
	"fmt"
	"time"
)

// Startup is a startup's profile. ID is stable and chosen by the organizer
// (for example "S0001"); Version is the optimistic-concurrency counter kept by
// the store: 0 for a record not yet stored, and it must match on update.
type Startup struct {
	ID             string `json:"id"`
	Version        int64  `json:"version"`
	Name           Text   `json:"name"`
	Founded        int    `json:"founded,omitempty"` // year
	Prefecture     Code   `json:"prefecture,omitempty"`
	Headcount      int    `json:"headcount,omitempty"`
	FundingStage   Code   `json:"funding_stage,omitempty"`
	ProductName    Text   `json:"product_name"`
	ProductSummary Text   `json:"product_summary"`
	ProductType    Code   `json:"product_type,omitempty"`
	DeviceClass    Code   `json:"device_class,omitempty"`
	Purposes       []Code `json:"purposes,omitempty"`
	Areas          []Code `json:"areas,omitempty"`
	Technologies   []Code `json:"technologies,omitempty"`
	DevStage       Code   `json:"dev_stage,omitempty"`
	Regulatory     []Code `json:"regulatory,omitempty"`
	Needs          []Code `json:"needs,omitempty"`
	Partnerships   []Code `json:"partnerships,omitempty"`
	Website        string `json:"website,omitempty"`
	ContactEmail   string `json:"contact_email,omitempty"`
	MaxMeetings    int    `json:"max_meetings,omitempty"` // 0: the event default
	// Notes are the organizer's own notes (from the desktop, or columns of
	// an imported file kept as notes); never shown in a portal.
	Notes     string    `json:"notes,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Company is a large company taking part as a partner.
type Company struct {
	ID          string    `json:"id"`
	Version     int64     `json:"version"`
	Name        Text      `json:"name"`
	Description Text      `json:"description"`
	Scouts      []string  `json:"scouts,omitempty"`       // names of the scouts attending
	MaxMeetings int       `json:"max_meetings,omitempty"` // meeting quota; 0: the event default
	Tables      int       `json:"tables,omitempty"`       // meetings it can hold at once (scout teams); 0 means 1
	Notes       string    `json:"notes,omitempty"`        // the organizer's own notes; never shown in a portal
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
}

// ParallelTables is the number of meetings the company can hold in one slot.
func (c *Company) ParallelTables() int {
	if c.Tables < 1 {
		return 1
	}
	return c.Tables
}

// Theme is what a company is looking for: a published call that startups
// apply to and that ranking scores startups against.
type Theme struct {
	ID           string    `json:"id"`
	CompanyID    string    `json:"company_id"`
	Version      int64     `json:"version"`
	Title        Text      `json:"title"`
	Description  Text      `json:"description"`
	Areas        []Code    `json:"areas,omitempty"`
	Technologies []Code    `json:"technologies,omitempty"`
	StageMin     Code      `json:"stage_min,omitempty"` // wanted development stage range, inclusive
	StageMax     Code      `json:"stage_max,omitempty"`
	ProductTypes []Code    `json:"product_types,omitempty"`
	Classes      []Code    `json:"classes,omitempty"`
	Partnerships []Code    `json:"partnerships,omitempty"` // partnerships offered
	UpdatedAt    time.Time `json:"updated_at,omitzero"`
}

// Break is a pause inserted after a slot of a day.
type Break struct {
	AfterSlot int `json:"after_slot"` // 1-based count of slots before the break
	Minutes   int `json:"minutes"`
}

// Day is one event day: a date, a first slot start and a number of slots.
type Day struct {
	Date   string  `json:"date"`  // YYYY-MM-DD
	Start  string  `json:"start"` // HH:MM local time
	Slots  int     `json:"slots"`
	Breaks []Break `json:"breaks,omitempty"`
}

// Event is the settings of one event; one database file holds one event.
type Event struct {
	Name          Text   `json:"name"`
	Venue         Text   `json:"venue"`
	TimeZone      string `json:"time_zone"` // IANA name, "Asia/Tokyo" by default
	SlotMinutes   int    `json:"slot_minutes"`
	Tables        int    `json:"tables"` // tables (booths) per slot
	Days          []Day  `json:"days"`
	StartupCap    int    `json:"startup_cap"`    // default max meetings per startup
	CompanyCap    int    `json:"company_cap"`    // default max meetings per company
	FairnessFloor int    `json:"fairness_floor"` // each startup with acceptable pairs gets at least this many
	// MoveCost is the objective a re-run of the scheduler gives up to
	// avoid moving one stored meeting; nil means the scheduler's default
	// (0.05), 0 makes moves free.
	MoveCost        *float64           `json:"move_cost,omitempty"`
	Weights         map[string]float64 `json:"weights,omitempty"`
	WeightFit       *WeightFit         `json:"weight_fit,omitempty"`    // the last fit of Weights to decisions
	EmbeddingURL    string             `json:"embedding_url,omitempty"` // OpenAI-compatible base URL; never a key
	EmbeddingModel  string             `json:"embedding_model,omitempty"`
	EmbeddingDims   int                `json:"embedding_dims,omitempty"`
	Version         int64              `json:"version"`
	PastFigures     []YearFigures      `json:"past_figures,omitempty"`
	DefaultLanguage Lang               `json:"default_language,omitempty"`
	// Online settings (event/online.go): the portal's public address, the
	// organizer's contact shown on every portal page, and the SMTP server
	// notifications are sent through.
	PortalURL string       `json:"portal_url,omitempty"`
	Contact   Contact      `json:"contact,omitzero"`
	SMTP      SMTPSettings `json:"smtp,omitzero"`
	// ScoutFields are the startup fields (event.StartupFields names) the
	// organizer publishes to scouts; nil means DefaultScoutFields.
	ScoutFields []string `json:"scout_fields,omitempty"`
}

// WeightFit records the last fit of an event's weights to its scouts'
// decisions and meeting outcomes (matching fits them): the fitted weights,
// the held-out figures before and after, whether they were applied, and the
// weights in use before, so the organizer can go back.
type WeightFit struct {
	At             time.Time          `json:"at"`
	Applied        bool               `json:"applied"`
	Fitted         map[string]float64 `json:"fitted"`
	Previous       map[string]float64 `json:"previous,omitempty"` // Event.Weights before it was applied (nil: defaults)
	Decisions      int                `json:"decisions"`
	AccuracyBefore float64            `json:"accuracy_before"`
	AccuracyAfter  float64            `json:"accuracy_after"`
	NDCGBefore     float64            `json:"ndcg_before"`
	NDCGAfter      float64            `json:"ndcg_after"`
	Reason         Text               `json:"reason"`
}

// YearFigures are the published figures of an earlier edition, for the
// year-over-year KPI report.
type YearFigures struct {
	Year       int `json:"year"`
	Exhibitors int `json:"exhibitors"`
	Meetings   int `json:"meetings"`
	Deals      int `json:"deals,omitempty"`
}

// Slot is one meeting time of the event; Index counts from 0 over all days.
type Slot struct {
	Index int       `json:"index"`
	Day   int       `json:"day"` // 0-based day
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Label is a short human label such as "D1 10:00".
func (s Slot) Label() string { return fmt.Sprintf("D%d %s", s.Day+1, s.Start.Format("15:04")) }

// Location loads the event's time zone, Asia/Tokyo when unset. Where the
// zone database is missing (a bare browser), it falls back to a fixed +09:00.
func (e *Event) Location() *time.Location {
	name := e.TimeZone
	if name == "" {
		name = "Asia/Tokyo"
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	if name == "Asia/Tokyo" {
		return time.FixedZone("JST", 9*3600)
	}
	return time.UTC
}

// NumSlots is the total number of slots over all days.
func (e *Event) NumSlots() int {
	n := 0
	for _, d := range e.Days {
		n += d.Slots
	}
	return n
}

// Slots lists every slot with its start and end time. Days whose date or
// start does not parse are skipped; Validate reports them.
func (e *Event) Slots() []Slot {
	loc := e.Location()
	out := make([]Slot, 0, e.NumSlots())
	minutes := e.SlotMinutes
	if minutes <= 0 {
		minutes = 30
	}
	for di, d := range e.Days {
		start, err := time.ParseInLocation("2006-01-02 15:04", d.Date+" "+d.Start, loc)
		if err != nil {
			continue
		}
		t := start
		for k := 0; k < d.Slots; k++ {
			end := t.Add(time.Duration(minutes) * time.Minute)
			out = append(out, Slot{Index: len(out), Day: di, Start: t, End: end})
			t = end
			for _, b := range d.Breaks {
				if b.AfterSlot == k+1 {
					t = t.Add(time.Duration(b.Minutes) * time.Minute)
				}
			}
		}
	}
	return out
}

// ParticipantKind says which side of the event a participant is on.
type ParticipantKind string

// The two sides.
const (
	KindStartup ParticipantKind = "startup"
	KindCompany ParticipantKind = "company"
)

// Availability lists the slots in which a participant cannot meet. A
// participant with no Availability record is available in every slot.
type Availability struct {
	Kind        ParticipantKind `json:"kind"`
	ID          string          `json:"id"`
	Unavailable []int           `json:"unavailable"` // 0-based slot indexes, ascending
}

// InterestKind is what one side said about the other.
type InterestKind string

// Interest kinds. Apply goes from a startup to a theme; Request and Shortlist
// from a company (scout) to a startup, optionally for a theme; NoThanks from
// either side excludes the pair; MustMeet is set by the organizer (or derived
// when both sides asked); Conflict is a declared conflict of interest that
// excludes the pair.
const (
	InterestApply     InterestKind = "apply"
	InterestRequest   InterestKind = "request"
	InterestShortlist InterestKind = "shortlist"
	InterestNoThanks  InterestKind = "no_thanks"
	InterestMustMeet  InterestKind = "must_meet"
	InterestConflict  InterestKind = "conflict"
)

// Interest is one statement about a startup–company pair. ThemeID may be
// empty when the statement concerns the company as a whole.
type Interest struct {
	ID        int64           `json:"id"`
	Kind      InterestKind    `json:"kind"`
	StartupID string          `json:"startup_id"`
	CompanyID string          `json:"company_id"`
	ThemeID   string          `json:"theme_id,omitempty"`
	By        ParticipantKind `json:"by"` // who said it; organizer statements use KindCompany
	Note      string          `json:"note,omitempty"`
	CreatedAt time.Time       `json:"created_at,omitzero"`
}

// Excludes reports whether the interest forbids meeting.
func (i Interest) Excludes() bool { return i.Kind == InterestNoThanks || i.Kind == InterestConflict }

// MeetingStatus is the life cycle of a meeting.
type MeetingStatus string

// Meeting statuses.
const (
	StatusProposed  MeetingStatus = "proposed"
	StatusConfirmed MeetingStatus = "confirmed"
	StatusCancelled MeetingStatus = "cancelled"
	StatusHeld      MeetingStatus = "held"
)

// Outcome is what came of a held meeting; the organizer's KPI is the count of
// OutcomeDeal.
type Outcome string

// Outcomes.
const (
	OutcomeUnknown  Outcome = ""
	OutcomeNone     Outcome = "none"
	OutcomeFollowUp Outcome = "follow_up"
	OutcomeDeal     Outcome = "deal_progressed"
)

// Meeting is a startup–company meeting placed in a slot at a table.
// UID stays the same across reschedules and Sequence increases with each
// change, so exported calendar entries update instead of duplicating.
type Meeting struct {
	ID        int64         `json:"id"`
	UID       string        `json:"uid"`
	StartupID string        `json:"startup_id"`
	CompanyID string        `json:"company_id"`
	ThemeID   string        `json:"theme_id"`
	Slot      int           `json:"slot"`  // 0-based slot index
	Table     int           `json:"table"` // 0-based table index
	Status    MeetingStatus `json:"status"`
	Outcome   Outcome       `json:"outcome,omitempty"`
	Locked    bool          `json:"locked"`
	Score     float64       `json:"score"`
	Sequence  int           `json:"sequence"`
	Version   int64         `json:"version"`
	UpdatedAt time.Time     `json:"updated_at,omitzero"`
}

// Active reports whether the meeting occupies its slot and table: every
// status but cancelled and declined (see lifecycle.go).
func (m Meeting) Active() bool { return m.Status != StatusCancelled && m.Status != StatusDeclined }

// PairKey identifies a startup–company pair: a company meets a startup once.
type PairKey struct {
	StartupID string
	CompanyID string
}

// AuditEntry records who changed what and when.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"` // e.g. "startup.update", "import.startups"
	Entity   string    `json:"entity"` // e.g. "startup"
	EntityID string    `json:"entity_id"`
	Detail   string    `json:"detail,omitempty"`
	// Changes are the fields the action changed, old → new: for a save,
	// those of its record; for a batch (an import, a schedule save), those
	// of every record it touched (AuditOf: of the one record asked for).
	Changes []FieldChange `json:"changes,omitempty"`
	// Undo is the entry's part in the organizer's undo history; an undo or
	// a redo names the entry it inverts (Undoes). Label says what the
	// change did, for the Undo and Redo menu items.
	Undo   UndoKind `json:"undo,omitempty"`
	Undoes int64    `json:"undoes,omitempty"`
	Label  Text     `json:"label,omitzero"`
}

// FieldChange is one field of one record changed by an audited action.
// Field is the JSON name ("name.ja", "areas", "slot"); it is empty when the
// action created the record. Old and New are the values as text (lists and
// objects as JSON).
type FieldChange struct {
	Entity string `json:"entity"`
	ID     string `json:"id"`
	Field  string `json:"field,omitempty"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}
