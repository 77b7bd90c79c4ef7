package docs

import (
	"archive/zip"
	"compress/flate"
	"io"
)

// NewZipWriter returns a zip writer that deflates its entries with one
// reused compressor. archive/zip otherwise sets up a new compressor (about
// 1 MB) per entry, which dominates archives of thousands of small files
// such as one calendar per participant. Entries must be written one at a
// time, as zip.Writer requires anyway.
func NewZipWriter(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			if fw, err = flate.NewWriter(out, flate.DefaultCompression); err != nil {
				return nil, err
			}
			return fw, nil
		}
		fw.Reset(out)
		return fw, nil
	})
	return zw
}
