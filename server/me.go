package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
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
	err = s.write(ctx, func() error {
		err := s.store.SaveStartup(ctx, "startup:"+p.startupID, &out)
		var ce *event.ConflictError
		if body.Base == nil || !errors.As(err, &ce) {
			return err
		}
		cur, cerr := s.store.Startup(ctx, p.startupID)
		if cerr != nil {
			return err
		}
		base := *body.Base
		base.ID = p.startupID
		res, merr := event.Merge(event.EntityStartup, &base, &out, cur)
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
		out = *merged
		return s.store.SaveStartup(ctx, "startup:"+p.startupID, &out)
	})
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

// MaxInterests caps the theme IDs in one interests update.
const MaxInterests = 1000

func (s *Server) loadInterests(ctx context.Context, startupID string) (api.Interests, error) {
	all, err := s.store.InterestsOf(ctx, event.KindStartup, startupID)
	if err != nil {
		return api.Interests{}, err
	}
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
	return out, nil
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

// storeInterests writes the startup's whole set of statements.
func (s *Server) storeInterests(ctx context.Context, startupID string, byID map[string]*event.Theme, apply, noThanks []string) error {
	var list []event.Interest
	for _, id := range apply {
		list = append(list, event.Interest{Kind: event.InterestApply, StartupID: startupID, CompanyID: byID[id].CompanyID, ThemeID: id, By: event.KindStartup})
	}
	for _, id := range noThanks {
		list = append(list, event.Interest{Kind: event.InterestNoThanks, StartupID: startupID, CompanyID: byID[id].CompanyID, ThemeID: id, By: event.KindStartup})
	}
	return s.store.SetStartupInterests(ctx, "startup:"+startupID, startupID, list)
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
	err = s.write(ctx, func() error {
		cur, err := s.loadInterests(ctx, p.startupID)
		if err != nil {
			return err
		}
		if cur.Version != body.Version {
			return &event.ConflictError{Entity: "interests", ID: p.startupID, Current: cur}
		}
		return s.storeInterests(ctx, p.startupID, byID, body.Apply, body.NoThanks)
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
	byID, err := s.themesByID(ctx)
	if err != nil {
		return err
	}
	if byID[themeID] == nil {
		return event.NotFound("theme", themeID)
	}
	switch body.State {
	case api.InterestApply, api.InterestNoThanks, api.InterestNone:
	default:
		return &event.ValidationError{Entity: "interest", ID: themeID, Errors: []event.FieldError{{Field: "state", Code: event.FieldUnknown,
			Message: event.T("apply、no_thanks、none のいずれかです", "must be apply, no_thanks or none")}}}
	}
	var out api.Interests
	err = s.write(ctx, func() error {
		cur, err := s.loadInterests(ctx, p.startupID)
		if err != nil {
			return err
		}
		drop := func(id string) bool { return id == themeID }
		apply := slices.DeleteFunc(slices.Clone(cur.Apply), drop)
		noThanks := slices.DeleteFunc(slices.Clone(cur.NoThanks), drop)
		switch body.State {
		case api.InterestApply:
			apply = append(apply, themeID)
		case api.InterestNoThanks:
			noThanks = append(noThanks, themeID)
		}
		if len(apply)+len(noThanks) > MaxInterests {
			return &event.ValidationError{Entity: "interests", ID: p.startupID, Errors: []event.FieldError{{Field: "state", Code: event.FieldTooLong,
				Message: event.T(fmt.Sprintf("%d件以内にしてください", MaxInterests), fmt.Sprintf("at most %d themes in all", MaxInterests))}}}
		}
		sort.Strings(apply)
		sort.Strings(noThanks)
		out = api.Interests{Apply: apply, NoThanks: noThanks, Version: api.InterestsVersion(apply, noThanks)}
		if out.Version == cur.Version {
			return nil // already so
		}
		return s.storeInterests(ctx, p.startupID, byID, apply, noThanks)
	})
	if err != nil {
		return err
	}
	if out.Apply == nil {
		out.Apply = []string{}
	}
	if out.NoThanks == nil {
		out.NoThanks = []string{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
