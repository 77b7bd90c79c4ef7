//go:build !unix

package cputime

import "time"

// Used is not measured outside Unix: 0.
func Used() time.Duration { return 0 }

// PeakRSS is not measured outside Unix: 0.
func PeakRSS() int64 { return 0 }
