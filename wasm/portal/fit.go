package portal

import (
	"context"
	"fmt"
	"math"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/matching"
)

// ThemeFit is one theme as the themes list shows it: the fit of the profile
// being edited, the reasons, and whether the startup applied.
type ThemeFit struct {
	ThemeID  string
	Title    string
	Company  string
	Summary  string
	Score    float64 // [0,1]
	Percent  int
	Reasons  []string
	Excluded bool
	Applied  bool
}

// Fits scores the profile s (possibly unsaved) against every theme with
// package matching, exactly as the desktop ranks, in the browser. The text
// similarity's vocabulary statistics come from the themes and this one
// profile (the portal never sees other startups), so its value can differ a
// little from the organizer's ranking.
func Fits(ctx context.Context, d *api.Themes, s *event.Startup, in api.Interests, lang event.Lang) ([]ThemeFit, error) {
	if d == nil || s == nil {
		return nil, nil
	}
	cos := make([]*event.Company, 0, len(d.Companies))
	coName := map[string]string{}
	for _, c := range d.Companies {
		cos = append(cos, c.Company())
		coName[c.ID] = c.Name.In(lang)
	}
	byTheme := map[string]*event.Theme{}
	for _, t := range d.Themes {
		byTheme[t.ID] = t
	}
	applied := map[string]bool{}
	var interests []event.Interest
	add := func(ids []string, kind event.InterestKind) {
		for _, id := range ids {
			t := byTheme[id]
			if t == nil {
				continue
			}
			if kind == event.InterestApply {
				applied[id] = true
			}
			interests = append(interests, event.Interest{Kind: kind, StartupID: s.ID, CompanyID: t.CompanyID, ThemeID: id, By: event.KindStartup})
		}
	}
	add(in.Apply, event.InterestApply)
	add(in.NoThanks, event.InterestNoThanks)
	model, err := matching.Prepare(ctx, matching.Input{Event: d.Event.Event(), Startups: []*event.Startup{s},
		Companies: cos, Themes: d.Themes, Interests: interests})
	if err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	out := make([]ThemeFit, 0, len(d.Themes))
	for _, t := range d.Themes {
		r, err := model.Score(s.ID, t.ID)
		if err != nil {
			return nil, fmt.Errorf("fit %s: %w", t.ID, err)
		}
		f := ThemeFit{ThemeID: t.ID, Title: t.Title.In(lang), Company: coName[t.CompanyID],
			Summary: t.Description.In(lang), Score: r.Score, Percent: int(math.Round(r.Score * 100)),
			Excluded: r.Excluded, Applied: applied[t.ID]}
		f.Reasons = r.Summary(lang, 3)
		out = append(out, f)
	}
	return out, nil
}
