// Package analysis turns page text into index terms: words are split,
// folded, stripped of French elisions and stop words, and stemmed; an
// Analyzer turns a whole Document into the weighted terms a search.Builder
// indexes. search-core.js (themes/default/static/js) implements the same
// normalisation for the browser's queries; the tests run both on the same
// words.
package analysis

import (
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"

	"github.com/parcours/parcours/internal/slug"
)

// maxTokenRunes drops longer tokens: they are hashes, base64 or run-together
// junk nobody types, and a 2,000-character query must not cost a stemmer pass
// over one giant word. search-core.js applies the same limit.
const maxTokenRunes = 48

// elisions are the clitics that French glues to the next word with an
// apostrophe (l’adoption, qu’il, jusqu’à). They are dropped in every language:
// other Romance orthographies share them and an English word is never one of
// them followed by an apostrophe except in contractions, where they carry no
// meaning either.
var elisions = map[string]bool{
	"l": true, "d": true, "qu": true, "j": true, "n": true, "s": true,
	"c": true, "m": true, "t": true, "jusqu": true, "lorsqu": true, "puisqu": true,
}

// stopWords are Snowball's lists, folded because they are matched after
// folding (même → meme, à → a), French completed with the common words it
// lacks (les, ils, cette…). Only French and English have one;
// search-core.js holds the same lists.
var stopWords = map[string]map[string]bool{
	"fr": set("les ils elles leurs cet cette dont au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes serai seras sera serons serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent"),
	"en": set("a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing don down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own s same she should so some such t than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' {
			m[words[start:i]] = true
			start = i + 1
		}
	}
	return m
}

// Token is one word of analysed text.
type Token struct {
	Folded string // the word as typed, folded: what a prefix is matched against
	Term   string // what the index stores; "" when the word is dropped
	AtEnd  bool   // nothing follows the word: it may still be being typed
}

// word is what a word's spelling alone decides; memoised while indexing,
// where the same few thousand words make up millions of tokens.
type word struct {
	folded, term string
	// elision: folded is a clitic, dropped when an apostrophe follows.
	elision bool
}

// Normalize returns the terms the index stores for text, in order: text is
// split into runs of letters, marks and decimal digits; each is folded
// (slug.Fold: lower case, accents removed, œ → oe); elided clitics (l’, d’,
// qu’, j’, n’, s’, c’, m’, t’, jusqu’, lorsqu’, puisqu’, before ' or ’) and
// words longer than 48 characters are dropped; then for "fr" and "en" stop
// words are dropped and the rest Snowball-stemmed. Any other language gets
// folding only. search-core.js implements exactly the same function.
func Normalize(lang, text string) []string {
	var terms []string
	for _, t := range Tokenize(lang, text) {
		if t.Term != "" {
			terms = append(terms, t.Term)
		}
	}
	return terms
}

// Tokenize splits text into the tokens Normalize keeps the terms of; a
// query also needs the dropped words and the word being typed.
func Tokenize(lang, text string) []Token {
	var toks []Token
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == end {
			return toks
		}
		i = end
		w := spell(lang, text[start:end])
		if w.folded == "" {
			continue // only marks, which folding removes
		}
		t := Token{Folded: w.folded, Term: w.term, AtEnd: end == len(text)}
		if w.elision && elided(text, end) {
			t.Term = ""
		}
		toks = append(toks, t)
	}
}

// nextWord returns the bounds of the first run of word runes in text at or
// after i; start == end when there is none.
func nextWord(text string, i int) (start, end int) {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if isWordRune(rune(c)) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	start = i
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !isWordRune(rune(c)) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return start, i
}

// elided reports whether an apostrophe follows the word that ends at end.
func elided(text string, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[end:])
	return isApostrophe(r)
}

func spell(lang, raw string) word {
	f := slug.Fold(raw)
	if utf8.RuneCountInString(f) > maxTokenRunes || stopWords[lang][f] {
		return word{f, "", elisions[f]}
	}
	return word{f, stem(lang, f), elisions[f]}
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ'
}

func isWordRune(r rune) bool {
	// Most text is ASCII: answer it without the Unicode tables.
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func stem(lang, w string) string {
	switch lang {
	case "fr":
		// Stop words were already dropped against our folded lists, so the
		// stemmer's own (accented) list must not skip anything.
		return french.Stem(w, true)
	case "en":
		return english.Stem(w, true)
	}
	return w
}
