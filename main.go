// Command pitchmatch-desktop is PitchMatch's desktop application for the
// organizer and the scouts of a MedTech partnering event. Started with an
// event file as its argument it opens that file; --lang ja|en overrides the
// language and --view selects the first view.
//
// This is the only package that imports fyne.io/fyne/v2/app (cgo and GL);
// the views live in package pitchmatch/app and test headless.
package main

import (
	_ "embed"
	"fmt"
	"log"
	"os"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"pitchmatch/app"
)

//go:embed assets/icon.png
var icon []byte

func main() {
	args, err := app.ParseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	a := fyneapp.NewWithID("jp.pitchmatch.desktop")
	a.SetIcon(fyne.NewStaticResource("icon.png", icon))
	svc := app.DefaultServices()
	svc.Logf = log.New(os.Stderr, "pitchmatch: ", log.LstdFlags).Printf
	if args.Path != "" {
		args.Preloaded = app.Preload(svc, args.Path) // read the event while the window is built
	}
	u := app.New(a, args.Lang, svc)
	if err := u.Start(args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	u.Window().ShowAndRun()
	u.Close()
}
