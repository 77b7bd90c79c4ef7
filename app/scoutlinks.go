package app

import (
	"context"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// scoutLinkMessages are the texts of the scout-links dialog (merged into
// messages by init, like dayMessages).
var scoutLinkMessages = map[string]event.Text{
	"sl.button":        {Ja: "スカウト用リンク", En: "Scout links"},
	"sl.title":         {Ja: "スカウト用リンク: %s", En: "Scout links: %s"},
	"sl.portal_url":    {Ja: "ポータルの公開URL", En: "Portal public URL"},
	"sl.portal_hint":   {Ja: "発行するリンクはこのアドレスを指します（イベント設定に保存されます）", En: "Links point to this address (saved in the event settings)"},
	"sl.save_url":      {Ja: "URLを保存", En: "Save URL"},
	"sl.url_saved":     {Ja: "ポータルの公開URLを保存しました", En: "Portal public URL saved"},
	"sl.scout":         {Ja: "スカウト名", En: "Scout name"},
	"sl.email":         {Ja: "メールアドレス（任意・通知用）", En: "E-mail (optional, for notifications)"},
	"sl.lang":          {Ja: "通知の言語", En: "Notification language"},
	"sl.issue":         {Ja: "リンクを発行", En: "Issue link"},
	"sl.issued":        {Ja: "%s さんのリンクをクリップボードにコピーしました（30日間有効）", En: "Link for %s copied to the clipboard (valid for 30 days)"},
	"sl.revoke":        {Ja: "取り消す", En: "Revoke"},
	"sl.revoke_all":    {Ja: "すべて取り消す", En: "Revoke all"},
	"sl.revoked":       {Ja: "%d件のリンクを取り消しました", En: "Revoked %d links"},
	"sl.none":          {Ja: "発行済みのリンクはありません", En: "No links issued yet"},
	"sl.active":        {Ja: "有効", En: "active"},
	"sl.expired":       {Ja: "期限切れ", En: "expired"},
	"sl.state_revoked": {Ja: "取り消し済み", En: "revoked"},
	"sl.row":           {Ja: "%s　発行 %s　期限 %s　%s", En: "%s  issued %s  expires %s  %s"},
	"sl.links":         {Ja: "発行済みのリンク", En: "Issued links"},
	"sl.new":           {Ja: "新しいリンク", En: "New link"},
	"sl.close":         {Ja: "閉じる", En: "Close"},
}

func init() {
	for k, v := range scoutLinkMessages {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}

// ScoutLinkStore is what scout links need of the event file; storage.DB
// implements it.
type ScoutLinkStore interface {
	api.ScoutInviteStore
	ScoutTokens(ctx context.Context, companyID string) ([]event.Token, error)
	RevokeScoutToken(ctx context.Context, hash string) error
	RevokeScoutTokens(ctx context.Context, companyID, scout string) (int, error)
}

func scoutLinkStore(store event.Store) (ScoutLinkStore, error) {
	s, ok := store.(ScoutLinkStore)
	if !ok {
		return nil, errNoPortalLinks()
	}
	return s, nil
}

// PortalBase is the address private links point to: the event's portal
// URL setting, else PITCHMATCH_PORTAL_URL, else the local server.
func PortalBase(ctx context.Context, store event.Store) string {
	if ev, err := store.Event(ctx); err == nil && ev != nil && ev.PortalURL != "" {
		return ev.PortalURL
	}
	if base := os.Getenv(PortalURLEnv); base != "" {
		return base
	}
	return "http://localhost:8080/"
}

// SetPortalURL stores the event's portal public URL (empty clears it),
// changing nothing else of the event.
func SetPortalURL(ctx context.Context, store event.Store, url string) error {
	url = strings.TrimSpace(url)
	if url != "" {
		if err := event.CheckPortalURL(url); err != nil {
			return err
		}
	}
	ev, err := store.Event(ctx)
	if err != nil {
		return err
	}
	if ev.PortalURL == url {
		return nil
	}
	ev.PortalURL = url
	return store.SaveEvent(ctx, actor, ev)
}

// IssueScoutLink creates a private link for one scout of a company (valid
// for portalTTL), pointing to PortalBase.
func IssueScoutLink(ctx context.Context, store event.Store, companyID, scout, email string, lang event.Lang) (string, error) {
	s, err := scoutLinkStore(store)
	if err != nil {
		return "", err
	}
	return api.NewScoutInvite(ctx, s, companyID, scout, PortalBase(ctx, store), portalTTL, api.ScoutContact{Email: strings.TrimSpace(email), Lang: lang})
}

// scoutLinkState names a token's state at now.
func scoutLinkState(t event.Token, now time.Time) string {
	switch {
	case t.Revoked:
		return "sl.state_revoked"
	case !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt):
		return "sl.expired"
	}
	return "sl.active"
}

// scoutLinksDialog lists, issues and revokes one company's scout links.
type scoutLinksDialog struct {
	u         *UI
	store     event.Store
	companyID string
	dlg       dialog.Dialog

	portalURL, scout, email *widget.Entry
	lang                    *widget.Select
	saveURL, issue, all     *widget.Button
	list                    *fyne.Container
	tokens                  []event.Token
	revokes                 []*widget.Button // one per listed token (nil when not active)
}

// showScoutLinks opens the scout-links dialog of a company.
func (u *UI) showScoutLinks(companyID string) *scoutLinksDialog {
	if u.store == nil || companyID == "" {
		return nil
	}
	d := &scoutLinksDialog{u: u, store: u.store, companyID: companyID}
	d.portalURL = widget.NewEntry()
	d.portalURL.SetPlaceHolder("https://portal.example.jp/")
	d.portalURL.SetText(PortalBase(u.ctx, u.store))
	d.saveURL = widget.NewButton(u.t("sl.save_url"), d.onSaveURL)
	d.scout, d.email = widget.NewEntry(), widget.NewEntry()
	langs := []string{"日本語", "English"}
	d.lang = widget.NewSelect(langs, nil)
	d.lang.SetSelectedIndex(0)
	if u.lang == event.En {
		d.lang.SetSelectedIndex(1)
	}
	d.issue = widget.NewButton(u.t("sl.issue"), d.onIssue)
	d.issue.Importance = widget.HighImportance
	d.all = widget.NewButton(u.t("sl.revoke_all"), d.onRevokeAll)
	d.list = container.NewVBox()
	form := widget.NewForm(
		widget.NewFormItem(u.t("sl.scout"), d.scout),
		widget.NewFormItem(u.t("sl.email"), d.email),
		widget.NewFormItem(u.t("sl.lang"), d.lang),
	)
	hint := widget.NewLabel(u.t("sl.portal_hint"))
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		bold(u.t("sl.portal_url")), hint, container.NewBorder(nil, nil, nil, d.saveURL, d.portalURL),
		widget.NewSeparator(), bold(u.t("sl.new")), form, container.NewHBox(d.issue),
		widget.NewSeparator(), bold(u.t("sl.links")), d.list, container.NewHBox(d.all),
	)
	name := companyID
	if u.data != nil {
		for _, c := range u.data.Companies {
			if c.ID == companyID {
				name = companyID + " " + c.Name.In(u.lang)
			}
		}
	}
	d.dlg = dialog.NewCustom(u.t("sl.title", name), u.t("sl.close"), container.NewVScroll(body), u.win)
	d.dlg.Resize(fyne.NewSize(640, 560))
	d.dlg.Show()
	d.refresh()
	return d
}

// refresh re-reads the company's links.
func (d *scoutLinksDialog) refresh() {
	store, id := d.store, d.companyID
	d.u.runBackground(func(ctx context.Context) (func(), error) {
		s, err := scoutLinkStore(store)
		if err != nil {
			return nil, err
		}
		toks, err := s.ScoutTokens(ctx, id)
		if err != nil {
			return nil, err
		}
		return func() { d.show(toks) }, nil
	})
}

func (d *scoutLinksDialog) show(toks []event.Token) {
	u := d.u
	d.tokens, d.revokes = toks, make([]*widget.Button, len(toks))
	d.list.RemoveAll()
	if len(toks) == 0 {
		d.list.Add(widget.NewLabel(u.t("sl.none")))
	}
	now := u.clk.now()
	active := 0
	for i, t := range toks {
		state := scoutLinkState(t, now)
		row := widget.NewLabel(u.t("sl.row", t.Scout, t.CreatedAt.Local().Format("2006-01-02 15:04"),
			t.ExpiresAt.Local().Format("2006-01-02 15:04"), u.t(state)))
		if state != "sl.active" {
			d.list.Add(row)
			continue
		}
		active++
		hash := t.Hash
		b := widget.NewButton(u.t("sl.revoke"), func() { d.onRevoke(hash) })
		d.revokes[i] = b
		d.list.Add(container.NewBorder(nil, nil, nil, b, row))
	}
	if active == 0 {
		d.all.Disable()
	} else {
		d.all.Enable()
	}
}

func (d *scoutLinksDialog) onSaveURL() {
	store, url := d.store, d.portalURL.Text
	d.u.runBackground(func(ctx context.Context) (func(), error) {
		if err := SetPortalURL(ctx, store, url); err != nil {
			return nil, err
		}
		return func() {
			d.u.setStatus(d.u.t("sl.url_saved"))
			d.u.Reload()
		}, nil
	})
}

func (d *scoutLinksDialog) onIssue() {
	store, id, scout, email := d.store, d.companyID, d.scout.Text, d.email.Text
	lang := event.Ja
	if d.lang.SelectedIndex() == 1 {
		lang = event.En
	}
	url := d.portalURL.Text
	d.u.runBackground(func(ctx context.Context) (func(), error) {
		// The address shown is the one the link uses: save it first.
		if err := SetPortalURL(ctx, store, url); err != nil {
			return nil, err
		}
		link, err := IssueScoutLink(ctx, store, id, scout, email, lang)
		if err != nil {
			return nil, err
		}
		return func() {
			d.u.app.Clipboard().SetContent(link)
			d.u.setStatus(d.u.t("sl.issued", strings.TrimSpace(scout)))
			e := widget.NewEntry()
			e.SetText(link)
			dialog.ShowCustom(d.u.t("sl.issued", strings.TrimSpace(scout)), "OK", e, d.u.win)
			d.scout.SetText("")
			d.email.SetText("")
			d.refresh()
		}, nil
	})
}

func (d *scoutLinksDialog) onRevoke(hash string) {
	store := d.store
	d.u.runBackground(func(ctx context.Context) (func(), error) {
		s, err := scoutLinkStore(store)
		if err != nil {
			return nil, err
		}
		if err := s.RevokeScoutToken(ctx, hash); err != nil {
			return nil, err
		}
		return func() {
			d.u.setStatus(d.u.t("sl.revoked", 1))
			d.refresh()
		}, nil
	})
}

func (d *scoutLinksDialog) onRevokeAll() {
	store, id := d.store, d.companyID
	d.u.runBackground(func(ctx context.Context) (func(), error) {
		s, err := scoutLinkStore(store)
		if err != nil {
			return nil, err
		}
		n, err := s.RevokeScoutTokens(ctx, id, "")
		if err != nil {
			return nil, err
		}
		return func() {
			d.u.setStatus(d.u.t("sl.revoked", n))
			d.refresh()
		}, nil
	})
}

// scoutLinksButton opens the scout-links dialog of the company id names
// (nothing for an unsaved one).
func (u *UI) scoutLinksButton(id func() string) *widget.Button {
	return widget.NewButton(u.t("sl.button"), func() {
		if x := id(); x != "" && u.data != nil && u.data.Company(x) != nil {
			u.showScoutLinks(x)
		}
	})
}
