// Package assets holds the files bundled into PitchMatch's binaries: the
// Japanese font used by the desktop app and the PDF agendas, and its licence.
//
// IPAexGothic is distributed under the IPA Font License Agreement v1.0; the
// licence text is fonts/IPAexGothic-LICENSE.txt beside the font and must ship
// with any copy.
package assets

import _ "embed"

// JapaneseFontName is the file name of the bundled Japanese font.
const JapaneseFontName = "ipaexg.ttf"

//go:embed fonts/ipaexg.ttf
var japaneseFont []byte

//go:embed fonts/IPAexGothic-LICENSE.txt
var japaneseFontLicense string

// JapaneseFont returns the bundled Japanese TrueType font (IPAexGothic),
// which covers JIS X 0208 kanji, kana and Latin. Callers must not modify it.
func JapaneseFont() []byte { return japaneseFont }

// JapaneseFontLicense returns the font's licence text.
func JapaneseFontLicense() string { return japaneseFontLicense }
