// Package search builds the static, split search index that
// themes/default/static/js/search.js queries in the browser.
//
// The index is a set of JavaScript files, each one call of a global callback
// (parcoursSearch.entry, .shard, .docs, .facet) so that the browser can load
// it with <script> tags: fetch of local files is blocked when a site is opened
// from file://. Layout, relative to the folder the caller writes it to:
//
//	entry.js   parcoursSearch.entry({v, lang, n, keys, chunk, facets})
//	           v: version (hash of the other files), appended as ?v= to their
//	           URLs; n: documents; keys: first key of shards 1…; chunk:
//	           documents per docs file; facets: facet names.
//	t/<i>.js   parcoursSearch.shard(i, {term: postings, …}), terms in code
//	           point order. Shard i holds the terms t with keys[i-1] <= t <
//	           keys[i]; shards are cut at about shardBytes.
//	d/<i>.js   parcoursSearch.docs(i, [doc, …]) for documents i*chunk…, each
//	           [url, title, kind, excerpt, anchor1, heading1, excerpt1, …]
//	f/<i>.js   parcoursSearch.facet(i, [[value, docs], …]), facets[i]'s values
//
// Postings are numbers (see appendNum), two per document: the document
// number (the first absolute, then the gap minus one to the previous), then
// loc*32+q, where q (1…31) is the BM25F term-frequency part of the score and
// loc the place that gives the term most weight: 0 for the page, i for the
// page's section i (its anchor is in the docs file). The client derives IDF
// from a posting list's length, so the score of a page never depends on a
// table that grows with the site. Facet docs are document numbers encoded
// the same way, without the second number.
package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parcours/parcours/internal/slug"
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

// File is one file of the index, Path relative to the index folder.
type File struct {
	Path string
	Data []byte
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

// BM25 parameters, and the scale that turns the saturated term frequency
// (0…bm25K1+1) into q in 1…31, one letter in a posting.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	qScale = 14
)

const (
	shardBytes   = 12 << 10 // raw; a one-word query loads about one shard
	chunkDocs    = 4        // documents per docs file: the 5 results shown load at most 5
	excerptRunes = 220      // excerpt source kept per page and per section
)

// facetNames fixes the order of the well-known facets; others follow by name.
var facetNames = []string{"kind", "scopes", "tools", "sectors"}

// Builder collects documents and writes the index. Not safe for concurrent use.
type Builder struct {
	lang                            string
	shardBytes, blockMin, blockDocs int
	analyzer                        *Analyzer
	docs                            [][]any // docs-file entry per document
	textLen                         []int
	// Each term's postings are lists[ids[term]]; a term numbered once
	// costs one map lookup per document that holds it.
	ids   map[string]int32
	lists []postingList
	// sorted numbers the terms in order; fresh holds those numbered
	// since, merged in by the next Files: sorting every term again cost
	// the dev server 4 ms of each rebuild at 1,000 pages.
	sorted, fresh []int32
	facets        map[string]map[string][]int
	order         map[string][]string
	bad           []string
	// chunks caches each docs file's JSON between calls to Files; Replace
	// clears the chunk it changes, Add the last one.
	chunks [][]byte
	// Each list's entry caches its encoded postings, valid while the
	// average text length they were scaled by stays entriesAvg; adding
	// or replacing a document clears the entries of its terms.
	entriesAvg float64
}

// postingList is a term's postings, by document, and its cached entry.
type postingList struct {
	term  string
	ps    []posting
	entry []byte
	// blocks caches, once Replace has edited a long list, the encoding of
	// each range of blockDocs documents, less the gap before its first
	// posting, which depends on the range before: a page's edit then
	// re-encodes one range of its common words' lists, not whole lists of
	// thousands of postings. A nil block is encoded again.
	blocks  [][]byte
	blocked bool
}

// Block caching applies to lists of at least blockMin postings, in ranges
// of blockDocs documents; fields of Builder so that tests can make small
// lists use it.
const (
	blockMin  = 256
	blockDocs = 128
)

// touch records that document doc's posting in l changed, was added or
// was removed. An edit (Replace) of a long list starts caching its blocks;
// adding documents, as a full build does, encodes lists whole.
func (b *Builder) touch(l *postingList, doc int, edit bool) {
	l.entry = nil
	switch {
	case l.blocked:
		if k := doc / b.blockDocs; k < len(l.blocks) {
			l.blocks[k] = nil
		}
	case edit && len(l.ps) >= b.blockMin:
		l.blocked = true
	}
}

// list returns the postings of term, numbering it if it is new.
func (b *Builder) list(term string) *postingList {
	id, ok := b.ids[term]
	if !ok {
		id = int32(len(b.lists))
		b.ids[term] = id
		b.lists = append(b.lists, postingList{term: term})
		b.fresh = append(b.fresh, id)
	}
	return &b.lists[id]
}

// posting is one term in one document. Its fields are 32 bits wide: a
// 10,000-page site holds millions of postings, and weights are sums of small
// whole numbers that float32 holds exactly.
type posting struct {
	doc   int32
	short float32 // weighted frequency in short fields
	text  int32   // frequency in body and section text
	loc   int32
}

// NewBuilder returns a Builder for a site in lang: "fr" and "en" are stemmed
// and have stop words, any other language is only folded.
func NewBuilder(lang string) *Builder {
	return &Builder{
		lang:       lang,
		shardBytes: shardBytes,
		blockMin:   blockMin,
		blockDocs:  blockDocs,
		ids:        map[string]int32{},
		facets:     map[string]map[string][]int{},
		order:      map[string][]string{},
	}
}

// SetFacetOrder lists values of a facet in the order filters show them (the
// site's lifecycle stages for scopes, say); other values follow by name.
func (b *Builder) SetFacetOrder(facet string, values []string) {
	b.order[facet] = slices.Clone(values)
}

// Add indexes d as the next document. Documents are numbered in the order
// they are added, which breaks ties in ranking, so callers add them in a
// deterministic order.
func (b *Builder) Add(d Document) {
	if b.analyzer == nil {
		b.analyzer = NewAnalyzer(b.lang)
	}
	b.AddAnalyzed(b.analyzer.Analyze(d))
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

// NewAnalyzer returns an Analyzer for a site in lang.
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

// Analyzed is a document ready to be added to a Builder. It is read-only,
// so one value may be added to several builders.
type Analyzed struct {
	url, title string
	terms      []string
	posts      []posting // doc is set when added
	frag       []any
	textLen    int
	facets     map[string][]string
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
				a.text++
				textLen++
			} else {
				a.short += float32(w)
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
	frag := []any{d.URL, d.Title, d.Kind, clip(firstNonEmpty(d.Description, d.Body))}
	for i, s := range d.Sections {
		add(s.Heading, wHeading, i+1)
		add(s.Text, wText, i+1)
		frag = append(frag, s.Anchor, s.Heading, clip(s.Text))
	}
	x := &Analyzed{url: d.URL, title: d.Title, terms: make([]string, len(order)), posts: make([]posting, len(order)), frag: frag, textLen: textLen}
	for i, tid := range order {
		x.terms[i] = an.names[tid]
		a := &an.terms[i]
		a.settle()
		x.posts[i] = a.posting
	}
	x.facets = d.Facets
	if _, ok := x.facets["kind"]; !ok && d.Kind != "" {
		x.facets = map[string][]string{"kind": {d.Kind}}
		maps.Copy(x.facets, d.Facets)
	}
	return x
}

// Replace swaps the document numbered i, which old describes, for x. The
// dev server keeps one Builder and replaces the pages an edit changed,
// instead of adding every page again; the files written are the same as a
// Builder given the same documents from scratch.
func (b *Builder) Replace(i int, old, x *Analyzed) {
	// A term no document holds any more keeps its number and an empty
	// list, which shards skips.
	for _, t := range old.terms {
		l := b.list(t)
		b.touch(l, i, true)
		if k, found := slices.BinarySearchFunc(l.ps, i, byDoc); found {
			l.ps = slices.Delete(l.ps, k, k+1)
		}
	}
	for j, t := range x.terms {
		p := x.posts[j]
		p.doc = int32(i)
		l := b.list(t)
		b.touch(l, i, true)
		k, _ := slices.BinarySearchFunc(l.ps, i, byDoc)
		l.ps = slices.Insert(l.ps, k, p)
	}
	for name, values := range old.facets {
		for _, v := range values {
			docs := b.facets[name][v]
			if k, found := slices.BinarySearch(docs, i); found {
				docs = slices.Delete(docs, k, k+1)
				if len(docs) == 0 {
					delete(b.facets[name], v)
				} else {
					b.facets[name][v] = docs
				}
			}
		}
		if len(b.facets[name]) == 0 {
			delete(b.facets, name)
		}
	}
	b.addFacets(i, x.facets)
	b.docs[i] = x.frag
	if c := i / chunkDocs; c < len(b.chunks) {
		b.chunks[c] = nil
	}
	b.textLen[i] = x.textLen
	if x.url == "" {
		b.bad = append(b.bad, fmt.Sprintf("document %d (%q) has no URL", i, x.title))
	}
}

// addFacets records document i under each of its facet values, keeping
// each value's documents in order.
func (b *Builder) addFacets(i int, facets map[string][]string) {
	for name, values := range facets {
		m := b.facets[name]
		if m == nil {
			m = map[string][]int{}
			b.facets[name] = m
		}
		for _, v := range values {
			if v == "" {
				continue
			}
			docs := m[v]
			if k, found := slices.BinarySearch(docs, i); !found {
				m[v] = slices.Insert(docs, k, i)
			}
		}
	}
}

// AddAnalyzed indexes an analysed document as the next document.
func (b *Builder) AddAnalyzed(x *Analyzed) {
	id := len(b.docs)
	if x.url == "" {
		b.bad = append(b.bad, fmt.Sprintf("document %d (%q) has no URL", id, x.title))
	}
	for i, t := range x.terms {
		p := x.posts[i]
		p.doc = int32(id)
		l := b.list(t)
		b.touch(l, id, false)
		l.ps = append(l.ps, p)
	}
	b.docs = append(b.docs, x.frag)
	if c := id / chunkDocs; c < len(b.chunks) {
		b.chunks[c] = nil
	}
	b.textLen = append(b.textLen, x.textLen)
	b.addFacets(id, x.facets)
}

func byDoc(p posting, doc int) int { return int(p.doc) - doc }

// term gathers one term's weights in one document.
type term struct {
	posting
	curLoc      int
	curW, bestW float64
}

// settle closes the current place: the place with the most weight, the
// first on ties, is where a link for this term opens.
func (a *term) settle() {
	if a.curW > a.bestW {
		a.bestW, a.loc = a.curW, int32(a.curLoc)
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

// Files returns the whole index. Same documents in the same order give the
// same bytes.
func (b *Builder) Files() ([]File, error) {
	if len(b.bad) > 0 {
		return nil, fmt.Errorf("search index: %s", strings.Join(b.bad, "; "))
	}
	var files []File
	keys, shards := b.shards()
	for i, s := range shards {
		files = append(files, File{fmt.Sprintf("t/%d.js", i), call("shard", i, s)})
	}
	for i := 0; i*chunkDocs < len(b.docs); i++ {
		if i == len(b.chunks) {
			b.chunks = append(b.chunks, nil)
		}
		if b.chunks[i] == nil {
			chunk := b.docs[i*chunkDocs : min(len(b.docs), (i+1)*chunkDocs)]
			b.chunks[i] = call("docs", i, appendDocs(nil, chunk))
		}
		files = append(files, File{fmt.Sprintf("d/%d.js", i), b.chunks[i]})
	}
	names := b.facetNames()
	for i, name := range names {
		files = append(files, File{fmt.Sprintf("f/%d.js", i), call("facet", i, b.facetFile(name))})
	}
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s %d\n", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	entry := map[string]any{
		"v":      hex.EncodeToString(h.Sum(nil))[:12],
		"lang":   b.lang,
		"n":      len(b.docs),
		"keys":   keys,
		"chunk":  chunkDocs,
		"facets": names,
	}
	if keys == nil {
		entry["keys"] = []string{}
	}
	if names == nil {
		entry["facets"] = []string{}
	}
	data := append([]byte("parcoursSearch.entry("), mustJSON(entry)...)
	files = append([]File{{"entry.js", append(data, ");\n"...)}}, files...)
	return files, nil
}

func call(fn string, id int, arg []byte) []byte {
	out := fmt.Appendf(nil, "parcoursSearch.%s(%d,", fn, id)
	out = append(out, arg...)
	return append(out, ");\n"...)
}

// appendDocs appends a chunk of document entries as a JSON array; entries
// hold only strings, and encoding/json's reflection showed in rebuilds.
func appendDocs(out []byte, chunk [][]any) []byte {
	out = append(out, '[')
	for i, d := range chunk {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		for j, v := range d {
			if j > 0 {
				out = append(out, ',')
			}
			s, ok := v.(string)
			if !ok {
				out = append(out, mustJSON(v)...)
				continue
			}
			out = appendJSONString(out, s)
		}
		out = append(out, ']')
	}
	return append(out, ']')
}

// appendJSONString appends s as a JSON string; terms are written by the
// thousand, where encoding/json's reflection shows in profiles.
func appendJSONString(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c == '\n':
			out = append(out, '\\', 'n')
		case c == '\r':
			out = append(out, '\\', 'r')
		case c == '\t':
			out = append(out, '\\', 't')
		case c < 0x20:
			out = fmt.Appendf(out, "\\u%04x", c)
		case c == '<' || c == '>' || c == '&':
			// As encoding/json does, so that both give the same bytes.
			out = fmt.Appendf(out, "\\u%04x", c)
		case c < utf8.RuneSelf:
			out = append(out, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				out = append(out, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				out = fmt.Appendf(out, "\\u%04x", r)
			default:
				out = append(out, s[i:i+size]...)
			}
			i += size - 1
		}
	}
	return append(out, '"')
}

func mustJSON(v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		// Only strings, numbers, slices and maps of them reach here.
		panic(err)
	}
	return out
}

// shards encodes every posting list and cuts the sorted terms into shards.
func (b *Builder) shards() (keys []string, shards [][]byte) {
	if len(b.fresh) > 0 {
		byTerm := func(x, y int32) int { return strings.Compare(b.lists[x].term, b.lists[y].term) }
		slices.SortFunc(b.fresh, byTerm)
		merged := make([]int32, 0, len(b.sorted)+len(b.fresh))
		i, j := 0, 0
		for i < len(b.sorted) && j < len(b.fresh) {
			if byTerm(b.sorted[i], b.fresh[j]) < 0 {
				merged = append(merged, b.sorted[i])
				i++
			} else {
				merged = append(merged, b.fresh[j])
				j++
			}
		}
		merged = append(append(merged, b.sorted[i:]...), b.fresh[j:]...)
		b.sorted, b.fresh = merged, b.fresh[:0]
	}
	lists := make([]*postingList, 0, len(b.sorted))
	for _, id := range b.sorted {
		if l := &b.lists[id]; len(l.ps) > 0 {
			lists = append(lists, l)
		}
	}
	avg := 0.0
	for _, n := range b.textLen {
		avg += float64(n)
	}
	if len(b.textLen) > 0 {
		// A whole number of words: editing one page of many then rarely
		// moves it, so the entries of the terms that page does not hold
		// stay as they were and need not be encoded again.
		avg = math.Round(avg / float64(len(b.textLen)))
	}
	if avg != b.entriesAvg {
		for i := range b.lists {
			b.lists[i].entry = nil
			clear(b.lists[i].blocks)
		}
		b.entriesAvg = avg
	}
	// Each term's entry missing from the cache is encoded on every core;
	// cutting them into shards in order is cheap.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(lists); i += workers {
				l := lists[i]
				if l.entry != nil {
					continue
				}
				e := appendJSONString(nil, l.term)
				e = append(e, ':', '"')
				if l.blocked {
					e = b.encodeBlocks(e, l, avg)
				} else {
					e = b.encodePostings(e, l.ps, avg)
				}
				l.entry = append(e, '"')
			}
		}(w)
	}
	wg.Wait()
	var cur []byte
	prev := ""
	for _, l := range lists {
		t, entry := l.term, l.entry
		if len(cur) > 0 && len(cur)+len(entry) > b.shardBytes {
			shards = append(shards, append(cur, '}'))
			keys = append(keys, separator(prev, t))
			cur = nil
		}
		if len(cur) == 0 {
			cur = append(cur, '{')
		} else {
			cur = append(cur, ',')
		}
		cur = append(cur, entry...)
		prev = t
	}
	if len(cur) == 0 {
		cur = append(cur, '{')
	}
	return keys, append(shards, append(cur, '}'))
}

// separator returns the shortest prefix of next that sorts after prev, so
// that the entry file's shard keys stay short.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && next[:i] > prev {
			return next[:i]
		}
	}
	return next
}

// encodePostings appends a posting list: for each posting, the gap in
// document numbers from the one before (the first document's number for
// the first), then its place and weight.
func (b *Builder) encodePostings(out []byte, ps []posting, avg float64) []byte {
	last := -1
	for _, p := range ps {
		out = appendNum(out, gap(int(p.doc), last))
		out = b.appendWeight(out, p, avg)
		last = int(p.doc)
	}
	return out
}

// encodeBlocks appends the same bytes as encodePostings, from the list's
// cached blocks, encoding again only those a change cleared.
func (b *Builder) encodeBlocks(out []byte, l *postingList, avg float64) []byte {
	if n := int(l.ps[len(l.ps)-1].doc)/b.blockDocs + 1; len(l.blocks) < n {
		l.blocks = append(l.blocks, make([][]byte, n-len(l.blocks))...)
	}
	last := -1
	for lo := 0; lo < len(l.ps); {
		k := int(l.ps[lo].doc) / b.blockDocs
		hi, _ := slices.BinarySearchFunc(l.ps[lo:], (k+1)*b.blockDocs, byDoc)
		hi += lo
		if l.blocks[k] == nil {
			e := b.appendWeight(nil, l.ps[lo], avg)
			for j := lo + 1; j < hi; j++ {
				e = appendNum(e, gap(int(l.ps[j].doc), int(l.ps[j-1].doc)))
				e = b.appendWeight(e, l.ps[j], avg)
			}
			l.blocks[k] = e
		}
		out = appendNum(out, gap(int(l.ps[lo].doc), last))
		out = append(out, l.blocks[k]...)
		last = int(l.ps[hi-1].doc)
		lo = hi
	}
	return out
}

func gap(doc, last int) int {
	if last < 0 {
		return doc
	}
	return doc - last - 1
}

// appendWeight appends a posting's place and its BM25 weight, scaled to
// 1…31, as one number.
func (b *Builder) appendWeight(out []byte, p posting, avg float64) []byte {
	norm := 1.0
	if avg > 0 {
		norm = 1 - bm25B + bm25B*float64(b.textLen[p.doc])/avg
	}
	tf := float64(p.short) + float64(p.text)/norm
	q := int(math.Round(tf * (bm25K1 + 1) / (tf + bm25K1) * qScale))
	q = min(max(q, 1), 31)
	return appendNum(out, int(p.loc)*32+q)
}

func (b *Builder) facetNames() []string {
	var names []string
	for _, n := range facetNames {
		if _, ok := b.facets[n]; ok {
			names = append(names, n)
		}
	}
	var rest []string
	for n := range b.facets {
		if !slices.Contains(facetNames, n) {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	return append(names, rest...)
}

func (b *Builder) facetFile(name string) []byte {
	m := b.facets[name]
	var values []string
	for _, v := range b.order[name] {
		if _, ok := m[v]; ok && !slices.Contains(values, v) {
			values = append(values, v)
		}
	}
	var rest []string
	for v := range m {
		if !slices.Contains(values, v) {
			rest = append(rest, v)
		}
	}
	slices.SortFunc(rest, func(x, y string) int {
		if c := strings.Compare(slug.Fold(x), slug.Fold(y)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	values = append(values, rest...)
	out := make([][2]string, len(values))
	for i, v := range values {
		var enc []byte
		for j, d := range m[v] {
			if j == 0 {
				enc = appendNum(enc, d)
			} else {
				enc = appendNum(enc, d-m[v][j-1]-1)
			}
		}
		out[i] = [2]string{v, string(enc)}
	}
	return mustJSON(out)
}
