package server

import (
	"context"
	"net/http"
	"sync"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// OnlineStore is what both sides online need of the store beyond Store:
// scout tokens, the meeting life cycle, per-participant reads, notes and
// the outbox. *storage.DB implements it.
type OnlineStore interface {
	ScoutTokenByHash(ctx context.Context, hash string) (*event.Token, error)
	Snapshot(ctx context.Context) (*event.Batch, error)
	LoadVectors(ctx context.Context, model string, keys []string) (map[string][]float32, error)
	SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error

	Meeting(ctx context.Context, id int64) (*event.Meeting, error)
	MeetingsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Meeting, error)
	SidesOf(ctx context.Context, side event.ParticipantKind, ids []int64) (map[int64]event.MeetingSide, error)
	ActOnMeeting(ctx context.Context, actor string, st storage.MeetingStep) (*event.Meeting, error)
	RecordOutcomeAs(ctx context.Context, actor, party string, id int64, side event.ParticipantKind, o event.Outcome, note string) (*event.Meeting, error)

	InterestsOf(ctx context.Context, kind event.ParticipantKind, id string) ([]event.Interest, error)
	StartupsByID(ctx context.Context, ids []string) ([]*event.Startup, error)
	CompaniesByID(ctx context.Context, ids []string) ([]*event.Company, error)
	ThemesByID(ctx context.Context, ids []string) ([]*event.Theme, error)
	NamesByID(ctx context.Context, entity string, ids []string) (map[string]event.Text, error)
	ThemesStamp(ctx context.Context) (string, error)
	ModelStamp(ctx context.Context) (string, error)
	ThemesOf(ctx context.Context, companyID string) ([]*event.Theme, error)
	AvailabilityOf(ctx context.Context, kind event.ParticipantKind, id string) ([]int, error)
	UpdateAvailability(ctx context.Context, actor string, kind event.ParticipantKind, id string, change func(stored []int) ([]int, error)) error

	// The portal's read-check-write steps, each one storage transaction.
	SetStartupInterest(ctx context.Context, actor, startupID, themeID string, kind event.InterestKind, max int) ([]event.Interest, error)
	SetStartupInterestsIf(ctx context.Context, actor, startupID string, in []event.Interest, check func(stored []event.Interest) error) error
	AnswerInterest(ctx context.Context, actor string, a storage.Answer) error
	DeleteMarks(ctx context.Context, actor, companyID, startupID string, kind event.InterestKind, themeID string) (int, error)

	ScoutNote(ctx context.Context, companyID, startupID string) (string, error)
	ScoutNotes(ctx context.Context, companyID string) (map[string]string, error)
	SetScoutNote(ctx context.Context, actor, companyID, startupID, note string) (string, error)

	Enqueue(ctx context.Context, ms []event.Mail) error
	SetPortalLang(ctx context.Context, kind event.ParticipantKind, id string, lang event.Lang) error
	PortalLang(ctx context.Context, kind event.ParticipantKind, id string) (event.Lang, error)
}

var (
	errScoutOnly = &event.Error{Code: event.EForbidden, Message: event.T(
		"この機能は企業スカウト用のリンクでのみ使えます。", "This page is for company scouts' links only.")}
	errStartupOnly = &event.Error{Code: event.EForbidden, Message: event.T(
		"この機能はスタートアップ用のリンクでのみ使えます。", "This page is for startups' links only.")}
	errNotYours = &event.Error{Code: event.EForbidden, Message: event.T(
		"このリンクではこの記録にアクセスできません。", "This link does not give access to this record.")}
)

// lookupToken resolves a token hash: a startup's, else a scout's, else a
// judge's. The table a hash was found in is remembered (tokenKinds), so a
// scout's or judge's later requests read their own table first; the token
// itself (revocation, expiry) is read from the store on every request.
func (s *Server) lookupToken(ctx context.Context, hash string) (*event.Token, error) {
	lookups := []func(context.Context, string) (*event.Token, error){s.store.TokenByHash, s.store.ScoutTokenByHash, s.store.JudgeTokenByHash}
	first := s.tokenKinds.get(hash)
	order := []int{first}
	for k := range lookups {
		if k != first {
			order = append(order, k)
		}
	}
	var tok *event.Token
	var err error
	for _, k := range order {
		tok, err = lookups[k](ctx, hash)
		if event.ErrorCode(err) != event.ENotFound {
			if err == nil && k != first {
				s.tokenKinds.put(hash, k)
			}
			return tok, err
		}
	}
	return tok, err
}

// tokenKinds remembers which token table (index into lookupToken's
// lookups; 0, startups', is the default) a token hash was found in, for at
// most maxTokenKinds hashes (then it starts again). The zero value is
// ready.
type tokenKinds struct {
	mu sync.Mutex
	m  map[string]int
}

const maxTokenKinds = 1 << 16

func (t *tokenKinds) get(hash string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[hash]
}

func (t *tokenKinds) put(hash string, k int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= maxTokenKinds {
		t.m = map[string]int{}
	}
	t.m[hash] = k
}

// startupOnly refuses scout tokens on a startup route.
func startupOnly(f apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request, p principal) error {
		if p.startupID == "" {
			return errStartupOnly
		}
		return f(w, r, p)
	}
}

// scoutOnly refuses startup tokens on a scout route.
func scoutOnly(f apiFunc) apiFunc {
	return func(w http.ResponseWriter, r *http.Request, p principal) error {
		if p.companyID == "" || p.startupID != "" {
			return errScoutOnly
		}
		return f(w, r, p)
	}
}

// side is the meeting side the principal acts for.
func (p principal) side() event.ParticipantKind {
	if p.companyID != "" {
		return event.KindCompany
	}
	return event.KindStartup
}

// actor names the principal in the audit log.
func (p principal) actor() string {
	if p.judgeID != "" {
		return "judge:" + p.judgeID
	}
	if p.companyID != "" {
		return "scout:" + p.companyID + ":" + p.scout
	}
	return "startup:" + p.startupID
}

// owns reports whether meeting m is the principal's.
func (p principal) owns(m *event.Meeting) bool {
	if p.companyID != "" {
		return m.CompanyID == p.companyID
	}
	return p.startupID != "" && m.StartupID == p.startupID
}
