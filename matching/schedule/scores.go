package schedule

import (
	"context"

	"pitchmatch/matching"
)

// CandidateOf is the scheduler's candidate for a scored pair: its score as
// the weight, must-meet as matching says (both sides asked, or the
// organizer), requested when either side asked.
func CandidateOf(p *matching.PairScore) Candidate {
	return Candidate{StartupID: p.StartupID, CompanyID: p.CompanyID, ThemeID: p.ThemeID,
		Weight: p.Score, MustMeet: p.MustMeet, Requested: p.Applied || p.Requested}
}

// FeedScores is a feed for BuildInputStream: it scores m's pairs at or
// above minScore (matching.Model.StreamPairScores, on all CPUs) and hands
// each startup's candidates to a PruneWorker as they come, so only the
// kept pairs are held. must, if not nil, marks more pairs must-meet (the
// command line's --must-meet). progress is StreamPairScores'.
func FeedScores(ctx context.Context, m *matching.Model, minScore float64, progress func(done, total int), must func(startupID, companyID string) bool) func(worker func() *PruneWorker) error {
	return func(worker func() *PruneWorker) error {
		ws := make([]*PruneWorker, m.Workers())
		bufs := make([][]Candidate, len(ws))
		for i := range ws {
			ws[i] = worker()
		}
		return m.StreamPairScores(ctx, minScore, progress, func(w, _ int, ps []matching.PairScore) {
			b := bufs[w][:0]
			for i := range ps {
				c := CandidateOf(&ps[i])
				c.MustMeet = c.MustMeet || must != nil && must(c.StartupID, c.CompanyID)
				b = append(b, c)
			}
			bufs[w] = b
			ws[w].Add(b)
		})
	}
}
