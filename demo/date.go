package demo

import "time"

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)
	}
	return t
}
