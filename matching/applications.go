package matching

import (
	"context"
	"fmt"

	"pitchmatch/event"
)

// ApplicationScores is each programme application's matching score
// (startup → the theme applied to) from the model, by application ID; an
// application whose pair is excluded (no thanks, a conflict) or whose
// startup or theme the model does not know has none. The screening table
// of the CLI, the desktop and the results sheet shows it beside the
// scouts' aggregated score.
func ApplicationScores(ctx context.Context, m *Model, apps []event.Application) (map[int64]float64, error) {
	out := make(map[int64]float64, len(apps))
	byStartup := map[string]map[string]float64{}
	for _, a := range apps {
		scores, done := byStartup[a.StartupID]
		if !done {
			if _, known := m.startupIdx[a.StartupID]; known {
				rs, err := m.RankStartup(ctx, a.StartupID, Filter{}, 0)
				if err != nil {
					return nil, fmt.Errorf("matching score of %s: %w", a.StartupID, err)
				}
				scores = make(map[string]float64, len(rs))
				for _, r := range rs {
					scores[r.ThemeID] = r.Score
				}
			}
			byStartup[a.StartupID] = scores
		}
		if v, ok := scores[a.ThemeID]; ok {
			out[a.ID] = v
		}
	}
	return out, nil
}
