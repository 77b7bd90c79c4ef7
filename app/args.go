package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"pitchmatch/event"
)

// Args is the desktop command line: an optional event file to open, like
// any document app, and overrides for the language and the first view.
type Args struct {
	Path string     // event file to open; "" for none
	Lang event.Lang // "" to use the preference or the system locale
	View string     // view to show first; "" for the Event view
	// Width and Height, when set (--size 1366x768), size the window.
	Width, Height float32

	// Preloaded, if set, is Path already being read (see Preload).
	Preloaded *Preloaded
}

// Usage is the command-line synopsis.
const Usage = "usage: pitchmatch-desktop [--lang ja|en] [--view event|startups|companies|rankings|requests|schedule|reports|settings] [--size WxH] [EVENT-FILE]"

// ParseArgs reads the command line (without the program name). Flags may
// come before or after the file.
func ParseArgs(args []string) (Args, error) {
	fs := flag.NewFlagSet("pitchmatch-desktop", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "", "interface language: ja or en")
	view := fs.String("view", "", "view to show first")
	size := fs.String("size", "", "window size, WIDTHxHEIGHT")
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return Args{}, fmt.Errorf("%s", Usage)
			}
			return Args{}, fmt.Errorf("%w\n%s", err, Usage)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		files = append(files, args[0])
		args = args[1:]
	}
	var a Args
	switch strings.ToLower(*lang) {
	case "":
	case "ja":
		a.Lang = event.Ja
	case "en":
		a.Lang = event.En
	default:
		return Args{}, fmt.Errorf("--lang %q: want ja or en\n%s", *lang, Usage)
	}
	if *view != "" {
		ok := false
		for _, n := range ViewNames() {
			ok = ok || n == *view
		}
		if !ok {
			return Args{}, fmt.Errorf("--view %q: want one of %s", *view, strings.Join(ViewNames(), ", "))
		}
		a.View = *view
	}
	if *size != "" {
		if _, err := fmt.Sscanf(*size, "%gx%g", &a.Width, &a.Height); err != nil || a.Width < 200 || a.Height < 200 {
			return Args{}, fmt.Errorf("--size %q: want WIDTHxHEIGHT such as 1366x768\n%s", *size, Usage)
		}
	}
	if len(files) > 1 {
		return Args{}, fmt.Errorf("one event file at most, got %d\n%s", len(files), Usage)
	}
	if len(files) == 1 {
		a.Path = files[0]
	}
	return a, nil
}
