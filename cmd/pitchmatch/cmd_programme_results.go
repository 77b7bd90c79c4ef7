package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/ical"
	"pitchmatch/exchange/results"
	"pitchmatch/matching"
)

// loadResults reads everything the programme's results are built from,
// with each application's matching score (startup → theme) from the
// matching model.
func (pc *progCtx) loadResults(ctx context.Context, env *cliEnv, withMatching bool) (*results.Results, error) {
	d, err := results.Load(ctx, pc.store)
	if err != nil {
		return nil, pc.userError(ctx, err)
	}
	if withMatching && len(d.Applications) > 0 {
		in, _, err := loadMatchingInput(ctx, pc.store, env)
		if err != nil {
			return nil, err
		}
		m, err := matching.Prepare(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("matching: %w", err)
		}
		if d.MatchScores, err = matching.ApplicationScores(ctx, m, d.Applications); err != nil {
			return nil, err
		}
	}
	return results.Build(d), nil
}

func progScreening(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	r, err := pc.loadResults(ctx, env, true)
	if err != nil {
		return err
	}
	if *asJSON {
		type row struct {
			Application int64           `json:"application"`
			StartupID   string          `json:"startup_id"`
			ThemeID     string          `json:"theme_id"`
			CompanyID   string          `json:"company_id"`
			Screening   event.Aggregate `json:"screening"`
			MatchScore  *float64        `json:"match_score"`
			Decision    event.Decision  `json:"decision"`
		}
		out := make([]row, len(r.Screening))
		for i, s := range r.Screening {
			out[i] = row{s.App.ID, s.App.StartupID, s.App.ThemeID, s.App.CompanyID, s.Aggregate, nil, s.App.Decision}
			if s.HasMatch {
				v := s.MatchScore
				out[i].MatchScore = &v
			}
		}
		return writeJSON(env.stdout, out)
	}
	lang := pc.language(ctx)
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{"ID", "startup", "theme", "scouts", "screening", "matching", "decision"}, "\t"))
	for _, s := range r.Screening {
		ms := "–"
		if s.HasMatch {
			ms = fmt.Sprintf("%.2f", s.MatchScore)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%.2f\t%s\t%s\n", s.App.ID, s.App.StartupID, s.App.ThemeID, s.Aggregate.Reviewers, s.Aggregate.Score, ms,
			event.DecisionLabel(s.App.Decision).In(lang))
	}
	return tw.Flush()
}

func progSessions(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	ics := fs.String("ics", "", "write the sessions as one iCalendar file")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	r, err := pc.loadResults(ctx, env, false)
	if err != nil {
		return err
	}
	d := r.Data
	if *ics != "" {
		name := func(f func(string, event.Lang) string) func(string) event.Text {
			return func(id string) event.Text { return event.T(f(id, event.Ja), f(id, event.En)) }
		}
		if err := writeFileAtomic(*ics, func(w *os.File) error {
			return ical.WriteSessions(ctx, w, d.Event, event.T("アクセラレーション", "Acceleration sessions"), d.Sessions,
				ical.SessionNames{Startup: name(r.StartupName), Company: name(r.CompanyName), Theme: name(r.ThemeTitle)}, ical.Options{})
		}); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%d sessions written to %s\n", len(d.Sessions), *ics)
		return nil
	}
	if *asJSON {
		return writeJSON(env.stdout, d.Sessions)
	}
	loc := d.Event.Location()
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	for _, s := range d.Sessions {
		fmt.Fprintf(tw, "%d\t%s\t%s × %s\t#%d\t%s\t%s\t%s\n", s.ID, s.Start.In(loc).Format("2006-01-02 Mon 15:04"), s.StartupID, s.CompanyID, s.Number,
			s.Mode, s.Status, s.Note)
	}
	return tw.Flush()
}

func progOrder(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	r, err := pc.loadResults(ctx, env, false)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.stdout, r.Order)
	}
	lang, loc := pc.language(ctx), r.Data.Event.Location()
	for _, s := range r.Order {
		fmt.Fprintf(env.stdout, "%2d  %s–%s (Q&A %s)  %s  %s\n", s.Order, s.Start.In(loc).Format("15:04"), s.End.In(loc).Format("15:04"),
			s.QAStart.In(loc).Format("15:04"), r.StartupName(s.StartupID, lang), r.CompanyName(s.CompanyID, lang))
		if s.BreakAfter > 0 {
			fmt.Fprintf(env.stdout, "    %s %d min\n", event.T("休憩", "break").In(lang), s.BreakAfter)
		}
	}
	return nil
}

func progResults(ctx context.Context, env *cliEnv, pc *progCtx, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	xlsx := fs.String("xlsx", "", "write the results workbook")
	pdfJa := fs.String("pdf-ja", "", "write the results sheet in Japanese (PDF)")
	pdfEn := fs.String("pdf-en", "", "write the results sheet in English (PDF)")
	if err := pc.open(ctx, fs, args); err != nil {
		return err
	}
	defer pc.close()
	r, err := pc.loadResults(ctx, env, *xlsx != "")
	if err != nil {
		return err
	}
	now := time.Now()
	if *xlsx != "" {
		if err := writeFileAtomic(*xlsx, func(w *os.File) error { return results.WriteXLSX(ctx, w, r, now) }); err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "wrote %s\n", *xlsx)
	}
	for _, p := range []struct {
		path string
		lang event.Lang
	}{{*pdfJa, event.Ja}, {*pdfEn, event.En}} {
		if p.path == "" {
			continue
		}
		if err := writeFileAtomic(p.path, func(w *os.File) error { return results.WritePDF(w, r, p.lang, now) }); err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "wrote %s\n", p.path)
	}
	if *asJSON {
		return writeJSON(env.stdout, struct {
			Pitch    []event.PitchResult `json:"pitch"`
			KPI      results.KPI         `json:"kpi"`
			TieBreak event.Text          `json:"tie_break_rule"`
		}{r.Pitch, r.KPI, event.TieBreakRule})
	}
	lang := pc.language(ctx)
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	for _, p := range r.Pitch {
		mark := ""
		if p.Outstanding {
			mark = "★ " + event.T("優秀企業", "outstanding").In(lang)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2f\t%d judges\texcluded: %s\t%s\n", p.Rank, p.Slot.StartupID, r.StartupName(p.Slot.StartupID, lang), p.Total, p.Judges,
			strings.Join(p.Excluded, ","), mark)
	}
	tw.Flush()
	fmt.Fprintln(env.stdout, event.TieBreakRule.In(lang))
	return nil
}

// writeFileAtomic writes path through a temporary file in the same
// directory renamed into place, so a failed export leaves no half file.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
