package analysis

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Section is a part of a page that results can link to: a heading, or a
// journey stage (Anchor the journey id, Heading "journey › phase › stage",
// Text its lanes).
type Section struct {
	Anchor, Heading, Text string
}

// Document is one page as the index sees it: plain text, no markup.
type Document struct {
	URL, Title, Kind, Lang, Description, Client, Date string
	// Body is the text before the first section.
	Body                                             string
	Sections                                         []Section
	Quotes, Deliverables, Tools, Remedies, Verbatims []string
	// Facets maps "kind", "scopes", "tools", "sectors" to the page's values.
	// Without a "kind" entry, Kind is the page's kind facet. Values other
	// than kinds and tools (which are indexed as Tools) are indexed too, so
	// that "onboarding" finds the pages scoped Onboarding.
	Facets map[string][]string
}

// Field weights: a word in a title says more about a page than the same
// word deep in its body.
const (
	wTitle       = 10
	wClient      = 8
	wHeading     = 6
	wDescription = 4
	wTools       = 4
	wList        = 2 // quotes, deliverables, remedies, verbatims, facet values
	wText        = 1 // body and section text: the only length-normalised fields
)

// excerptRunes bounds the excerpt source kept per page and per section.
const excerptRunes = 220

// Weight is what a document says of one of its terms. Its fields are 32
// bits wide: a 10,000-page site holds millions of them, and weights are
// sums of small whole numbers that float32 holds exactly.
type Weight struct {
	Short float32 // weighted frequency in short fields (title, client…)
	Text  int32   // frequency in body and section text
	// Loc is the place that gives the term most weight: 0 for the page,
	// i for the page's section i.
	Loc int32
}

// Analyzed is a document ready to be added to a search.Builder. Its fields
// are read, never changed, once Analyze returns: one value may be added to
// several builders, and the dev server tells a changed page by a new value.
type Analyzed struct {
	URL, Title string
	Terms      []string
	Weights    []Weight // Weights[i] is Terms[i]'s
	// Entry is the document's entry in a docs file: [url, title, kind,
	// excerpt, anchor1, heading1, excerpt1, …].
	Entry   []string
	TextLen int // words in body and section text
	// Facets is Document.Facets with the kind facet filled in from Kind.
	Facets map[string][]string
}

// Analyzer turns documents into their weighted terms. Analysis is the
// costly part of indexing and depends on nothing but the document, so
// callers run one Analyzer per goroutine and may keep the results of
// unchanged pages between builds. An Analyzer is not safe for concurrent
// use: it remembers the words it has read.
type Analyzer struct {
	lang string
	// Every spelling read is looked up once in memo; what it gives, the
	// word and the number of its term, then costs no further map lookup.
	memo map[string]int32 // spelling → index in words
	// recent sits in front of memo: the few thousand words that make up
	// most of any text are found by a short hash and one comparison.
	recent [1 << 12]struct {
		spelling string
		i        int32
	}
	words []analyzerWord
	tids  map[string]int32 // term → its number
	names []string         // number → term
	// The document being analysed: terms[at[tid]] gathers term tid's
	// weights when seen[tid] == doc.
	doc   uint32
	seen  []uint32
	at    []int32
	terms []term
}

type analyzerWord struct {
	word
	spelling string
	tid      int32 // -1 when the word is not indexed
}

// NewAnalyzer returns an Analyzer for a site in lang: "fr" and "en" are
// stemmed and have stop words, any other language is only folded.
func NewAnalyzer(lang string) *Analyzer {
	return &Analyzer{lang: lang, memo: map[string]int32{}, tids: map[string]int32{}}
}

// learn spells a word not met before.
func (an *Analyzer) learn(spelling string) int32 {
	// A copy: a slice of the text would keep the whole page alive as long
	// as the Analyzer.
	spelling = strings.Clone(spelling)
	w := analyzerWord{word: spell(an.lang, spelling), spelling: spelling, tid: -1}
	if w.term != "" {
		tid, ok := an.tids[w.term]
		if !ok {
			tid = int32(len(an.names))
			an.tids[w.term] = tid
			an.names = append(an.names, w.term)
			an.seen = append(an.seen, 0)
			an.at = append(an.at, 0)
		}
		w.tid = tid
	}
	i := int32(len(an.words))
	an.words = append(an.words, w)
	an.memo[spelling] = i
	return i
}

// Analyze computes a document's terms, weights and excerpts.
func (an *Analyzer) Analyze(d Document) *Analyzed {
	an.doc++
	an.terms = an.terms[:0]
	var order []int32
	textLen := 0
	// Places are added in order (page, then each section), so each term's
	// weight in a place is complete when the next place starts.
	add := func(text string, w float64, loc int) {
		for i := 0; ; {
			start, end := nextWord(text, i)
			if start == end {
				return
			}
			i = end
			sp := text[start:end]
			h := uint32(2166136261) // FNV-1a
			for k := 0; k < len(sp); k++ {
				h = (h ^ uint32(sp[k])) * 16777619
			}
			r := &an.recent[h%uint32(len(an.recent))]
			wi := r.i
			if r.spelling != sp {
				var ok bool
				if wi, ok = an.memo[sp]; !ok {
					wi = an.learn(sp)
				}
				r.spelling, r.i = an.words[wi].spelling, wi
			}
			aw := &an.words[wi]
			if aw.tid < 0 || aw.elision && elided(text, end) {
				continue
			}
			if an.seen[aw.tid] != an.doc {
				an.seen[aw.tid] = an.doc
				an.at[aw.tid] = int32(len(an.terms))
				an.terms = append(an.terms, term{bestW: -1})
				order = append(order, aw.tid)
			}
			a := &an.terms[an.at[aw.tid]]
			if w == wText {
				a.Text++
				textLen++
			} else {
				a.Short += float32(w)
			}
			if loc != a.curLoc {
				a.settle()
				a.curLoc = loc
			}
			a.curW += w
		}
	}
	add(d.Title, wTitle, 0)
	add(d.Client, wClient, 0)
	add(d.Description, wDescription, 0)
	for _, t := range d.Tools {
		add(t, wTools, 0)
	}
	for _, list := range [][]string{d.Quotes, d.Deliverables, d.Remedies, d.Verbatims} {
		for _, s := range list {
			add(s, wList, 0)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(d.Facets)) {
		if name != "kind" && name != "tools" {
			for _, v := range d.Facets[name] {
				add(v, wList, 0)
			}
		}
	}
	add(d.Body, wText, 0)
	entry := []string{d.URL, d.Title, d.Kind, clip(firstNonEmpty(d.Description, d.Body))}
	for i, s := range d.Sections {
		add(s.Heading, wHeading, i+1)
		add(s.Text, wText, i+1)
		entry = append(entry, s.Anchor, s.Heading, clip(s.Text))
	}
	x := &Analyzed{URL: d.URL, Title: d.Title, Terms: make([]string, len(order)), Weights: make([]Weight, len(order)), Entry: entry, TextLen: textLen}
	for i, tid := range order {
		x.Terms[i] = an.names[tid]
		a := &an.terms[i]
		a.settle()
		x.Weights[i] = a.Weight
	}
	x.Facets = d.Facets
	if _, ok := x.Facets["kind"]; !ok && d.Kind != "" {
		x.Facets = map[string][]string{"kind": {d.Kind}}
		maps.Copy(x.Facets, d.Facets)
	}
	return x
}

// term gathers one term's weights in one document.
type term struct {
	Weight
	curLoc      int
	curW, bestW float64
}

// settle closes the current place: the place with the most weight, the
// first on ties, is where a link for this term opens.
func (a *term) settle() {
	if a.curW > a.bestW {
		a.bestW, a.Loc = a.curW, int32(a.curLoc)
	}
	a.curW = 0
}

func firstNonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// clip keeps the start of s, cut at a space, whitespace collapsed: enough
// for an excerpt, bounded so that docs files stay small.
func clip(s string) string {
	// One pass: collapse white space and stop one word past the limit,
	// instead of splitting the whole text into fields first.
	var b strings.Builder
	n, space, lastSpace, cut := 0, false, -1, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if n == excerptRunes {
				cut = true
				break
			}
			lastSpace = b.Len()
			b.WriteByte(' ')
			n++
			space = false
		}
		if n == excerptRunes {
			cut = true
			break
		}
		b.WriteRune(r)
		n++
	}
	out := b.String()
	if !cut {
		return out
	}
	if lastSpace > excerptRunes/2 {
		out = out[:lastSpace]
	}
	return out
}
