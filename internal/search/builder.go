// Package search builds the static, split search index that
// themes/default/static/js/search-core.js queries in the browser.
//
// The work follows the data: package analysis turns each page into
// weighted terms, a Builder here gathers them into posting lists (and
// replaces the pages an edit changed, for the dev server), and package
// indexfile is the format of the files Files writes. The Go query engine
// the tests and scripts/searchbytes use is in searchtest; the site itself
// searches in the browser.
package search

import (
	"fmt"
	"maps"
	"slices"

	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

const (
	// Raw; a one-word query loads about one shard, and entry.js a key per
	// shard: at 100,000 pages, where 200,000 terms hold 7 MB of postings
	// once long lists are split, shards of 6 KiB make the two cost least
	// (4.1 + 2.9 KiB gzip, against 2.4 + 5.9 at 12 KiB). Tail files are
	// cut at twice the size: the search page loads one per split term.
	shardBytes = 6 << 10
	// Documents per docs file: the 5 results shown load at most 5 files,
	// each holding one more document that is rarely wanted.
	chunkDocs = 2
	// A list of more postings is split (see indexfile): its shard keeps
	// its best postings, the whole list goes to a tail file. Below this,
	// a head would save a shard few bytes and cost full searches a file.
	splitPostings = 32
)

// Builder collects documents and writes the index. Not safe for concurrent use.
type Builder struct {
	lang                                      string
	shardBytes, splitMin, blockMin, blockDocs int
	analyzer                                  *analysis.Analyzer
	docs                                      [][]string // docs-file entry per document
	textLen                                   []int
	// partDocs is how many documents, and docs files, a part of the
	// state holds (AppendState).
	partDocs int
	// Each term's postings are lists[ids[term]]; a term numbered once
	// costs one map lookup per document that holds it.
	ids   map[string]int32
	lists []postingList
	// sorted numbers the terms in order; fresh holds those numbered
	// since, merged in by the next Files: sorting every term again cost
	// the dev server 4 ms of each rebuild at 1,000 pages.
	sorted, fresh []int32
	// live numbers the lists some document holds, in term order; nil
	// when they must be found again, a list having emptied or filled.
	// stale numbers those touched since the last Files.
	live, stale []int32
	facets      map[string]map[string][]int
	// facetData caches each facet's encoded values (facetFile) until one
	// of them changes.
	facetData map[string][]byte
	order     map[string][]string
	bad       []string
	// chunks caches each docs file's JSON between calls to Files; Replace
	// clears the chunk it changes, Add the last one.
	chunks [][]byte
	// shardFiles and tailFiles are the last Files' shards and tail
	// files, reused while they hold the same lists, none of them changed.
	shardFiles, tailFiles []listFile
	// Each list's entry caches its encoded postings, valid while the
	// average text length they were scaled by stays entriesAvg; adding
	// or replacing a document clears the entries of its terms.
	entriesAvg float64
}

// postingList is a term's postings, by document, and its cached entry
// and, for a list long enough to be split, head.
type postingList struct {
	term  string
	ps    []posting
	entry []byte
	head  []byte
	// raw holds the postings of a restored list (Restore) until load
	// decodes them into ps.
	raw []byte
	// blocks caches, once Replace has edited a long list, each range of
	// blockDocs documents: its encoding, less the gap before its first
	// posting, which depends on the range before, and its best postings,
	// of which the list's head is made. A page's edit then re-encodes and
	// ranks one range of its common words' lists, not whole lists of
	// thousands of postings. A block without bytes is made again.
	blocks  []block
	blocked bool
	// member is a split list's member of its shard: its count of
	// documents, the number of its tail file, tail, and its head.
	member []byte
	tail   int
	// stale says that the entry and head must be encoded again (the
	// list is in Builder.stale), and
	// changed that they, or the member, came out other than they were
	// since the last Files, whose files that hold the list are then made
	// again: a page's edit moves few of its terms' entries.
	stale, changed bool
}

// block is the cache of one range of a long list (postingList.blocks).
type block struct {
	enc []byte
	top []ranked // its best postings, in ranking order
}

// Block caching applies to lists of at least blockMin postings, in ranges
// of blockDocs documents; fields of Builder so that tests can make small
// lists use it.
const (
	blockMin  = 256
	blockDocs = 128
)

// posting is one term in one document.
type posting struct {
	doc int32
	analysis.Weight
}

// touch returns the postings of term, numbering it if it is new, and
// records that document doc's posting in them changed, was added or was
// removed. An edit (Replace) of a long list starts caching its blocks;
// adding documents, as a full build does, encodes lists whole.
func (b *Builder) touch(term string, doc int, edit bool) *postingList {
	id, ok := b.ids[term]
	if !ok {
		id = int32(len(b.lists))
		b.ids[term] = id
		b.lists = append(b.lists, postingList{term: term})
		b.fresh = append(b.fresh, id)
	}
	l := &b.lists[id]
	l.load()
	if !l.stale {
		l.stale = true
		b.stale = append(b.stale, id)
	}
	switch {
	case l.blocked:
		if k := doc / b.blockDocs; k < len(l.blocks) {
			l.blocks[k] = block{}
		}
	case edit && len(l.ps) >= b.blockMin:
		l.blocked = true
	}
	return l
}

// NewBuilder returns a Builder for a site in lang: "fr" and "en" are stemmed
// and have stop words, any other language is only folded.
func NewBuilder(lang string) *Builder {
	return &Builder{
		lang:       lang,
		shardBytes: shardBytes,
		splitMin:   splitPostings,
		blockMin:   blockMin,
		blockDocs:  blockDocs,
		partDocs:   256,
		ids:        map[string]int32{},
		facets:     map[string]map[string][]int{},
		facetData:  map[string][]byte{},
		order:      map[string][]string{},
	}
}

// SetFacetOrder lists values of a facet in the order filters show them (the
// site's lifecycle stages for scopes, say); other values follow by name.
func (b *Builder) SetFacetOrder(facet string, values []string) {
	delete(b.facetData, facet)
	b.order[facet] = slices.Clone(values)
}

// SetShardBytes sets the size, in raw bytes, at which shards are cut (6
// KiB by default), and tail files at twice that: smaller shards make a
// query load less and a prefix span more of them.
func (b *Builder) SetShardBytes(n int) { b.shardBytes = n }

// SetSplitPostings sets the length above which a posting list is split
// into a head and a tail (32 by default): tests split short lists.
func (b *Builder) SetSplitPostings(n int) { b.splitMin = max(n, indexfile.HeadPostings) }

// Add indexes d as the next document. Documents are numbered in the order
// they are added, which breaks ties in ranking, so callers add them in a
// deterministic order.
func (b *Builder) Add(d analysis.Document) {
	if b.analyzer == nil {
		b.analyzer = analysis.NewAnalyzer(b.lang)
	}
	b.AddAnalyzed(b.analyzer.Analyze(d))
}

// AddAnalyzed indexes an analysed document as the next document.
func (b *Builder) AddAnalyzed(x *analysis.Analyzed) {
	id := len(b.docs)
	if x.URL == "" {
		b.bad = append(b.bad, fmt.Sprintf("document %d (%q) has no URL", id, x.Title))
	}
	for i, t := range x.Terms {
		l := b.touch(t, id, false)
		if len(l.ps) == 0 {
			b.live = nil
		}
		l.ps = append(l.ps, posting{int32(id), x.Weights[i]})
	}
	b.docs = append(b.docs, x.Entry)
	if c := id / chunkDocs; c < len(b.chunks) {
		b.chunks[c] = nil
	}
	b.textLen = append(b.textLen, x.TextLen)
	b.addFacets(id, x.Facets)
}

// Replace swaps the document numbered i, which old describes, for x. The
// dev server keeps one Builder and replaces the pages an edit changed,
// instead of adding every page again; the files written are the same as a
// Builder given the same documents from scratch.
func (b *Builder) Replace(i int, old, x *analysis.Analyzed) {
	// The lists some document holds change when the edit fills an empty
	// list or empties one: checked before and after it, since a term of
	// both versions empties and fills its list on the way.
	for _, t := range x.Terms {
		if id, ok := b.ids[t]; !ok || b.lists[id].empty() {
			b.live = nil
		}
	}
	// A term no document holds any more keeps its number and an empty
	// list, which shards skips.
	for _, t := range old.Terms {
		l := b.touch(t, i, true)
		if k, found := slices.BinarySearchFunc(l.ps, i, byDoc); found {
			l.ps = slices.Delete(l.ps, k, k+1)
		}
	}
	for j, t := range x.Terms {
		l := b.touch(t, i, true)
		k, _ := slices.BinarySearchFunc(l.ps, i, byDoc)
		l.ps = slices.Insert(l.ps, k, posting{int32(i), x.Weights[j]})
	}
	for _, t := range old.Terms {
		if b.lists[b.ids[t]].empty() {
			b.live = nil
		}
	}
	if !maps.EqualFunc(old.Facets, x.Facets, slices.Equal) {
		b.replaceFacets(i, old.Facets, x.Facets)
	}
	b.docs[i] = x.Entry
	if c := i / chunkDocs; c < len(b.chunks) {
		b.chunks[c] = nil
	}
	b.textLen[i] = x.TextLen
	if x.URL == "" {
		b.bad = append(b.bad, fmt.Sprintf("document %d (%q) has no URL", i, x.Title))
	}
}

// replaceFacets moves document i from the facet values old gives to
// those x gives.
func (b *Builder) replaceFacets(i int, old, x map[string][]string) {
	for name, values := range old {
		delete(b.facetData, name)
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
	b.addFacets(i, x)
}

// addFacets records document i under each of its facet values, keeping
// each value's documents in order.
func (b *Builder) addFacets(i int, facets map[string][]string) {
	for name, values := range facets {
		delete(b.facetData, name)
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

func byDoc(p posting, doc int) int { return int(p.doc) - doc }
