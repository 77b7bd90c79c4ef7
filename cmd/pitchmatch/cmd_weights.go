package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/matching"
)

func weightsCmd() *command {
	return &command{name: "weights", summary: "fit the event's weights to scouts' decisions, show or revert them / 重みの学習", run: runWeights}
}

func runWeights(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "weights", "weights --db FILE [fit | show | revert] [--json] [--lang ja|en]\n\n"+
		"fit:    fit the weights to the scouts' shortlists, requests and no-thanks and the meeting outcomes\n"+
		"        (pairwise logistic, regularised toward the defaults, 5-fold cross-validated); they are\n"+
		"        applied only when they rank held-out decisions better, and the reason is printed.\n"+
		"show:   the weights in use, the defaults and the last fit (the default action).\n"+
		"revert: go back to the weights in use before the applied fit.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "", "language: ja or en (default: the event's)")
	action := "show"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		action, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
	case 1:
		if action != "show" {
			return usagef("unexpected argument %q", fs.Arg(0))
		}
		action = fs.Arg(0)
	default:
		return usagef("unexpected argument %q", fs.Arg(1))
	}
	if action != "fit" && action != "show" && action != "revert" {
		return usagef("unknown action %q: fit, show or revert", action)
	}
	if *lang != "" && *lang != "ja" && *lang != "en" {
		return usagef("--lang must be ja or en")
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	in, ev, err := loadMatchingInput(ctx, st, env)
	if err != nil {
		return err
	}
	l := event.Lang(*lang)
	if l == "" {
		l = ev.DefaultLanguage
	}
	if l == "" {
		l = event.Ja
	}
	var fit *matching.WeightFit
	switch action {
	case "fit":
		m, err := matching.Prepare(ctx, in)
		if err != nil {
			return err
		}
		meetings, err := st.Meetings(ctx)
		if err != nil {
			return fmt.Errorf("read meetings: %w", err)
		}
		fit, err = m.FitWeights(ctx, m.Decisions(in.Interests, meetings))
		if err != nil {
			return err
		}
		matching.RecordWeightFit(ev, fit, time.Now().UTC())
		if err := st.SaveEvent(ctx, "cli", ev); err != nil {
			return fmt.Errorf("save the fitted weights: %w", err)
		}
	case "revert":
		if !matching.RevertWeights(ev) {
			return fmt.Errorf("%s", event.T("学習した重みは使われていません", "no fitted weights are in use").In(l))
		}
		if err := st.SaveEvent(ctx, "cli", ev); err != nil {
			return fmt.Errorf("save the reverted weights: %w", err)
		}
	}
	m, err := matching.Prepare(ctx, matching.Input{Event: ev})
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.stdout).Encode(struct {
			Weights  map[string]float64  `json:"weights"`
			Defaults map[string]float64  `json:"defaults"`
			Fit      *matching.WeightFit `json:"fit,omitempty"`
			Record   *event.WeightFit    `json:"record,omitempty"`
		}{m.Weights(), matching.DefaultWeights(), fit, ev.WeightFit})
	}
	printWeights(env.stdout, m.Weights(), ev.WeightFit, fit, l)
	return nil
}

func printWeights(w io.Writer, inUse map[string]float64, rec *event.WeightFit, fit *matching.WeightFit, l event.Lang) {
	def := matching.DefaultWeights()
	t := func(ja, en string) string { return event.T(ja, en).In(l) }
	fmt.Fprintf(w, "%-24s %8s %8s\n", t("特徴量", "feature"), t("使用中", "in use"), t("既定", "default"))
	for _, n := range matching.FeatureNames() {
		fmt.Fprintf(w, "%-24s %8.3f %8.3f\n", matching.FeatureLabel(n).In(l), inUse[n], def[n])
	}
	if fit != nil {
		fmt.Fprintf(w, "\n%s: %s\n", t("今回の学習", "this fit"), fit.Reason.In(l))
	}
	if rec != nil {
		state := t("適用せず", "not applied")
		if rec.Applied {
			state = t("適用中（revert で戻せます）", "applied (revert goes back)")
		}
		fmt.Fprintf(w, "%s %s: %s, %s %d\n", t("最後の学習", "last fit"), rec.At.Format(time.RFC3339), state, t("判断", "decisions"), rec.Decisions)
		if rec.AccuracyBefore > 0 {
			fmt.Fprintf(w, "  %s %.1f%% → %.1f%%, NDCG %.3f → %.3f\n", t("検証での正答率", "held-out pairs right"),
				100*rec.AccuracyBefore, 100*rec.AccuracyAfter, rec.NDCGBefore, rec.NDCGAfter)
		}
	}
}
