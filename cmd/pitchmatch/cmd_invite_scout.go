package main

import (
	"context"
	"fmt"
	"time"

	"pitchmatch/event/api"
	"pitchmatch/storage"
)

// portalBase is the address private links point to: the flag, else the
// event's portal URL setting, else the local server.
func portalBase(ctx context.Context, store *storage.DB, flag string) string {
	if flag != "" {
		return flag
	}
	if ev, err := store.Event(ctx); err == nil && ev.PortalURL != "" {
		return ev.PortalURL
	}
	return "http://127.0.0.1:8080/"
}

// scoutInvite creates, lists or revokes a company scout's links.
func scoutInvite(ctx context.Context, env *cliEnv, store *storage.DB, company, scout, base string, ttl time.Duration, list, revokeAll bool, contact api.ScoutContact) error {
	switch {
	case revokeAll:
		n, err := store.RevokeScoutTokens(ctx, company, scout)
		if err != nil {
			return fmt.Errorf("revoke scout links of %s: %w", company, err)
		}
		who := "every scout"
		if scout != "" {
			who = scout
		}
		fmt.Fprintf(env.stdout, "revoked %d links of %s (%s)\n", n, company, who)
		return nil
	case list:
		toks, err := store.ScoutTokens(ctx, company)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, t := range toks {
			if scout != "" && t.Scout != scout {
				continue
			}
			state := "active"
			switch {
			case t.Revoked:
				state = "revoked"
			case !now.Before(t.ExpiresAt):
				state = "expired"
			}
			fmt.Fprintf(env.stdout, "%s…  %s  created %s  expires %s  %s\n", t.Hash[:12], t.Scout,
				t.CreatedAt.Local().Format("2006-01-02 15:04"), t.ExpiresAt.Local().Format("2006-01-02 15:04"), state)
		}
		return nil
	}
	link, err := api.NewScoutInvite(ctx, store, company, scout, portalBase(ctx, store, base), ttl, contact)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, link)
	return nil
}
