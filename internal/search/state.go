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
// The state is tens of megabytes, of which an edit changes a few lists
// and one document: e gets its head, and part each of the other parts in
// turn, with the sum of its bytes, cut so that most come out as they
// were, which the caller then keeps rather than writes again. part may
// keep the bytes it is given only until it returns. A builder holding a document without URL is not
// worth keeping, and writes nothing.
func (b *Builder) AppendState(e *cache.Encoder, part func(data []byte, sum uint64)) bool {
	if len(b.bad) > 0 {
		return false
	}
	b.sortTerms()
	n := 0
	for _, id := range b.sorted {
		if !b.lists[id].empty() {
			n++
		}
	}
	e.String(b.lang)
	e.Int(b.shardBytes)
	e.Int(b.splitMin)
	e.Int(b.blockMin)
	e.Int(b.blockDocs)
	e.Int(b.partDocs)
	e.Uint64(math.Float64bits(b.entriesAvg))
	e.Uint(uint64(len(b.docs)))
	e.Uint(uint64(len(b.chunks)))
	e.Uint(uint64(n))
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
	var p cache.Encoder
	var sums []uint64
	cut := func() {
		if len(p.B) > 0 {
			sums = append(sums, cache.Sum(p.B))
			part(p.B, sums[len(sums)-1])
			p.B = p.B[:0]
		}
	}
	// Documents and docs files by number, so that an edit changes one
	// part of each.
	for i, d := range b.docs {
		p.Strings(d)
		p.Int(b.textLen[i])
		if (i+1)%b.partDocs == 0 {
			cut()
		}
	}
	cut()
	for i, c := range b.chunks {
		p.Bytes(c)
		if (i+1)%b.partDocs == 0 {
			cut()
		}
	}
	cut()
	// Lists by term: a part ends after a term whose hash has its low bits
	// clear, about one in partLists, so that the cuts fall at the same
	// terms however many terms come and go, and an edit writes again the
	// parts holding its page's terms.
	var raw cache.Encoder
	for _, id := range b.sorted {
		l := &b.lists[id]
		if l.empty() {
			continue
		}
		p.String(l.term)
		p.Bytes(l.entry)
		p.Bytes(l.head)
		if l.raw != nil {
			p.Bytes(l.raw)
		} else {
			raw.B = raw.B[:0]
			raw.Uint(uint64(len(l.ps)))
			last := -1
			for _, q := range l.ps {
				raw.Uint(uint64(gap(int(q.doc), last)))
				raw.Uint(uint64(math.Float32bits(q.Short)))
				raw.Int(int(q.Text))
				raw.Int(int(q.Loc))
				last = int(q.doc)
			}
			p.Bytes(raw.B)
		}
		if cache.SumString(l.term)%partLists == 0 {
			cut()
		}
	}
	cut()
	e.Uint(uint64(len(sums)))
	for _, sum := range sums {
		e.Uint64(sum)
	}
	return true
}

// partLists is how many lists a part of the state holds, on average.
const partLists = 16

// Restore reads the builder AppendState wrote: its head from d, and its
// parts, numbered from 0, from part, which reports a part it lacks; a
// part whose sum is not the one the head gives is refused. The
// builder shares the bytes of d and of the parts, which must stay as they
// are: its posting lists are decoded when a document they hold is
// replaced, or when their entries must be encoded again.
func Restore(d *cache.Decoder, part func(i int) ([]byte, bool)) (*Builder, error) {
	b := NewBuilder(d.String())
	b.shardBytes, b.splitMin, b.blockMin, b.blockDocs, b.partDocs = d.Int(), d.Int(), d.Int(), d.Int(), d.Int()
	b.entriesAvg = math.Float64frombits(d.Uint64())
	docs, chunks, lists := d.Uint(), d.Uint(), d.Uint()
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
	r := parts{get: part}
	for n := d.Uint(); n > 0 && d.Err() == nil; n-- {
		r.sums = append(r.sums, d.Uint64())
	}
	if err := d.Done(); err != nil {
		return nil, err
	}
	// Each document, docs file or list takes a byte at least: a count
	// larger than the parts' bytes is a damaged state.
	if !r.fetch() || docs+chunks+lists > uint64(r.size) {
		return nil, errors.New("search state: parts missing or too short")
	}
	b.docs, b.textLen = make([][]string, docs), make([]int, docs)
	for i := range b.docs {
		p := r.next()
		b.docs[i], b.textLen[i] = p.Strings(), p.Int()
	}
	b.chunks = make([][]byte, chunks)
	for i := range b.chunks {
		b.chunks[i] = r.next().Bytes()
	}
	b.lists = make([]postingList, lists)
	b.sorted = make([]int32, lists)
	b.ids = make(map[string]int32, lists)
	for i := range b.lists {
		p := r.next()
		l := &b.lists[i]
		l.term, l.entry, l.head, l.raw = p.String(), p.Bytes(), p.Bytes(), p.Bytes()
		if l.raw == nil {
			return nil, errors.New("search state: a list without postings")
		}
		b.ids[l.term] = int32(i)
		b.sorted[i] = int32(i)
	}
	return b, r.done()
}

// parts reads the items of the state's parts in order, each whole in one
// part.
type parts struct {
	sums []uint64
	get  func(i int) ([]byte, bool)
	data [][]byte
	size int
	cur  *cache.Decoder
	err  error
}

// fetch gets every part, and reports whether all were there, each with
// its sum.
func (r *parts) fetch() bool {
	for i, sum := range r.sums {
		data, ok := r.get(i)
		if !ok || cache.Sum(data) != sum {
			return false
		}
		r.data = append(r.data, data)
		r.size += len(data)
	}
	return true
}

// next returns the decoder of the part holding the next item: a part
// read to its end gives way to the next one.
func (r *parts) next() *cache.Decoder {
	for (r.cur == nil || r.cur.Empty()) && len(r.data) > 0 {
		if r.cur != nil && r.err == nil {
			r.err = r.cur.Err()
		}
		r.cur, r.data = cache.NewDecoder(r.data[0]), r.data[1:]
	}
	if r.cur == nil {
		r.cur = cache.NewDecoder(nil)
	}
	return r.cur
}

// done reports the first error of a part, or one of parts left unread.
func (r *parts) done() error {
	if r.err != nil {
		return r.err
	}
	if len(r.data) > 0 {
		return errors.New("search state: parts left over")
	}
	if r.cur != nil {
		return r.cur.Done()
	}
	return nil
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
