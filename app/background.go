package app

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"pitchmatch/event"
)

// runBackground runs work off the UI thread; its returned function, or the
// error, is applied on the UI thread through fyne.Do. Nothing is applied
// once the UI is closing.
func (u *UI) runBackground(work func(ctx context.Context) (func(), error)) {
	if u.syncWork {
		apply, err := work(u.ctx)
		if err != nil {
			u.showError(err)
		} else if apply != nil {
			apply()
		}
		return
	}
	u.wg.Add(1)
	ctx := u.ctx
	go func() {
		defer u.wg.Done()
		apply, err := work(ctx)
		fyne.Do(func() {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				u.showError(err)
				return
			}
			if apply != nil {
				apply()
			}
		})
	}()
}

func (u *UI) showError(err error) {
	u.setStatus(u.t("app.error") + ": " + event.ErrorMessage(err, u.lang))
	dialog.ShowError(errors.New(event.ErrorMessage(err, u.lang)), u.win)
}

func (u *UI) setStatus(s string) { u.status.SetText(s) }

// clock is the UI's time source. The app uses the real one; tests swap in
// one that never waits, so no test spends real seconds in a fixed delay.
type clock struct {
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
}

func realClock() clock { return clock{now: time.Now, after: time.After} }

// sleep waits d on the clock, or until ctx ends (its error); retries'
// back-off waits through it, so tests with an instant clock wait no time.
func (c clock) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-c.after(d):
		return ctx.Err()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// indexDelay is how long after a file opens the search index is built, so
// the first frame is not delayed by it.
const indexDelay = time.Second

// throttle returns a function that reports whether at least every has
// passed since it last returned true (always true on the first call and
// when final is set); progress callbacks use it to redraw at most 20 times a
// second.
func (c clock) throttle(every time.Duration) func(final bool) bool {
	var last time.Time
	return func(final bool) bool {
		now := c.now()
		if final || last.IsZero() || now.Sub(last) >= every {
			last = now
			return true
		}
		return false
	}
}
