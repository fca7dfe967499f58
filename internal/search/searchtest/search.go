// Package searchtest answers queries from the search index files in Go, as
// search-core.js does in the browser, for the tests (which check that both
// rank alike) and scripts/searchbytes (which compares the ranking with
// Pagefind's). The site itself never runs it.
package searchtest

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

// Query limits, the same in search-core.js.
const (
	maxQueryWords   = 8 // later words are ignored: a pasted paragraph stays cheap
	maxPrefixShards = 4 // a prefix spanning more shards is matched exactly
	// A prefix whose other terms' split lists lie in more tail files is
	// matched exactly too: ranking them loads their tails, and at 100,000
	// pages "contrat" typed last loaded 7 tail files. At 2, the letters
	// before a last word no longer loaded its tail, which its last key
	// then waited for (78 ms against 33 at 10,000 pages).
	maxPrefixTails  = 4
	minFallbackRune = 3 // shortest indexed word a half-typed word falls back to
)

// Hit is one result of Search.
type Hit struct {
	Doc     int // document number, in Add order
	URL     string
	Anchor  string // the section the link opens at; "" for the top of the page
	Title   string
	Heading string // that section's heading
	Score   int
}

// FacetCount is how many results have a facet value.
type FacetCount struct {
	Value string
	Count int
}

// Result is what Search finds.
type Result struct {
	Hits   []Hit                   // best first
	Total  int                     // how many documents match, filter aside
	Facets map[string][]FacetCount // counts over Hits, values in index order, zero counts left out
	Terms  []string                // the indexed terms the query matched, for highlighting
	// Tails are the tail files (indexfile.TailPath) the search read.
	Tails []int
}

// Search answers query from the index files as search-core.js does in the
// browser: every word must match (the last one, while being typed, as a
// prefix); filter keeps the hits that have every listed facet value.
func Search(files []indexfile.File, query string, filter map[string][]string) (*Result, error) {
	ix, err := readIndex(files)
	if err != nil {
		return nil, err
	}
	return ix.search(query, filter, 0), nil
}

// SearchTop answers query as the header box does, which shows the first
// top hits and the number of all: a word matching one split list ranks its
// head alone, without its tail (indexfile), so Hits may hold only the
// first ones. The hits it gives are Search's first ones.
func SearchTop(files []indexfile.File, query string, top int) (*Result, error) {
	ix, err := readIndex(files)
	if err != nil {
		return nil, err
	}
	return ix.search(query, nil, top), nil
}

type index struct {
	lang   string
	n      int
	keys   []string
	chunk  int
	facets []string
	head   int
	shards []map[string]string
	tails  []map[string]string
	docs   [][]string
	values [][][2]string
}

func readIndex(files []indexfile.File) (*index, error) {
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	var entry indexfile.Entry
	if err := indexfile.DecodeCall(byPath[indexfile.EntryPath], "entry", &entry); err != nil {
		return nil, fmt.Errorf("%s: %w", indexfile.EntryPath, err)
	}
	ix := &index{lang: entry.Lang, n: entry.N, keys: entry.Keys, chunk: entry.Chunk, head: entry.Head, facets: entry.Facets}
	for i := 0; i <= len(ix.keys); i++ {
		var s map[string]string
		if err := indexfile.DecodeCall(byPath[indexfile.ShardPath(i)], "shard", &s); err != nil {
			return nil, fmt.Errorf("%s: %w", indexfile.ShardPath(i), err)
		}
		ix.shards = append(ix.shards, s)
	}
	// Nothing counts the tail files: they are numbered from 0 on.
	for i := 0; byPath[indexfile.TailPath(i)] != nil; i++ {
		var s map[string]string
		if err := indexfile.DecodeCall(byPath[indexfile.TailPath(i)], "tail", &s); err != nil {
			return nil, fmt.Errorf("%s: %w", indexfile.TailPath(i), err)
		}
		ix.tails = append(ix.tails, s)
	}
	for i := 0; i*ix.chunk < ix.n; i++ {
		var d [][]string
		if err := indexfile.DecodeCall(byPath[indexfile.DocsPath(i)], "docs", &d); err != nil {
			return nil, fmt.Errorf("%s: %w", indexfile.DocsPath(i), err)
		}
		ix.docs = append(ix.docs, d...)
	}
	for i := range ix.facets {
		var v [][2]string
		if err := indexfile.DecodeCall(byPath[indexfile.FacetPath(i)], "facet", &v); err != nil {
			return nil, fmt.Errorf("%s: %w", indexfile.FacetPath(i), err)
		}
		ix.values = append(ix.values, v)
	}
	return ix, nil
}

// shardFor returns the shard that holds term t if it is indexed.
func (ix *index) shardFor(t string) int {
	i, _ := slices.BinarySearchFunc(ix.keys, t, func(k, t string) int {
		if k <= t {
			return -1
		}
		return 1
	})
	return i
}

// has says that term t is indexed.
func (ix *index) has(t string) bool {
	_, ok := ix.shards[ix.shardFor(t)][t]
	return ok
}

// prefixShards returns the shards holding terms that start with p.
func (ix *index) prefixShards(p string) []int {
	s := []int{ix.shardFor(p)}
	for i := s[0]; i < len(ix.keys) && strings.HasPrefix(ix.keys[i], p); i++ {
		s = append(s, i+1)
	}
	return s
}

type match struct {
	term string
	full bool // exact match; prefix and fallback matches count half
}

// matches lists the terms a query word matches, best first.
func (ix *index) matches(w queryWord) []match {
	// A half-typed word's stem may be shorter than what was typed ("rési"
	// stems to "res"): the letters typed are then the prefix, so that
	// "rési" finds résiliation and not réserves.
	if w.prefix && len(w.folded) > len(w.term) && strings.HasPrefix(w.folded, w.term) {
		if m := ix.prefixMatches(w.folded); len(m) > 0 {
			return m
		}
	}
	var m []match
	if ix.has(w.term) {
		m = append(m, match{w.term, true})
	}
	if !w.prefix {
		return m
	}
	for _, pm := range ix.prefixMatches(w.term) {
		if pm.term != w.term {
			m = append(m, pm)
		}
	}
	if len(m) > 0 {
		return m
	}
	for _, p := range fallbackPrefixes(w.folded) {
		if ix.has(p) {
			return []match{{p, false}}
		}
	}
	return nil
}

// prefixMatches lists the terms that start with p, in order, p itself
// (a whole word) first; none when p spans too many shards to load.
func (ix *index) prefixMatches(p string) []match {
	shards := ix.prefixShards(p)
	if len(shards) > maxPrefixShards {
		return nil
	}
	var m []match
	if ix.has(p) {
		m = append(m, match{p, true})
	}
	var more []string
	tails := map[int]bool{}
	for _, i := range shards {
		for t := range ix.shards[i] {
			if t != p && strings.HasPrefix(t, p) {
				more = append(more, t)
				if l := ix.list(t); l.head {
					tails[l.tail] = true
				}
			}
		}
	}
	if len(tails) > maxPrefixTails {
		return nil
	}
	slices.Sort(more)
	for _, t := range more {
		m = append(m, match{t, false})
	}
	return m
}

// fallbackPrefixes are the prefixes of a half-typed word, longest first,
// whose stem may be indexed while the word's own stem is not
// ("adoptio" → "adopt").
func fallbackPrefixes(folded string) []string {
	var ends []int
	for i := range folded {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(folded))
	var ps []string
	for r := len(ends); r >= minFallbackRune; r-- {
		ps = append(ps, folded[:ends[r-1]])
	}
	return ps
}

type queryWord struct {
	term, folded string
	prefix       bool
}

// queryWords turns a query into the words to look up, as search-core.js does.
func queryWords(lang, query string) []queryWord {
	toks := analysis.Tokenize(lang, query)
	var words []queryWord
	for _, t := range toks {
		if t.Term == "" || slices.ContainsFunc(words, func(w queryWord) bool { return w.term == t.Term }) {
			continue
		}
		if len(words) == maxQueryWords {
			break
		}
		words = append(words, queryWord{term: t.Term, folded: t.Folded})
	}
	if n := len(toks); n > 0 && len(words) > 0 {
		last := toks[n-1]
		if w := &words[len(words)-1]; last.AtEnd && last.Term == w.term {
			w.prefix = true
		}
	}
	return words
}

// idf is BM25's inverse document frequency in thousandths, an integer so
// that Go and JavaScript rank ties alike.
func idf(n, df int) int {
	return int(math.Round(1000 * math.Log(1+(float64(n-df)+0.5)/(float64(df)+0.5))))
}

type scored struct {
	score int
	loc   int // where the link opens
	top   int // the largest one word's part of score, which chose loc
}

// list is what the index holds of a term: the number of documents
// holding it, its postings as pairs of numbers (document, loc*32+q) and,
// for a split list, its tail file; head says that the postings are only
// the list's head.
type list struct {
	df, tail int
	pairs    []int
	head     bool
}

func (ix *index) list(t string) list {
	v := ix.shards[ix.shardFor(t)][t]
	meta, head, split := strings.Cut(v, ".")
	if !split {
		pairs := undoGaps(meta)
		return list{df: len(pairs) / 2, tail: -1, pairs: pairs}
	}
	m, _ := indexfile.ReadNums(meta)
	nums, _ := indexfile.ReadNums(head)
	return list{df: m[0], tail: m[1], pairs: nums, head: true}
}

// undoGaps decodes a whole list into pairs whose documents are numbers,
// not gaps.
func undoGaps(enc string) []int {
	nums, _ := indexfile.ReadNums(enc)
	for i := 2; i+1 < len(nums); i += 2 {
		nums[i] += nums[i-2] + 1
	}
	return nums
}

func (ix *index) search(query string, filter map[string][]string, top int) *Result {
	res := &Result{Facets: map[string][]FacetCount{}}
	words := queryWords(ix.lang, query)
	all := make([][]match, len(words))
	for i, w := range words {
		all[i] = ix.matches(w)
	}
	// A word matching one split list ranks its head alone when the hits
	// wanted are in it and the score is the list's order: the first top
	// hits are then its first postings, their number its length.
	headOnly := top > 0 && top <= ix.head && len(words) == 1 && len(all[0]) == 1
	var total map[int]scored
	for _, ms := range all {
		word := map[int]scored{}
		for _, m := range ms {
			res.Terms = append(res.Terms, m.term)
			l := ix.list(m.term)
			weight := idf(ix.n, l.df)
			if m.full {
				weight *= 2
			}
			if l.head {
				if headOnly && weight > 0 {
					res.Total = l.df
				} else {
					res.Tails = append(res.Tails, l.tail)
					l.pairs = undoGaps(ix.tails[l.tail][m.term])
				}
			}
			for i := 0; i+1 < len(l.pairs); i += 2 {
				doc := l.pairs[i]
				s := weight * (l.pairs[i+1] & 31)
				if old, ok := word[doc]; !ok || s > old.score {
					word[doc] = scored{s, l.pairs[i+1] >> 5, s}
				}
			}
		}
		if total == nil {
			total = word
			continue
		}
		for d, t := range total {
			s, ok := word[d]
			if !ok {
				delete(total, d)
				continue
			}
			if s.top > t.top {
				t.loc, t.top = s.loc, s.top
			}
			t.score += s.score
			total[d] = t
		}
	}
	if res.Total == 0 {
		res.Total = len(total)
	}
	docs := make([]int, 0, len(total))
	for d := range total {
		if ix.keep(d, filter) {
			docs = append(docs, d)
		}
	}
	slices.SortFunc(docs, func(a, b int) int {
		if c := total[b].score - total[a].score; c != 0 {
			return c
		}
		return a - b
	})
	for _, d := range docs {
		frag := ix.docs[d]
		h := Hit{Doc: d, URL: str(frag, 0), Title: str(frag, 1), Score: total[d].score}
		if loc := total[d].loc; loc > 0 {
			h.Anchor, h.Heading = str(frag, 1+3*loc), str(frag, 2+3*loc)
		}
		res.Hits = append(res.Hits, h)
	}
	in := map[int]bool{}
	for _, d := range docs {
		in[d] = true
	}
	for i, name := range ix.facets {
		for _, v := range ix.values[i] {
			n := 0
			for _, d := range facetDocs(v[1]) {
				if in[d] {
					n++
				}
			}
			if n > 0 {
				res.Facets[name] = append(res.Facets[name], FacetCount{v[0], n})
			}
		}
	}
	return res
}

func str(frag []string, i int) string {
	if i < len(frag) {
		return frag[i]
	}
	return ""
}

// keep reports whether document d has every value filter asks for.
func (ix *index) keep(d int, filter map[string][]string) bool {
	for name, want := range filter {
		i := slices.Index(ix.facets, name)
		for _, w := range want {
			if i < 0 {
				return false
			}
			j := slices.IndexFunc(ix.values[i], func(v [2]string) bool { return v[0] == w })
			if j < 0 || !slices.Contains(facetDocs(ix.values[i][j][1]), d) {
				return false
			}
		}
	}
	return true
}

func facetDocs(enc string) []int {
	nums, _ := indexfile.ReadNums(enc)
	for i := 1; i < len(nums); i++ {
		nums[i] += nums[i-1] + 1
	}
	return nums
}
