package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

// buttonIn finds the button labelled text in o's tree.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	for _, k := range kids {
		if b := buttonIn(k, text); b != nil {
			return b
		}
	}
	return nil
}

// TestScoutLinksDialog: from a company's form the organizer sets the
// portal's public URL (stored in the event), issues links for two scouts
// (on the clipboard, pointing to that URL, resolving to the company's
// scout), sees them listed, revokes one, then all; a bad URL is refused
// and nothing is issued. In both languages.
func TestScoutLinksDialog(t *testing.T) {
	for _, lang := range []event.Lang{event.Ja, event.En} {
		u, path := openUI(t, lang)
		ctx := context.Background()
		u.ShowView("companies")
		v := u.companiesV
		v.list.Select(0)
		co := v.company.current
		b := buttonIn(v.company.root, u.t("sl.button"))
		if b == nil {
			t.Fatalf("%s: no %q button on the company form", lang, u.t("sl.button"))
		}
		if lang == event.En && b.Text != "Scout links" || lang == event.Ja && b.Text != "スカウト用リンク" {
			t.Fatalf("%s: button %q", lang, b.Text)
		}
		d := u.showScoutLinks(co.ID)
		u.Wait()
		if len(d.tokens) != 0 || d.all.Disabled() == false {
			t.Fatalf("%s: %d links listed before any was issued", lang, len(d.tokens))
		}
		// A bad address is refused, nothing issued.
		d.portalURL.SetText("ftp://nowhere")
		d.scout.SetText("山田")
		test.Tap(d.issue)
		u.Wait()
		other := otherStore(t, path)
		if toks, _ := other.ScoutTokens(ctx, co.ID); len(toks) != 0 {
			t.Fatalf("%s: a link was issued with a bad portal URL", lang)
		}
		d.portalURL.SetText("https://portal.example.jp/jhvs/")
		test.Tap(d.saveURL)
		u.Wait()
		if ev, err := other.Event(ctx); err != nil || ev.PortalURL != "https://portal.example.jp/jhvs/" {
			t.Fatalf("%s: portal URL stored %q %v", lang, ev.PortalURL, err)
		}
		var links []string
		for _, who := range []string{"山田", "Suzuki"} {
			d.scout.SetText(who)
			d.email.SetText("scout@example.jp")
			d.lang.SetSelectedIndex(1)
			test.Tap(d.issue)
			u.Wait()
			link := u.app.Clipboard().Content()
			if !strings.HasPrefix(link, "https://portal.example.jp/jhvs/#t=") {
				t.Fatalf("%s: clipboard %q", lang, link)
			}
			tok, err := other.ScoutTokenByHash(ctx, api.HashToken(api.TokenFromLink(link)))
			if err != nil || tok.CompanyID != co.ID || tok.Scout != who || tok.Email != "scout@example.jp" || tok.Lang != event.En {
				t.Fatalf("%s: token %+v %v", lang, tok, err)
			}
			links = append(links, link)
		}
		if len(d.tokens) != 2 || d.revokes[0] == nil || d.revokes[1] == nil || d.all.Disabled() {
			t.Fatalf("%s: %d links listed, revoke buttons %v", lang, len(d.tokens), d.revokes)
		}
		first := d.tokens[0].Hash
		test.Tap(d.revokes[0])
		u.Wait()
		if tok, _ := other.ScoutTokenByHash(ctx, first); !tok.Revoked {
			t.Fatalf("%s: the first link is not revoked", lang)
		}
		if d.revokes[0] != nil || d.revokes[1] == nil {
			t.Fatalf("%s: after revoking one, revoke buttons %v", lang, d.revokes)
		}
		test.Tap(d.all)
		u.Wait()
		toks, _ := other.ScoutTokens(ctx, co.ID)
		for _, tk := range toks {
			if !tk.Revoked {
				t.Fatalf("%s: %s not revoked by revoke all", lang, tk.Scout)
			}
		}
		if !d.all.Disabled() || !strings.Contains(u.status.Text, u.t("sl.revoked", 1)) {
			t.Fatalf("%s: status %q", lang, u.status.Text)
		}
		// A startup's portal link from the desktop points to the same URL.
		link, err := PortalLink(ctx, u.store, u.Data().Startups[0].ID)
		if err != nil || !strings.HasPrefix(link, "https://portal.example.jp/jhvs/#t=") {
			t.Fatalf("%s: startup link %q %v", lang, link, err)
		}
		d.dlg.Hide()
	}
}
