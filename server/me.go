package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// putMe replaces the startup's profile: every field the startup may edit
// must be in the body (api.StartupBody), so a client that leaves one out
// gets a 422 naming it instead of a silent clear.
func (s *Server) putMe(w http.ResponseWriter, r *http.Request, p principal) error {
	return s.updateMe(w, r, p, true)
}

// patchMe changes only the fields the body names.
func (s *Server) patchMe(w http.ResponseWriter, r *http.Request, p principal) error {
	return s.updateMe(w, r, p, false)
}

func forbiddenField(name string) error {
	return &fieldError{field: name, err: &event.Error{Code: event.EForbidden, Message: event.T(
		fmt.Sprintf("「%s」は事務局だけが変更できます", name),
		fmt.Sprintf("%s is set by the organizer and cannot be changed here", name))}}
}

func (s *Server) updateMe(w http.ResponseWriter, r *http.Request, p principal, full bool) error {
	ctx := r.Context()
	var body struct {
		event.Startup
		// Base is optional: the record as the client loaded it. With it, a
		// stale version is merged three-way on the server (event.Merge)
		// instead of refused, and only a field changed on both sides is a
		// 409.
		Base *event.Startup `json:"base"`
	}
	keys, err := decodeJSONKeys(http.MaxBytesReader(w, r.Body, s.maxBody), s.maxBody, &body)
	if err != nil {
		return err
	}
	delete(keys, "base")
	in := body.Startup
	if in.ID != "" && in.ID != p.startupID {
		return errOther
	}
	if !keys["version"] || in.Version <= 0 {
		return &event.ValidationError{Entity: "startup", ID: p.startupID, Errors: []event.FieldError{{
			Field: "version", Code: event.FieldRequired,
			Message: event.T("更新には読み込んだ版番号が必要です", "is required: send the version you loaded"),
		}}}
	}
	cur, err := s.store.Startup(ctx, p.startupID)
	if err != nil {
		return err
	}
	fs := event.StartupFields()
	var missing []event.FieldError
	out := *cur
	for i := range fs {
		f := &fs[i]
		switch {
		case !f.EditableBy(event.EditorStartup):
			// Organizer-owned (id, max_meetings): an echo of the stored
			// value is harmless; a change is refused.
			if keys[f.Name] && !f.Equal(&in, cur) {
				return forbiddenField(f.Name)
			}
		case keys[f.Name]:
			f.Copy(&out, &in)
		case full:
			missing = append(missing, event.FieldError{Field: f.Name, Code: event.FieldRequired, Message: event.T(
				"送信されていません（PUT はプロフィール全体を置き換えます。空の項目も送るか、PATCH で変更する項目だけを送ってください）",
				"was not sent: a PUT replaces the whole profile, so send every field (empty ones too), or PATCH only the fields you change")})
		}
	}
	if len(missing) > 0 {
		return &event.ValidationError{Entity: "startup", ID: p.startupID, Errors: missing}
	}
	out.ID = p.startupID
	out.Version = in.Version
	out.UpdatedAt = time.Time{}
	if err := out.Validate(); err != nil {
		return err
	}
	err = s.saveMerging(ctx, p.startupID, &out, body.Base)
	if err != nil {
		var ce *event.ConflictError
		if errors.As(err, &ce) && ce.Current == nil {
			if cur, cerr := s.store.Startup(ctx, p.startupID); cerr == nil {
				ce.Current = cur
			}
		}
		return err
	}
	writeJSON(w, http.StatusOK, api.StartupJSON(&out))
	return nil
}

// mergeAttempts bounds saveMerging's retries when the record keeps
// changing between its merge and its save.
const mergeAttempts = 3

// saveMerging saves the startup's profile out (carrying the version its
// client read). When that version is stale and the client sent the record
// as it loaded it (base), the save is merged three-way with the stored
// record (event.Merge) and saved again with the stored version — which
// storage checks, so an edit stored in between is never overwritten: the
// merge is redone on it. Only a field changed on both sides is a conflict.
func (s *Server) saveMerging(ctx context.Context, startupID string, out *event.Startup, base *event.Startup) error {
	actor := "startup:" + startupID
	err := s.store.SaveStartup(ctx, actor, out)
	for attempt := 1; attempt < mergeAttempts; attempt++ {
		var ce *event.ConflictError
		if base == nil || !errors.As(err, &ce) {
			return err
		}
		cur, cerr := s.store.Startup(ctx, startupID)
		if cerr != nil {
			return err
		}
		b := *base
		b.ID = startupID
		res, merr := event.Merge(event.EntityStartup, &b, out, cur)
		if merr != nil {
			return err
		}
		if len(res.Conflicts) > 0 {
			ce.Current = cur
			return err
		}
		merged := res.Record
		if verr := merged.Validate(); verr != nil {
			return verr
		}
		*out = *merged
		err = s.store.SaveStartup(ctx, actor, out)
	}
	return err
}

// MaxInterests caps the theme IDs in one interests update.
const MaxInterests = 1000

func (s *Server) loadInterests(ctx context.Context, startupID string) (api.Interests, error) {
	all, err := s.store.InterestsOf(ctx, event.KindStartup, startupID)
	if err != nil {
		return api.Interests{}, err
	}
	return interestsBody(all, startupID), nil
}

// interestsBody is the startup's own statements among all as the API
// sends them, with the set's version.
func interestsBody(all []event.Interest, startupID string) api.Interests {
	out := api.Interests{Apply: []string{}, NoThanks: []string{}}
	for _, in := range all {
		if in.StartupID != startupID || in.By != event.KindStartup || in.ThemeID == "" {
			continue
		}
		switch in.Kind {
		case event.InterestApply:
			out.Apply = append(out.Apply, in.ThemeID)
		case event.InterestNoThanks:
			out.NoThanks = append(out.NoThanks, in.ThemeID)
		}
	}
	sort.Strings(out.Apply)
	sort.Strings(out.NoThanks)
	out.Version = api.InterestsVersion(out.Apply, out.NoThanks)
	return out
}

func (s *Server) getInterests(w http.ResponseWriter, r *http.Request, p principal) error {
	in, err := s.loadInterests(r.Context(), p.startupID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, in)
	return nil
}

func (s *Server) themesByID(ctx context.Context) (map[string]*event.Theme, error) {
	themes, err := s.store.Themes(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*event.Theme, len(themes))
	for _, t := range themes {
		byID[t.ID] = t
	}
	return byID, nil
}

// statements is the startup's whole set of statements to store.
func statements(startupID string, apply, noThanks []string) []event.Interest {
	var list []event.Interest
	for _, id := range apply {
		list = append(list, event.Interest{Kind: event.InterestApply, StartupID: startupID, ThemeID: id, By: event.KindStartup})
	}
	for _, id := range noThanks {
		list = append(list, event.Interest{Kind: event.InterestNoThanks, StartupID: startupID, ThemeID: id, By: event.KindStartup})
	}
	return list
}

// putInterests replaces the whole set; it must carry the version it read,
// so a tab holding an old list cannot erase what another tab added.
func (s *Server) putInterests(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	var body api.Interests
	if err := decodeJSON(http.MaxBytesReader(w, r.Body, s.maxBody), s.maxBody, &body); err != nil {
		return err
	}
	byID, err := s.themesByID(ctx)
	if err != nil {
		return err
	}
	var fe []event.FieldError
	if len(body.Apply)+len(body.NoThanks) > MaxInterests {
		fe = append(fe, event.FieldError{Field: "apply", Code: event.FieldTooLong,
			Message: event.T(fmt.Sprintf("%d件以内にしてください", MaxInterests), fmt.Sprintf("must have at most %d entries in all", MaxInterests))})
	}
	seen := map[string]bool{}
	check := func(field string, ids []string) {
		for i, id := range ids {
			f := fmt.Sprintf("%s[%d]", field, i)
			switch {
			case byID[id] == nil:
				fe = append(fe, event.FieldError{Field: f, Code: event.FieldUnknown,
					Message: event.T(fmt.Sprintf("テーマ「%s」はありません", id), fmt.Sprintf("no theme %q", id))})
			case seen[id]:
				fe = append(fe, event.FieldError{Field: f, Code: event.FieldDup,
					Message: event.T(fmt.Sprintf("テーマ「%s」が重複しています", id), fmt.Sprintf("theme %q is listed twice", id))})
			}
			seen[id] = true
		}
	}
	if len(fe) == 0 {
		check("apply", body.Apply)
		check("no_thanks", body.NoThanks)
	}
	if body.Version == "" {
		fe = append(fe, event.FieldError{Field: "version", Code: event.FieldRequired, Message: event.T(
			"読み込んだ版（version）が必要です。1件ずつの変更は PUT "+api.PathInterests+"/{テーマID} を使ってください",
			"is required: send the version you read, or change one theme at a time with PUT "+api.PathInterests+"/{theme}")})
	}
	if len(fe) > 0 {
		return &event.ValidationError{Entity: "interests", ID: p.startupID, Errors: fe}
	}
	// The version is compared with the set as stored in the write's own
	// transaction: a tick stored meanwhile by another tab, the desktop or
	// another process makes this a 409, never an erased tick.
	err = s.store.SetStartupInterestsIf(ctx, "startup:"+p.startupID, p.startupID, statements(p.startupID, body.Apply, body.NoThanks),
		func(stored []event.Interest) error {
			if cur := interestsBody(stored, p.startupID); cur.Version != body.Version {
				return &event.ConflictError{Entity: "interests", ID: p.startupID, Current: cur}
			}
			return nil
		})
	if err != nil {
		return err
	}
	return s.getInterests(w, r, p)
}

// putInterest sets one theme's statement (apply, no_thanks or none),
// leaving every other theme as stored.
func (s *Server) putInterest(w http.ResponseWriter, r *http.Request, p principal) error {
	ctx := r.Context()
	var body api.InterestItem
	if err := decodeJSON(http.MaxBytesReader(w, r.Body, s.maxBody), s.maxBody, &body); err != nil {
		return err
	}
	themeID := r.PathValue("theme")
	if _, err := s.store.Theme(ctx, themeID); err != nil {
		return err
	}
	var kind event.InterestKind
	switch body.State {
	case api.InterestApply:
		kind = event.InterestApply
	case api.InterestNoThanks:
		kind = event.InterestNoThanks
	case api.InterestNone:
	default:
		return &event.ValidationError{Entity: "interest", ID: themeID, Errors: []event.FieldError{{Field: "state", Code: event.FieldUnknown,
			Message: event.T("apply、no_thanks、none のいずれかです", "must be apply, no_thanks or none")}}}
	}
	// One storage transaction reads the startup's statements, changes this
	// theme's and nothing else, so statements stored at the same moment by
	// another request or program are kept.
	stored, err := s.store.SetStartupInterest(ctx, "startup:"+p.startupID, p.startupID, themeID, kind, MaxInterests)
	var ve *event.ValidationError
	if errors.As(err, &ve) {
		for k := range ve.Errors {
			if ve.Errors[k].Field == "kind" {
				ve.Errors[k].Field = "state" // the body's name for it
			}
		}
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, interestsBody(stored, p.startupID))
	return nil
}
