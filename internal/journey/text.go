package journey

import (
	"strings"
	"unicode"
)

// runeWidth is the advance of r in ems.
func runeWidth(r rune, bold bool) float64 {
	lo, hi := &regularWidths20, &regularWidthsA0
	if bold {
		lo, hi = &boldWidths20, &boldWidthsA0
	}
	switch {
	case r >= 0x20 && r <= 0x7e:
		return float64(lo[r-0x20]) / 1000
	case r >= 0xa0 && r <= 0x17f:
		return float64(hi[r-0xa0]) / 1000
	case r == '’' || r == '‘' || r == '\'':
		return 0.38
	case r == '—' || r == '…':
		return 1
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return 0
	case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) ||
		unicode.Is(unicode.So, r) || r >= 0x1f000:
		// Ideographs and emoji are about one em wide in every face.
		return 1.05
	}
	// Other scripts (Greek, Cyrillic, punctuation): a wide Latin letter, so
	// that unknown text errs towards wrapping early rather than overflowing.
	if bold {
		return 0.78
	}
	return 0.72
}

// textWidth is the drawn width of s at size px.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r, bold)
	}
	return w * size
}

// wrap breaks s into lines no wider than width: at spaces when it can,
// inside a word when the word alone is too wide. A newline in s always
// breaks the line; blank lines are dropped.
func wrap(s string, width, size float64, bold bool) []string {
	width = max(width, 1)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line, lineW := "", 0.0
		space := textWidth(" ", size, bold)
		for _, word := range strings.Fields(para) {
			ww := textWidth(word, size, bold)
			switch {
			case line == "" && ww <= width:
				line, lineW = word, ww
			case line != "" && lineW+space+ww <= width:
				line, lineW = line+" "+word, lineW+space+ww
			default:
				if line != "" {
					lines = append(lines, line)
				}
				line, lineW = "", 0
				for ww > width {
					head, rest := breakWord(word, width, size, bold)
					lines = append(lines, head)
					word = rest
					ww = textWidth(word, size, bold)
				}
				line, lineW = word, ww
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// breakWord splits word where the most of it fits in width: after a hyphen
// or slash when there is one (slugs, compound words, paths), otherwise after
// the last rune that fits. At least one rune goes on the first line so that
// wrapping always progresses.
func breakWord(word string, width, size float64, bold bool) (string, string) {
	w, soft := 0.0, 0
	for i, r := range word {
		w += runeWidth(r, bold) * size
		if w > width && i > 0 {
			if soft > 0 {
				i = soft
			}
			return word[:i], word[i:]
		}
		if r == '-' || r == '/' {
			soft = i + 1
		}
	}
	return word, ""
}
