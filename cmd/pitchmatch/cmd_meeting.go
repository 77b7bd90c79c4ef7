package main

import (
	"context"
	"fmt"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/kpi"
	"pitchmatch/storage"
)

func meetingCmd() *command {
	return &command{name: "meeting", summary: "the organizer's life-cycle steps on a meeting (confirm, held, no-show, cancel) / 面談の確定・実施・不参加・キャンセル", run: runMeeting}
}

func runMeeting(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "meeting", "meeting --db FILE (--id N (--confirm | --held | --no-show | --cancel) | --confirm-agreed)")
	db := dbFlag(fs)
	id := fs.Int64("id", 0, "meeting ID")
	confirm := fs.Bool("confirm", false, "confirm the meeting")
	held := fs.Bool("held", false, "mark it held")
	noShow := fs.Bool("no-show", false, "mark it a no-show")
	cancel := fs.Bool("cancel", false, "cancel it (the pair stays out of later schedules only if also locked)")
	agreed := fs.Bool("confirm-agreed", false, "confirm every proposed meeting whose pair both sides asked for (an accepted request or a screened-in application)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	var acts []event.MeetingAction
	for _, c := range []struct {
		on  bool
		act event.MeetingAction
	}{{*confirm, event.ActConfirm}, {*held, event.ActHeld}, {*noShow, event.ActNoShow}, {*cancel, event.ActCancel}} {
		if c.on {
			acts = append(acts, c.act)
		}
	}
	switch {
	case *agreed && (len(acts) > 0 || *id != 0):
		return usagef("--confirm-agreed takes no --id or step")
	case !*agreed && (len(acts) != 1 || *id <= 0):
		return usagef("give --id N and exactly one of --confirm, --held, --no-show, --cancel (or --confirm-agreed)")
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *agreed {
		n, err := confirmAgreed(ctx, st)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "confirmed %d meetings / %d件の面談を確定しました\n", n, n)
		return nil
	}
	m, err := st.ActOnMeeting(ctx, "organizer", storage.MeetingStep{ID: *id, By: event.KindOrganizer, Action: acts[0]})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "meeting %d: %s (%s–%s, slot %d, table %d)\n", m.ID, m.Status, m.StartupID, m.CompanyID, m.Slot, m.Table+1)
	return nil
}

// confirmAgreed confirms the proposed meetings of pairs where both sides
// asked: a must-meet from one side answering the other's request or
// application, or a request and an application.
func confirmAgreed(ctx context.Context, st *storage.DB) (int, error) {
	b, err := st.Snapshot(ctx)
	if err != nil {
		return 0, err
	}
	asked := map[event.PairKey]map[event.ParticipantKind]bool{}
	for _, in := range b.Interests {
		switch in.Kind {
		case event.InterestRequest, event.InterestApply, event.InterestMustMeet:
		default:
			continue
		}
		k := event.PairKey{StartupID: in.StartupID, CompanyID: in.CompanyID}
		if asked[k] == nil {
			asked[k] = map[event.ParticipantKind]bool{}
		}
		asked[k][in.By] = true
	}
	n := 0
	for _, m := range b.Meetings {
		a := asked[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}]
		if m.Status != event.StatusProposed || !a[event.KindStartup] || !a[event.KindCompany] {
			continue
		}
		if _, err := st.ActOnMeeting(ctx, "organizer", storage.MeetingStep{ID: m.ID, By: event.KindOrganizer, Action: event.ActConfirm, Version: m.Version}); err != nil {
			return n, fmt.Errorf("confirm meeting %d: %w", m.ID, err)
		}
		n++
	}
	return n, nil
}

func kpiCmd() *command {
	return &command{name: "kpi", summary: "the KPI report's figures (deals counted by the one definition) / KPIの数値", run: runKPI}
}

func runKPI(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "kpi", "kpi --db FILE [--json]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the whole report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	rep, err := kpi.Compute(ctx, &docs.Data{Event: b.Event, Startups: b.Startups, Companies: b.Companies, Themes: b.Themes,
		Interests: b.Interests, Meetings: b.Meetings})
	if err != nil {
		return err
	}
	if err := kpi.AddProgramme(ctx, rep, st); err != nil {
		return err
	}
	if *asJSON {
		return kpi.WriteJSON(env.stdout, rep)
	}
	for _, k := range kpi.CountKeys() {
		l := kpi.Label(k)
		fmt.Fprintf(env.stdout, "%-28s %8s\n", l.Ja+" / "+l.En, kpi.FormatInt(rep.Totals.Get(k)))
	}
	if rep.Programme != nil {
		writeProgrammeKPI(env.stdout, rep.Programme)
	}
	return nil
}
