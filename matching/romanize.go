package matching

import "strings"

// kanaRomaji maps full-size katakana to Hepburn-style romaji. Read-only.
var kanaRomaji = func() map[rune]string {
	const table = "ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko " +
		"ガ ga ギ gi グ gu ゲ ge ゴ go サ sa シ shi ス su セ se ソ so " +
		"ザ za ジ ji ズ zu ゼ ze ゾ zo タ ta チ chi ツ tsu テ te ト to " +
		"ダ da ヂ ji ヅ zu デ de ド do ナ na ニ ni ヌ nu ネ ne ノ no " +
		"ハ ha ヒ hi フ fu ヘ he ホ ho バ ba ビ bi ブ bu ベ be ボ bo " +
		"パ pa ピ pi プ pu ペ pe ポ po マ ma ミ mi ム mu メ me モ mo " +
		"ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa ヰ i ヱ e ヲ o ン n ヴ vu"
	f := strings.Fields(table)
	m := make(map[rune]string, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		m[[]rune(f[i])[0]] = f[i+1]
	}
	return m
}()

// romanize turns a katakana loanword into romaji tuned for meeting the
// English original: the long-vowel mark is dropped (センサー → sensa), small
// vowels modify the syllable before (フィルム → firumu, ティ → ti), small
// ya/yu/yo form contractions (キュ → kyu, シャ → sha) and the small tsu
// doubles the next consonant. Unknown characters are skipped.
func romanize(kana []rune) []rune {
	var b strings.Builder
	double := false
	var prev rune
	for _, r := range kana {
		p := prev
		prev = r
		switch r {
		case 'ー':
			continue
		case 'ッ':
			double = true
			continue
		case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ':
			v := string("aiueo"[strings.IndexRune("ァィゥェォ", r)/3])
			s := b.String()
			switch {
			case p == 'ウ':
				s = s[:len(s)-1] + "w" + v // ウィ → wi
			case len(s) > 0 && strings.ContainsRune("aiueo", rune(s[len(s)-1])):
				s = s[:len(s)-1] + v // ティ → ti, フィ → fi, シェ → she
			default:
				s += v
			}
			b.Reset()
			b.WriteString(s)
			continue
		case 'ャ', 'ュ', 'ョ':
			v := map[rune]string{'ャ': "a", 'ュ': "u", 'ョ': "o"}[r]
			s := b.String()
			switch {
			case strings.HasSuffix(s, "shi") || strings.HasSuffix(s, "chi") || strings.HasSuffix(s, "ji"):
				s = s[:len(s)-1] + v
			case strings.HasSuffix(s, "i"):
				s = s[:len(s)-1] + "y" + v
			default:
				s += "y" + v
			}
			b.Reset()
			b.WriteString(s)
			continue
		}
		syl, ok := kanaRomaji[r]
		if !ok {
			continue
		}
		if double {
			if syl[0] == 'c' {
				b.WriteByte('t') // ッチ → tchi
			} else if !strings.ContainsRune("aiueon", rune(syl[0])) {
				b.WriteByte(syl[0])
			}
			double = false
		}
		b.WriteString(syl)
	}
	return []rune(b.String())
}
