package results

import (
	"context"
	"fmt"

	"pitchmatch/event"
)

// Source is the store the results are read from (*storage.DB).
type Source interface {
	Programme(ctx context.Context) (*event.Programme, error)
	Event(ctx context.Context) (*event.Event, error)
	Startups(ctx context.Context) ([]*event.Startup, error)
	Companies(ctx context.Context) ([]*event.Company, error)
	Themes(ctx context.Context) ([]*event.Theme, error)
	Applications(ctx context.Context) ([]event.Application, error)
	ScreeningCards(ctx context.Context) (map[int64][]event.Scorecard, error)
	PitchCards(ctx context.Context) (map[int64][]event.Scorecard, error)
	Judges(ctx context.Context) ([]event.Judge, error)
	Sessions(ctx context.Context) ([]event.Session, error)
}

// Load reads everything the results are built from, except the matching
// scores (matching.ApplicationScores fills Data.MatchScores). It returns
// the store's ENotFound error when the event has no programme.
func Load(ctx context.Context, src Source) (*Data, error) {
	d := &Data{MatchScores: map[int64]float64{}}
	var err error
	if d.Programme, err = src.Programme(ctx); err != nil {
		return nil, err
	}
	loads := []struct {
		what string
		load func() error
	}{
		{"event", func() (err error) { d.Event, err = src.Event(ctx); return }},
		{"startups", func() (err error) { d.Startups, err = src.Startups(ctx); return }},
		{"companies", func() (err error) { d.Companies, err = src.Companies(ctx); return }},
		{"themes", func() (err error) { d.Themes, err = src.Themes(ctx); return }},
		{"applications", func() (err error) { d.Applications, err = src.Applications(ctx); return }},
		{"screening scores", func() (err error) { d.Screening, err = src.ScreeningCards(ctx); return }},
		{"pitch scores", func() (err error) { d.PitchCards, err = src.PitchCards(ctx); return }},
		{"judges", func() (err error) { d.Judges, err = src.Judges(ctx); return }},
		{"sessions", func() (err error) { d.Sessions, err = src.Sessions(ctx); return }},
	}
	for _, l := range loads {
		if err := l.load(); err != nil {
			return nil, fmt.Errorf("read %s: %w", l.what, err)
		}
	}
	return d, nil
}
