package search

import (
	"errors"
	"maps"
	"math"
	"slices"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/search/analysis"
)

// AppendState writes what the builder holds after Files, so that a later
// build restores it (Restore) and replaces the few documents an edit
// changed, instead of adding every document again: at 10,000 pages,
// adding them and encoding every list was a warm build's longest step.
// A builder holding a document without URL is not worth keeping, and
// writes nothing.
func (b *Builder) AppendState(e *cache.Encoder) bool {
	if len(b.bad) > 0 {
		return false
	}
	b.sortTerms()
	// Sized once: grown by appends, the buffer of tens of megabytes was
	// copied and faulted in again at each doubling.
	size := 0
	for _, d := range b.docs {
		for _, x := range d {
			size += len(x) + 2
		}
	}
	for _, c := range b.chunks {
		size += len(c) + 4
	}
	for i := range b.lists {
		l := &b.lists[i]
		size += len(l.term) + len(l.entry) + len(l.head) + max(len(l.raw), 8*len(l.ps)) + 8
	}
	e.B = slices.Grow(e.B, size)
	e.String(b.lang)
	e.Int(b.shardBytes)
	e.Int(b.splitMin)
	e.Int(b.blockMin)
	e.Int(b.blockDocs)
	e.Uint64(math.Float64bits(b.entriesAvg))
	e.Uint(uint64(len(b.docs)))
	for i, d := range b.docs {
		e.Strings(d)
		e.Int(b.textLen[i])
	}
	e.Uint(uint64(len(b.chunks)))
	for _, c := range b.chunks {
		e.Bytes(c)
	}
	n := 0
	for _, id := range b.sorted {
		if !b.lists[id].empty() {
			n++
		}
	}
	e.Uint(uint64(n))
	var raw cache.Encoder
	for _, id := range b.sorted {
		l := &b.lists[id]
		if l.empty() {
			continue
		}
		e.String(l.term)
		e.Bytes(l.entry)
		e.Bytes(l.head)
		if l.raw != nil {
			e.Bytes(l.raw)
			continue
		}
		raw.B = raw.B[:0]
		raw.Uint(uint64(len(l.ps)))
		last := -1
		for _, p := range l.ps {
			raw.Uint(uint64(gap(int(p.doc), last)))
			raw.Uint(uint64(math.Float32bits(p.Short)))
			raw.Int(int(p.Text))
			raw.Int(int(p.Loc))
			last = int(p.doc)
		}
		e.Bytes(raw.B)
	}
	names := slices.Sorted(maps.Keys(b.facets))
	e.Strings(names)
	for _, name := range names {
		m := b.facets[name]
		values := slices.Sorted(maps.Keys(m))
		e.Strings(values)
		for _, v := range values {
			e.Uint(uint64(len(m[v])))
			for _, d := range m[v] {
				e.Uint(uint64(d))
			}
		}
	}
	orders := slices.Sorted(maps.Keys(b.order))
	e.Strings(orders)
	for _, name := range orders {
		e.Strings(b.order[name])
	}
	return true
}

// Restore reads the builder AppendState wrote; the caller checks d.Err.
// Its posting lists are decoded when a document they hold is replaced, or
// when their entries must be encoded again: the builder shares the
// decoder's bytes, which must stay as they are.
func Restore(d *cache.Decoder) (*Builder, error) {
	b := NewBuilder(d.String())
	b.shardBytes, b.splitMin, b.blockMin, b.blockDocs = d.Int(), d.Int(), d.Int(), d.Int()
	b.entriesAvg = math.Float64frombits(d.Uint64())
	n := d.Len()
	b.docs, b.textLen = make([][]string, n), make([]int, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		b.docs[i], b.textLen[i] = d.Strings(), d.Int()
	}
	b.chunks = make([][]byte, d.Len())
	for i := range b.chunks {
		b.chunks[i] = d.Bytes()
	}
	n = d.Len()
	b.lists = make([]postingList, n)
	b.sorted = make([]int32, n)
	b.ids = make(map[string]int32, n)
	for i := 0; i < n && d.Err() == nil; i++ {
		l := &b.lists[i]
		l.term, l.entry, l.head, l.raw = d.String(), d.Bytes(), d.Bytes(), d.Bytes()
		if l.raw == nil {
			return nil, errors.New("search state: a list without postings")
		}
		b.ids[l.term] = int32(i)
		b.sorted[i] = int32(i)
	}
	for _, name := range d.Strings() {
		m := map[string][]int{}
		for _, v := range d.Strings() {
			docs := make([]int, d.Len())
			for k := range docs {
				docs[k] = int(d.Uint())
			}
			m[v] = docs
		}
		b.facets[name] = m
	}
	for _, name := range d.Strings() {
		b.order[name] = d.Strings()
	}
	return b, d.Err()
}

// empty says that no document holds the list's term.
func (l *postingList) empty() bool { return len(l.ps) == 0 && l.raw == nil }

// df is how many documents hold the list's term, without decoding a
// restored list.
func (l *postingList) df() int {
	if l.raw != nil {
		return cache.NewDecoder(l.raw).Len()
	}
	return len(l.ps)
}

// load decodes the postings of a restored list, which it then owns.
func (l *postingList) load() {
	if l.raw == nil {
		return
	}
	d := cache.NewDecoder(l.raw)
	l.ps = make([]posting, d.Len())
	last := -1
	for i := range l.ps {
		doc := int(d.Uint())
		if last >= 0 {
			doc += last + 1
		}
		l.ps[i] = posting{doc: int32(doc), Weight: analysis.Weight{
			Short: math.Float32frombits(uint32(d.Uint())), Text: int32(d.Int()), Loc: int32(d.Int()),
		}}
		last = doc
	}
	l.raw = nil
}
