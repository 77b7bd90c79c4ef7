package main

import (
	"context"
	"fmt"

	"pitchmatch/storage"
)

func checkCmd() *command {
	return &command{name: "check", summary: "check an event file's integrity / ファイルの整合性を検査", run: runCheck}
}

func runCheck(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "check", "check --db FILE")
	db := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := requireFile(*db); err != nil {
		return err
	}
	if err := storage.Check(ctx, *db); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: ok (integrity and foreign keys) / 問題ありません\n", *db)
	return nil
}
