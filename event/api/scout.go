package api

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"pitchmatch/event"
)

// ScoutInviteStore is what NewScoutInvite needs; *storage.DB implements it.
type ScoutInviteStore interface {
	Company(ctx context.Context, id string) (*event.Company, error)
	CreateScoutToken(ctx context.Context, t event.Token) error
}

// ScoutContact is where a scout's notifications go: an e-mail address
// (optional; without one the scout gets none) and a language.
type ScoutContact struct {
	Email string
	Lang  event.Lang
}

// NewScoutInvite creates a private link for one scout of a company, valid
// for ttl, in the same form as a startup's (token in the fragment, only its
// hash stored). A company may have several scouts, each with its own links.
func NewScoutInvite(ctx context.Context, store ScoutInviteStore, companyID, scout, baseURL string, ttl time.Duration, contact ...ScoutContact) (string, error) {
	scout = strings.TrimSpace(scout)
	var ct ScoutContact
	if len(contact) > 0 {
		ct = contact[0]
	}
	if ct.Email != "" && !event.ValidEmail(ct.Email) {
		return "", event.Errorf(event.EInvalid, "メールアドレスが正しくありません", "invite: bad e-mail address %q", ct.Email)
	}
	if ct.Lang != "" {
		ct.Lang = event.ParseLang(string(ct.Lang))
	}
	if scout == "" {
		return "", event.Errorf(event.EInvalid, "スカウト名を指定してください", "invite: the scout's name is required")
	}
	if ttl <= 0 {
		return "", event.Errorf(event.EInvalid, "有効期間は正の値にしてください", "invite: expiry must be positive (got %s)", ttl)
	}
	if err := event.CheckPortalURL(baseURL); err != nil {
		return "", err
	}
	u, _ := url.Parse(strings.TrimSpace(baseURL))
	if _, err := store.Company(ctx, companyID); err != nil {
		return "", fmt.Errorf("invite scout of %s: %w", companyID, err)
	}
	return issueLink(u, ttl, func(t event.Token) error {
		t.CompanyID, t.Scout, t.Email, t.Lang = companyID, scout, ct.Email, ct.Lang
		if err := store.CreateScoutToken(ctx, t); err != nil {
			return fmt.Errorf("invite scout of %s: %w", companyID, err)
		}
		return nil
	})
}

// AnyRevokeStore revokes startup and scout tokens.
type AnyRevokeStore interface {
	RevokeToken(ctx context.Context, hash string) error
	RevokeScoutToken(ctx context.Context, hash string) error
}

// RevokeAnyLink revokes a private link whether it is a startup's or a
// scout's, or a judge's when the store has judges' links.
func RevokeAnyLink(ctx context.Context, store AnyRevokeStore, link string) error {
	raw := TokenFromLink(link)
	if raw == "" {
		return event.Errorf(event.EInvalid, "リンクが空です", "revoke: empty link")
	}
	h := HashToken(raw)
	err := store.RevokeToken(ctx, h)
	if event.ErrorCode(err) == event.ENotFound {
		err = store.RevokeScoutToken(ctx, h)
	}
	if js, ok := store.(interface {
		RevokeJudgeToken(ctx context.Context, hash string) error
	}); ok && event.ErrorCode(err) == event.ENotFound {
		err = js.RevokeJudgeToken(ctx, h) // a judge's link (NewJudgeInvite)
	}
	if err != nil {
		return fmt.Errorf("revoke link: %w", err)
	}
	return nil
}
