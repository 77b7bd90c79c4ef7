package main

import (
	"context"
	"errors"
	"fmt"

	"pitchmatch/event"
)

func deleteCmd() *command {
	return &command{name: "delete", summary: "delete a startup, company or theme / スタートアップ・企業・テーマの削除", run: runDelete}
}

// runDelete deletes one startup, company or theme. What depends on it
// (interests, meetings, a company's themes) is listed, and the delete is
// refused unless --yes confirms it.
func runDelete(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "delete", "delete --db FILE [--yes] [--lang ja|en] startup|company|theme ID")
	db := dbFlag(fs)
	yes := fs.Bool("yes", false, "delete what depends on the record (interests, meetings, themes) with it")
	langFlag := fs.String("lang", "", "language of messages: ja or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("delete takes a kind (startup, company or theme) and an ID")
	}
	lang := event.ParseLang(*langFlag)
	if *langFlag == "" {
		lang = event.ParseLang(env.getenv("LANG"))
	}
	var entity string
	switch fs.Arg(0) {
	case "startup", "startups", "スタートアップ":
		entity = event.EntityStartup
	case "company", "companies", "企業":
		entity = event.EntityCompany
	case "theme", "themes", "テーマ":
		entity = event.EntityTheme
	default:
		return usagef("delete: %q is not startup, company or theme", fs.Arg(0))
	}
	id := fs.Arg(1)
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.DeleteRecord(ctx, "cli", entity, id, *yes)
	if err != nil {
		return errors.New(event.ErrorMessage(err, lang))
	}
	with := d.Text().In(lang)
	switch {
	case lang == event.Ja && with != "":
		fmt.Fprintf(env.stdout, "%s %s を削除しました（一緒に削除: %s）\n", entity, id, with)
	case lang == event.Ja:
		fmt.Fprintf(env.stdout, "%s %s を削除しました\n", entity, id)
	case with != "":
		fmt.Fprintf(env.stdout, "deleted %s %s (with %s)\n", entity, id, with)
	default:
		fmt.Fprintf(env.stdout, "deleted %s %s\n", entity, id)
	}
	return nil
}
