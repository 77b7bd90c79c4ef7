package main

import (
	"context"
	"fmt"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func inviteCmd() *command {
	return &command{name: "invite", summary: "create, list or revoke the private portal links of a startup or a company scout", run: runInvite}
}

func runInvite(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "invite", "invite --db FILE (--startup ID | --company ID --scout NAME | --judge ID) [--base-url URL] [--expires 30d] [--list] [--revoke LINK] [--revoke-all]")
	db := dbFlag(fs)
	id := fs.String("startup", "", "startup ID the link is for")
	company := fs.String("company", "", "company ID of the scout the link is for (with --scout)")
	scout := fs.String("scout", "", "the scout's name: one link per scout, several scouts per company")
	judge := fs.String("judge", "", "final-pitch judge ID the link is for (add the judge first: programme judge)")
	email := fs.String("email", "", "the scout's e-mail address for notifications (with --scout)")
	lang := fs.String("lang", "", "the scout's language for notifications: ja or en (with --scout)")
	base := fs.String("base-url", "", "portal address the link points to (default: the event's portal URL, else http://127.0.0.1:8080/)")
	expires := fs.String("expires", "30d", "how long the link works: e.g. 30d, 2w, 12h")
	list := fs.Bool("list", false, "list the startup's links (created, expiry, revoked) instead of creating one")
	revoke := fs.String("revoke", "", "revoke this link (or bare token) instead of creating one")
	revokeAll := fs.Bool("revoke-all", false, "revoke every link of the startup instead of creating one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if (*company != "" && *id != "") || (*judge != "" && (*id != "" || *company != "")) {
		return usagef("give one of --startup, --company or --judge")
	}
	if *id == "" && *company == "" && *judge == "" && *revoke == "" {
		return usagef("--startup, --company (with --scout) or --judge is required")
	}
	if *company != "" && *scout == "" && !*list && !*revokeAll && *revoke == "" {
		return usagef("--scout NAME is required with --company")
	}
	ttl, err := api.ParseTTL(*expires)
	if err != nil {
		return usagef("--expires: %v", err)
	}
	store, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	if *judge != "" && *revoke == "" {
		return judgeInvite(ctx, env, store, *judge, *base, ttl, *list, *revokeAll)
	}
	if *company != "" && *revoke == "" {
		return scoutInvite(ctx, env, store, *company, *scout, *base, ttl, *list, *revokeAll, api.ScoutContact{Email: *email, Lang: event.Lang(*lang)})
	}
	switch {
	case *revoke != "":
		if err := api.RevokeAnyLink(ctx, store, *revoke); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "revoked")
		return nil
	case *revokeAll:
		if err := store.RevokeStartupTokens(ctx, *id); err != nil {
			return fmt.Errorf("revoke %s: %w", *id, err)
		}
		fmt.Fprintf(env.stdout, "revoked every link of %s\n", *id)
		return nil
	case *list:
		toks, err := store.Tokens(ctx, *id)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, t := range toks {
			state := "active"
			switch {
			case t.Revoked:
				state = "revoked"
			case !now.Before(t.ExpiresAt):
				state = "expired"
			}
			// The hash prefix identifies a link without revealing it.
			fmt.Fprintf(env.stdout, "%s…  created %s  expires %s  %s\n", t.Hash[:12],
				t.CreatedAt.Local().Format("2006-01-02 15:04"), t.ExpiresAt.Local().Format("2006-01-02 15:04"), state)
		}
		return nil
	}
	link, err := api.NewInvite(ctx, store, *id, portalBase(ctx, store, *base), ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, link)
	return nil
}
