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
// above minScore (matching.Model.StreamPairIndexes, on all CPUs) and hands
// each startup's candidates to a PruneWorker as they come, so only the
// kept pairs are held, and only they become Candidates. must, if not nil,
// marks more pairs must-meet (the command line's --must-meet). progress
// is StreamPairScores'.
func FeedScores(ctx context.Context, m *matching.Model, minScore float64, progress func(done, total int), must func(startupID, companyID string) bool) func(worker func() *PruneWorker) error {
	return func(worker func() *PruneWorker) error {
		ws := make([]*PruneWorker, m.Workers())
		bufs := make([][]ScoredPair, len(ws))
		for i := range ws {
			ws[i] = worker()
		}
		if len(ws) == 0 {
			return nil
		}
		pr := ws[0].pr
		// A pair kept by index (PruneWorker.Resolve): Ref is its theme.
		resolve := func(s int32, p *ScoredPair) Candidate {
			return Candidate{StartupID: pr.in.Startups[s].ID, CompanyID: pr.in.Companies[p.Company].ID, ThemeID: m.ThemeID(p.Ref),
				Weight: p.Weight, MustMeet: p.MustMeet, Requested: p.Requested}
		}
		for _, w := range ws {
			w.Resolve = resolve
		}
		// The model's companies by the input's index (-1: the input does
		// not have it).
		cIDs := m.CompanyIDs()
		cIdx := make([]int32, len(cIDs))
		for i, id := range cIDs {
			cIdx[i] = pr.CompanyIndex(id)
		}
		return m.StreamPairIndexes(ctx, minScore, progress, func(w, si int, ps []matching.IndexedPair) {
			sID := m.StartupID(si)
			cand := func(i int) Candidate {
				p := m.PairScoreOf(si, &ps[i])
				c := CandidateOf(&p)
				c.MustMeet = c.MustMeet || must != nil && must(c.StartupID, c.CompanyID)
				return c
			}
			s := pr.StartupIndex(sID)
			if s < 0 {
				cs := make([]Candidate, len(ps))
				for i := range ps {
					cs[i] = cand(i)
				}
				ws[w].Add(cs)
				return
			}
			b := bufs[w][:0]
			for i := range ps {
				p := &ps[i]
				b = append(b, ScoredPair{Company: cIdx[p.Company], Ref: p.Theme, Weight: p.Score,
					MustMeet: p.MustMeet || must != nil && must(sID, cIDs[p.Company]), Requested: p.Applied || p.Requested})
			}
			bufs[w] = b
			ws[w].AddScored(s, b, cand)
		})
	}
}
