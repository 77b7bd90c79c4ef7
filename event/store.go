package event

import (
	"context"
	"time"
)

// Store is the persistence PitchMatch needs; storage.DB implements it over
// SQLite. Every method that writes more than one row does so in one
// transaction: it is stored whole or not at all. actor names who made the
// change and goes into the audit log.
//
// Save methods insert a record whose Version is 0 (ID must be new, else an
// EExists error) and update a record whose Version matches the stored one;
// a mismatch returns *ConflictError carrying the stored record. On success
// the record's Version and UpdatedAt are set to the stored values.
type Store interface {
	Event(ctx context.Context) (*Event, error)
	SaveEvent(ctx context.Context, actor string, e *Event) error

	Startup(ctx context.Context, id string) (*Startup, error)
	Startups(ctx context.Context) ([]*Startup, error) // ordered by ID
	SaveStartup(ctx context.Context, actor string, s *Startup) error
	DeleteStartup(ctx context.Context, actor, id string) error

	Company(ctx context.Context, id string) (*Company, error)
	Companies(ctx context.Context) ([]*Company, error)
	SaveCompany(ctx context.Context, actor string, c *Company) error
	DeleteCompany(ctx context.Context, actor, id string) error // and its themes

	Theme(ctx context.Context, id string) (*Theme, error)
	Themes(ctx context.Context) ([]*Theme, error)
	SaveTheme(ctx context.Context, actor string, t *Theme) error
	DeleteTheme(ctx context.Context, actor, id string) error

	// Import stores a batch in one transaction: records are matched by ID,
	// inserted when new and overwritten when present (bumping Version), and
	// availability replaces the participant's earlier record.
	Import(ctx context.Context, actor string, b *Batch) error

	Availability(ctx context.Context) ([]Availability, error)

	Interests(ctx context.Context) ([]Interest, error)
	AddInterest(ctx context.Context, actor string, i *Interest) error // sets ID
	DeleteInterest(ctx context.Context, actor string, id int64) error
	// SetStartupInterests replaces the startup's own applications (By
	// startup, kind apply or no_thanks) with the given ones.
	SetStartupInterests(ctx context.Context, actor, startupID string, in []Interest) error

	Meetings(ctx context.Context) ([]Meeting, error)
	SaveMeeting(ctx context.Context, actor string, m *Meeting) error
	// ReplaceMeetings stores a new schedule: meetings with ID 0 are
	// inserted, those with an ID are updated (Sequence bumped when slot or
	// table changed), and stored meetings absent from ms and not locked are
	// marked cancelled (Sequence bumped) rather than deleted, so calendar
	// exports can cancel them.
	ReplaceMeetings(ctx context.Context, actor string, ms []Meeting) error

	Audit(ctx context.Context, limit int) ([]AuditEntry, error)
	Backup(ctx context.Context, path string) error
	Counts(ctx context.Context) (Counts, error)
}

// Batch is a set of records imported together.
type Batch struct {
	Event        *Event
	Startups     []*Startup
	Companies    []*Company
	Themes       []*Theme
	Availability []Availability
	Interests    []Interest
	Meetings     []Meeting
	// RemoveInterests are stored interest statements (by ID) an import
	// removes: an interests file that is the whole list of some kinds
	// (exchange.PlanOptions.RemoveAbsent).
	RemoveInterests []Interest
}

// Counts are the sizes shown by `pitchmatch info`.
type Counts struct {
	Startups  int `json:"startups"`
	Companies int `json:"companies"`
	Themes    int `json:"themes"`
	Slots     int `json:"slots"`
	Tables    int `json:"tables"`
	Meetings  int `json:"meetings"` // active (not cancelled)
	Interests int `json:"interests"`
}

// Token is a private portal link, stored only as a hash: a startup's
// (StartupID), a company scout's (CompanyID and Scout, the scout's name) or
// a final-pitch judge's (JudgeID).
type Token struct {
	Hash      string    `json:"-"`
	StartupID string    `json:"startup_id,omitempty"`
	JudgeID   string    `json:"judge_id,omitempty"`
	CompanyID string    `json:"company_id,omitempty"`
	Scout     string    `json:"scout,omitempty"`
	Email     string    `json:"email,omitempty"` // the scout's, for notifications
	Lang      Lang      `json:"lang,omitempty"`  // the scout's language
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Revoked   bool      `json:"revoked"`
}
