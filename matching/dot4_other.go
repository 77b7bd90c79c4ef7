//go:build !amd64

package matching

import "unsafe"

// dot4Lanes is dot4LanesGo where there is no assembly version.
func dot4Lanes(a, b0, b1, b2, b3 *float32, groups int, lanes *[16]float32) {
	n := 4 * groups
	dot4LanesGo(unsafe.Slice(a, n), unsafe.Slice(b0, n), unsafe.Slice(b1, n), unsafe.Slice(b2, n), unsafe.Slice(b3, n), lanes)
}
