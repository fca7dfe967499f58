// Package slug folds text for comparison and turns it into URL path segments.
//
// One rule serves heading IDs, taxonomy terms, journey IDs, title matching of
// irritants and search: lower case, accents removed (œ → oe, æ → ae, ß → ss),
// and for slugs every other run of characters that are not letters or digits
// turned into a single "-".
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that canonical decomposition leaves whole.
var ligatures = map[rune]string{
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'ð': "d",
	'’': "'", 'ʼ': "'", '‘': "'",
}

// Fold lower-cases s and removes its diacritics; other characters are kept.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || ('A' <= s[i] && s[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if lig, ok := ligatures[r]; ok {
			b.WriteString(lig)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	// Composing again keeps letters that have no decomposition-free form (for
	// example Hangul) in their usual shape.
	return norm.NFC.String(b.String())
}

// Make returns the slug of s: Fold, then every run of characters other than
// letters and digits becomes "-", with none at either end. The result is a
// safe path segment: it never contains "/", "." or "..". It is empty when s
// has no letter or digit.
func Make(s string) string {
	f := Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	dash := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// Safe reports whether s can be used as one path segment as it is: not empty,
// no "/" or "\", not "." or "..", and no control characters.
func Safe(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		if r == '/' || r == '\\' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// Memo is Make remembering its answers, for the few spellings a site
// repeats thousands of times (terms, sectors, stages). Not safe for
// concurrent use.
type Memo map[string]string

// Make is Make(s), computed once per spelling.
func (m Memo) Make(s string) string {
	k, ok := m[s]
	if !ok {
		k = Make(s)
		m[s] = k
	}
	return k
}
