package app

import (
	"context"
	"os"
	"sort"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"
)

// PrepareModel builds the ranking model for a snapshot, with the embedding
// vectors cached by `pitchmatch embed` when the event has enough of them;
// otherwise the embedding feature is skipped with the reason why.
func PrepareModel(ctx context.Context, d *Data) (*matching.Model, error) {
	in := matching.Input{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes, Interests: d.Interests}
	if d.vectors != nil {
		p, note := embed.ForRanking(ctx, d.vectors, os.Getenv, d.Event, d.Startups, d.Themes)
		if p.Startups != nil && p.Themes != nil {
			in.StartupVectors, in.ThemeVectors = p.Startups, p.Themes
		}
		in.EmbeddingNote = note
	} else {
		in.EmbeddingNote = event.Text{Ja: "埋め込みをスキップしました: キャッシュがありません", En: "embeddings skipped: no vector cache"}
	}
	return matching.Prepare(ctx, in)
}

// Contribution is one feature's share of a pair's score, for drawing.
type Contribution struct {
	Name   string
	Label  event.Text
	Value  float64 // the feature's value in [0,1]
	Weight float64
	Share  float64 // Weight×Value / ΣWeight: what the feature adds to the score
	Reason event.Text
}

// Contributions lists the features of r, largest share first; the shares
// sum to r.Score (the weighted mean).
func Contributions(r matching.Result) []Contribution {
	var wsum float64
	for _, f := range r.Features {
		wsum += f.Weight
	}
	out := make([]Contribution, 0, len(r.Features))
	for _, f := range r.Features {
		c := Contribution{Name: f.Name, Label: matching.FeatureLabel(f.Name), Value: f.Value, Weight: f.Weight, Reason: f.Reason}
		if wsum > 0 {
			c.Share = f.Weight * f.Value / wsum
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Share > out[j].Share })
	return out
}

// PairStatus lists the interest kinds recorded for a startup–company pair.
func (d *Data) PairStatus(startupID, companyID string) []event.InterestKind {
	var out []event.InterestKind
	seen := map[event.InterestKind]bool{}
	for _, i := range d.Interests {
		if i.StartupID == startupID && i.CompanyID == companyID && !seen[i.Kind] {
			seen[i.Kind] = true
			out = append(out, i.Kind)
		}
	}
	return out
}

// PairNote is the latest note a company wrote about a startup.
func (d *Data) PairNote(startupID, companyID string) string {
	note := ""
	for _, i := range d.Interests {
		if i.StartupID == startupID && i.CompanyID == companyID && i.By == event.KindCompany && i.Note != "" {
			note = i.Note
		}
	}
	return note
}
