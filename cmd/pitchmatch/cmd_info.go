package main

import (
	"context"
	"encoding/json"
	"fmt"
)

func infoCmd() *command {
	return &command{name: "info", summary: "show counts of an event / イベントの件数を表示", run: runInfo}
}

func runInfo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "info", "info --db FILE [--json]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
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
	if ro := st.ReadOnly(); ro != nil {
		fmt.Fprintf(env.stderr, "pitchmatch info: %s\n  %s\n", ro.Message.En, ro.Message.Ja)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	ev, err := st.Event(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s\n%s\n", ev.Name.Ja, ev.Name.En)
	fmt.Fprintf(env.stdout, "startups   スタートアップ  %6d\n", c.Startups)
	fmt.Fprintf(env.stdout, "companies  企業            %6d\n", c.Companies)
	fmt.Fprintf(env.stdout, "themes     テーマ          %6d\n", c.Themes)
	fmt.Fprintf(env.stdout, "interests  応募・リクエスト %6d\n", c.Interests)
	fmt.Fprintf(env.stdout, "slots      枠              %6d\n", c.Slots)
	fmt.Fprintf(env.stdout, "tables     テーブル        %6d\n", c.Tables)
	fmt.Fprintf(env.stdout, "meetings   面談            %6d\n", c.Meetings)
	return nil
}
