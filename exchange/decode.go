package exchange

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"pitchmatch/event"
)

// MaxFileSize is the largest file ReadCSV and ReadJSON accept, in bytes.
// 20,000 startups with full bilingual profiles take about 30 MB.
const MaxFileSize = 256 << 20

// Encoding names reported for a decoded file.
const (
	encUTF8    = "UTF-8"
	encShiftJS = "Shift_JIS"
	encUTF16   = "UTF-16"
)

// decoded is a file's text after encoding detection.
type decoded struct {
	text     []byte
	encoding string
}

// badCell reports whether a cell holds bytes the detected encoding could
// not decode: invalid UTF-8, or U+FFFD produced by the Shift_JIS decoder.
func (d *decoded) badCell(s string) bool {
	if d.encoding == encShiftJS {
		return strings.ContainsRune(s, utf8.RuneError)
	}
	return !utf8.ValidString(s)
}

// readLimited reads all of r, refusing more than MaxFileSize bytes.
func readLimited(ctx context.Context, name string, r io.Reader) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if size := sizeHint(r); size > 0 && size <= MaxFileSize {
		buf.Grow(int(size) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, &event.Error{Code: event.ETooLarge, Message: event.Text{
			Ja: fmt.Sprintf("%s は大きすぎます（上限 %d MB）", name, MaxFileSize>>20),
			En: fmt.Sprintf("%s is too large (limit %d MB)", name, MaxFileSize>>20),
		}}
	}
	return data, nil
}

// sizeHint is the number of bytes r will give, when r can tell (a file or
// an in-memory reader), so reading does not repeatedly grow its buffer.
func sizeHint(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText detects the encoding of data and returns its UTF-8 text:
//   - a UTF-8 byte-order mark is dropped;
//   - a UTF-16 byte-order mark (Excel's "Unicode text") decodes as UTF-16;
//   - text that is valid UTF-8 is UTF-8;
//   - otherwise it is decoded as Shift_JIS (Windows-31J / CP932, what
//     Japanese Excel writes), unless the text is mostly valid UTF-8 with a
//     few broken bytes, in which case it stays UTF-8.
//
// Undecodable bytes are left for badCell to report row by row.
func decodeText(data []byte) decoded {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return decoded{text: data[len(bomUTF8):], encoding: encUTF8}
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return decoded{text: out, encoding: encUTF16}
		}
	}
	if utf8.Valid(data) {
		return decoded{text: data, encoding: encUTF8}
	}
	valid, invalid := utf8Stats(data)
	if valid > invalid {
		return decoded{text: data, encoding: encUTF8}
	}
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err != nil {
		// The x/text decoder replaces bad bytes instead of failing; keep
		// the raw bytes so badCell reports them if it ever does.
		return decoded{text: data, encoding: encUTF8}
	}
	return decoded{text: out, encoding: encShiftJS}
}

// utf8Stats counts valid multi-byte UTF-8 sequences and invalid bytes.
// Shift_JIS Japanese text almost never forms valid multi-byte UTF-8.
func utf8Stats(data []byte) (valid, invalid int) {
	for len(data) > 0 {
		if data[0] < utf8.RuneSelf {
			data = data[1:]
			continue
		}
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			invalid++
		} else {
			valid++
		}
		data = data[size:]
	}
	return valid, invalid
}

// badEncoding is the reason given for an undecodable cell.
func badEncoding(enc string) event.Text {
	return event.Text{
		Ja: fmt.Sprintf("文字コードを判別できない文字があります（%s として読みました）。UTF-8 または Shift_JIS で保存してください", enc),
		En: fmt.Sprintf("contains bytes that are not valid text (read as %s); save the file as UTF-8 or Shift_JIS", enc),
	}
}
