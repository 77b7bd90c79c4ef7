package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/notify"
)

func outboxCmd() *command {
	return &command{name: "outbox", summary: "notifications: queue the changes, send by SMTP or export as .eml / 通知メールの送信・書き出し", run: runOutbox}
}

func runOutbox(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "outbox", "outbox --db FILE [--send] [--export DIR] (default: queue the changes not yet notified and list what is unsent)")
	db := dbFlag(fs)
	send := fs.Bool("send", false, "send the due mails through the event's SMTP server (password from "+event.SMTPPasswordEnv+")")
	export := fs.String("export", "", "write every unsent mail as an .eml file into this directory (they stay in the outbox)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.QueueNotices(ctx, 0, notify.Compose)
	if err != nil {
		return err
	}
	pn, err := st.QueueProgrammeNotices(ctx, notify.ComposeProgramme)
	if err != nil {
		return err
	}
	n += pn
	fmt.Fprintf(env.stdout, "queued %d notifications / 通知 %d 件を追加\n", n, n)
	switch {
	case *send:
		rep, err := (&notify.Sender{Getenv: env.getenv}).Send(ctx, st)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "sent %d, not sent %d (retried later)\n", rep.Sent, rep.Failed)
		if rep.LastError != "" {
			fmt.Fprintln(env.stdout, "last error:", rep.LastError)
		}
	case *export != "":
		files, err := notify.ExportEML(ctx, st, *export)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "wrote %d .eml files to %s\n", len(files), *export)
	default:
		ms, err := st.PendingMail(ctx, time.Time{}, 0)
		if err != nil {
			return err
		}
		for _, m := range ms {
			state := "due " + m.NextAt.Local().Format("2006-01-02 15:04")
			if m.LastError != "" {
				state += ", " + fmt.Sprint(m.Attempts) + " attempts: " + strings.SplitN(m.LastError, "\n", 2)[0]
			}
			fmt.Fprintf(env.stdout, "%6d  %-10s %-28s %s  %s\n", m.ID, m.Kind, m.ToAddr, m.Subject, state)
		}
	}
	return nil
}

func settingsCmd() *command {
	return &command{name: "settings", summary: "the event's online settings: portal URL, organizer contact, SMTP / ポータル・連絡先・SMTPの設定", run: runSettings}
}

func runSettings(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "settings", "settings --db FILE [--portal-url URL] [--contact-name-ja T] [--contact-name-en T] [--contact-email E] [--contact-phone P] [--smtp-host H] [--smtp-port N] [--smtp-starttls] [--smtp-user U] [--smtp-from E]")
	db := dbFlag(fs)
	portalURL := fs.String("portal-url", "", "the portal's public address private links point to")
	nameJa := fs.String("contact-name-ja", "", "organizer's name (Japanese)")
	nameEn := fs.String("contact-name-en", "", "organizer's name (English)")
	email := fs.String("contact-email", "", "organizer's e-mail")
	phone := fs.String("contact-phone", "", "organizer's phone")
	host := fs.String("smtp-host", "", "SMTP server")
	port := fs.Int("smtp-port", 0, "SMTP port (default 587)")
	starttls := fs.Bool("smtp-starttls", false, "require STARTTLS")
	user := fs.String("smtp-user", "", "SMTP user (the password is read from "+event.SMTPPasswordEnv+" when sending, never stored)")
	from := fs.String("smtp-from", "", "sender address (default: the contact e-mail)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ev, err := st.Event(ctx)
	if err != nil {
		return err
	}
	changed := false
	set := func(name string, apply func()) {
		if fs.Lookup(name) != nil && isSet(fs, name) {
			apply()
			changed = true
		}
	}
	set("portal-url", func() { ev.PortalURL = *portalURL })
	set("contact-name-ja", func() { ev.Contact.Name.Ja = *nameJa })
	set("contact-name-en", func() { ev.Contact.Name.En = *nameEn })
	set("contact-email", func() { ev.Contact.Email = *email })
	set("contact-phone", func() { ev.Contact.Phone = *phone })
	set("smtp-host", func() { ev.SMTP.Host = *host })
	set("smtp-port", func() { ev.SMTP.Port = *port })
	set("smtp-starttls", func() { ev.SMTP.StartTLS = *starttls })
	set("smtp-user", func() { ev.SMTP.User = *user })
	set("smtp-from", func() { ev.SMTP.From = *from })
	if changed {
		if ev.PortalURL != "" {
			if err := event.CheckPortalURL(ev.PortalURL); err != nil {
				return err
			}
		}
		for _, e := range []string{ev.Contact.Email, ev.SMTP.From} {
			if e != "" && !event.ValidEmail(e) {
				return event.Errorf(event.EInvalid, "メールアドレスが正しくありません", "bad e-mail address %q", e)
			}
		}
		if err := st.SaveEvent(ctx, "organizer", ev); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.stdout, "portal URL: %s\ncontact:    %s / %s  %s  %s\nSMTP:       %s starttls=%v user=%q from=%q\n", ev.PortalURL,
		ev.Contact.Name.Ja, ev.Contact.Name.En, ev.Contact.Email, ev.Contact.Phone, ev.SMTP.Addr(), ev.SMTP.StartTLS, ev.SMTP.User, ev.SMTP.From)
	return nil
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
