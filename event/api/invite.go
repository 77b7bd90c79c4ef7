package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"pitchmatch/event"
)

// TokenBytes is the number of random bytes in a private-link token (256 bits).
const TokenBytes = 32

// InviteStore is what NewInvite needs of the store; *storage.DB implements it.
type InviteStore interface {
	Startup(ctx context.Context, id string) (*event.Startup, error)
	CreateToken(ctx context.Context, t event.Token) error
}

// NewToken returns a fresh random token (URL-safe base64, no padding) and
// the hash under which it is stored. The raw token is never stored.
func NewToken() (raw, hash string, err error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("token: %w", err)
	}
	raw = base64.RawURLEncoding.EncodeToString(b)
	return raw, HashToken(raw), nil
}

// HashToken is the stored form of a raw token: hex SHA-256. Tokens carry 256
// random bits, so a plain (unsalted, fast) hash is enough: the hash cannot be
// reversed and a leaked database does not give working links.
func HashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// NewInvite creates a private link for the startup, valid for ttl. The link is
// baseURL with the token in the fragment ("#t=..."), so browsers never send it
// to the server in the request line or the Referer; the portal moves it into
// an Authorization header. Only the token's hash is stored.
func NewInvite(ctx context.Context, store InviteStore, startupID, baseURL string, ttl time.Duration) (link string, err error) {
	if ttl <= 0 {
		return "", event.Errorf(event.EInvalid, "有効期間は正の値にしてください", "invite: expiry must be positive (got %s)", ttl)
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", event.Errorf(event.EInvalid, "URLは http:// または https:// で始めてください", "invite: base URL %q must be an absolute http(s) URL", baseURL)
	}
	if _, err := store.Startup(ctx, startupID); err != nil {
		return "", fmt.Errorf("invite %s: %w", startupID, err)
	}
	return issueLink(u, ttl, func(t event.Token) error {
		t.StartupID = startupID
		if err := store.CreateToken(ctx, t); err != nil {
			return fmt.Errorf("invite %s: %w", startupID, err)
		}
		return nil
	})
}

// issueLink makes a new token valid for ttl from now, has save store it
// (save fills in whom it is for; only the hash is in the token) and
// returns the private link: base with the raw token in the fragment. Every
// role's invite ends here.
func issueLink(base *url.URL, ttl time.Duration, save func(event.Token) error) (string, error) {
	raw, hash, err := NewToken()
	if err != nil {
		return "", err
	}
	now := time.Now().UTC().Truncate(time.Second)
	if err := save(event.Token{Hash: hash, CreatedAt: now, ExpiresAt: now.Add(ttl)}); err != nil {
		return "", err
	}
	u := *base
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String() + "#t=" + raw, nil
}

// TokenFromLink extracts the raw token from a private link, or returns s
// itself when it is already a bare token.
func TokenFromLink(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "#"); i >= 0 {
		frag := s[i+1:]
		if v, err := url.ParseQuery(frag); err == nil && v.Get("t") != "" {
			return v.Get("t")
		}
		return strings.TrimPrefix(frag, "t=")
	}
	return s
}

// ParseTTL parses an expiry such as "30d", "12h", "90m" or "2w"; days and
// weeks are added to Go's time.ParseDuration units.
func ParseTTL(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty expiry")
	}
	tooLong := fmt.Errorf("expiry %q is longer than the longest a private link may work (%d days); links for a later event are made nearer the time", s, MaxTTL/(24*time.Hour))
	unit := s[len(s)-1]
	if unit == 'd' || unit == 'w' {
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil || n <= 0 {
			var ne *strconv.NumError
			if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
				return 0, tooLong
			}
			return 0, fmt.Errorf("bad expiry %q: want e.g. 30d, 2w, 12h", s)
		}
		days := int64(n)
		if unit == 'w' {
			days *= 7
		}
		if days > int64(MaxTTL/(24*time.Hour)) { // before multiplying: no overflow
			return 0, tooLong
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil && strings.Contains(err.Error(), "invalid duration") && len(s) > 15 {
		return 0, tooLong
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("bad expiry %q: want e.g. 30d, 2w, 12h", s)
	}
	if d > MaxTTL {
		return 0, tooLong
	}
	return d, nil
}

// MaxTTL is the longest a private link may work: a year and a day.
const MaxTTL = 366 * 24 * time.Hour

// RevokeStore is what RevokeLink needs of the store; *storage.DB implements it.
type RevokeStore interface {
	RevokeToken(ctx context.Context, hash string) error
}

// RevokeLink revokes one private link (or bare token): it stops working at
// once. Revoking every link of a startup is the store's RevokeStartupTokens.
func RevokeLink(ctx context.Context, store RevokeStore, link string) error {
	raw := TokenFromLink(link)
	if raw == "" {
		return event.Errorf(event.EInvalid, "リンクが空です", "revoke: empty link")
	}
	if err := store.RevokeToken(ctx, HashToken(raw)); err != nil {
		return fmt.Errorf("revoke link: %w", err)
	}
	return nil
}
