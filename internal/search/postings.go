package search

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/search/indexfile"
)

// BM25 parameters, and the scale that turns the saturated term frequency
// (0…bm25K1+1) into q in 1…31, one letter in a posting.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	qScale = 14
)

// shards encodes every posting list and cuts the sorted terms into
// shards, and the whole lists of the split ones into tail files.
func (b *Builder) shards() (keys []string, shards, tails []listFile) {
	b.sortTerms()
	if b.live == nil {
		b.live = make([]int32, 0, len(b.sorted))
		for _, id := range b.sorted {
			if !b.lists[id].empty() {
				b.live = append(b.live, id)
			}
		}
	}
	ids := b.live
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
	stale := b.stale
	if avg != b.entriesAvg {
		for i := range b.lists {
			l := &b.lists[i]
			l.entry, l.head, l.stale = nil, nil, false
			clear(l.blocks)
		}
		b.entriesAvg = avg
		stale = ids
	}
	b.stale = nil
	// Each stale term's entry is encoded on every core; cutting them into
	// shards in order is cheap.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(stale); i += workers {
				l := &b.lists[stale[i]]
				if l.empty() {
					// Filled again, it is stale again.
					l.entry, l.head, l.stale = nil, nil, false
					continue
				}
				l.load()
				// The last entry's length is close to this one's: the
				// bytes of a long list are not copied as they grow.
				e := indexfile.AppendString(make([]byte, 0, len(l.entry)+16), l.term)
				e = append(e, ':', '"')
				if l.blocked {
					e = b.encodeBlocks(e, l, avg)
				} else {
					e = b.encodePostings(e, l.ps, avg)
				}
				e = append(e, '"')
				var head []byte
				switch {
				case len(l.ps) <= b.splitMin:
				case l.blocked:
					var top []ranked
					for _, k := range l.blocks {
						for _, r := range k.top {
							top = rank(top, r)
						}
					}
					head = appendHead(top)
				default:
					head = appendHead(b.best(l.ps, avg))
				}
				// The head is made of the entry's postings.
				l.changed = l.entry == nil || !bytes.Equal(e, l.entry)
				l.entry, l.head, l.stale = e, head, false
			}
		}(w)
	}
	wg.Wait()
	// A split list's member in its shard names the tail file that holds
	// it: its tail file is cut first.
	tc := cutter{fn: "tail", max: 2 * b.shardBytes, old: b.tailFiles}
	sc := cutter{fn: "shard", max: b.shardBytes, old: b.shardFiles}
	prev := ""
	for _, id := range ids {
		l := &b.lists[id]
		member := l.entry
		if l.head != nil {
			tc.add(id, l.entry, l.changed)
			if t := len(tc.files); l.member == nil || l.changed || l.tail != t {
				l.tail = t
				m := indexfile.AppendString(l.member[:0], l.term)
				m = append(m, ':', '"')
				m = indexfile.AppendNum(m, l.df())
				m = indexfile.AppendNum(m, t)
				m = append(m, '.')
				l.member = append(append(m, l.head...), '"')
				l.changed = true
			}
			member = l.member
		}
		if sc.add(id, member, l.changed) {
			keys = append(keys, separator(prev, l.term))
		}
		prev = l.term
		l.changed = false
	}
	if tc.size > 0 {
		tc.cut()
	}
	sc.cut()
	b.shardFiles, b.tailFiles = sc.files, tc.files
	return keys, sc.files, tc.files
}

// listFile is a file of lists, a shard or a tail file, as the last Files
// wrote it: the lists it holds, the first and last by number and how
// many, and its bytes and their sum.
type listFile struct {
	first, last int32
	n           int
	data        []byte
	sum         uint64
}

// cutter cuts lists, in term order, into files of max bytes: a file ends
// before the member that would take it past max, unless it is the first.
// A file that holds the same lists as the one of its number last time,
// none of them changed, is that one again, not written anew: an edit
// makes again the few files that hold its page's terms.
type cutter struct {
	fn      string // "shard" or "tail": the file's call
	max     int
	old     []listFile
	files   []listFile
	members [][]byte // the file being cut's members,
	size    int      // its bytes, "{" and commas included, 0 when empty,
	first   int32    // its first list,
	last    int32    // and its last,
	changed bool     // and whether one of them changed
}

// add adds the member of list id, a "term":"…" pair, and reports whether
// it starts a new file.
func (c *cutter) add(id int32, member []byte, changed bool) (cut bool) {
	if c.size > 0 && c.size+len(member) > c.max {
		c.cut()
		cut = true
	}
	if c.size == 0 {
		c.first = id
	}
	c.size += 1 + len(member)
	c.last = id
	c.changed = c.changed || changed
	c.members = append(c.members, member)
	return cut
}

// cut ends the file being cut.
func (c *cutter) cut() {
	i, n := len(c.files), len(c.members)
	if old := c.old; !c.changed && i < len(old) && old[i].first == c.first && old[i].last == c.last && old[i].n == n {
		c.files = append(c.files, old[i])
	} else {
		obj := make([]byte, 0, c.size+1)
		obj = append(obj, '{')
		for k, m := range c.members {
			if k > 0 {
				obj = append(obj, ',')
			}
			obj = append(obj, m...)
		}
		data := indexfile.Call(c.fn, i, append(obj, '}'))
		c.files = append(c.files, listFile{first: c.first, last: c.last, n: n, data: data, sum: cache.Sum(data)})
	}
	c.members, c.size, c.changed = c.members[:0], 0, false
}

// sortTerms merges the terms numbered since the last call into the
// sorted ones.
func (b *Builder) sortTerms() {
	if len(b.fresh) == 0 {
		return
	}
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
	b.sorted, b.fresh, b.live = merged, b.fresh[:0], nil
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
		out = indexfile.AppendNum(out, gap(int(p.doc), last))
		out = b.appendWeight(out, p, avg)
		last = int(p.doc)
	}
	return out
}

// encodeBlocks appends the same bytes as encodePostings, from the list's
// cached blocks, encoding again only those a change cleared.
func (b *Builder) encodeBlocks(out []byte, l *postingList, avg float64) []byte {
	if n := int(l.ps[len(l.ps)-1].doc)/b.blockDocs + 1; len(l.blocks) < n {
		l.blocks = append(l.blocks, make([]block, n-len(l.blocks))...)
	}
	last := -1
	for lo := 0; lo < len(l.ps); {
		k := int(l.ps[lo].doc) / b.blockDocs
		hi, _ := slices.BinarySearchFunc(l.ps[lo:], (k+1)*b.blockDocs, byDoc)
		hi += lo
		if l.blocks[k].enc == nil {
			// Each posting's q is worked out once, for its weight and
			// its rank.
			var e []byte
			var top []ranked
			for j := lo; j < hi; j++ {
				p := l.ps[j]
				if j > lo {
					e = indexfile.AppendNum(e, gap(int(p.doc), int(l.ps[j-1].doc)))
				}
				q := b.q(p, avg)
				e = indexfile.AppendNum(e, weight(int(p.Loc), q))
				top = rank(top, ranked{int(p.doc), int(p.Loc), q})
			}
			l.blocks[k] = block{enc: e, top: top}
		}
		out = indexfile.AppendNum(out, gap(int(l.ps[lo].doc), last))
		out = append(out, l.blocks[k].enc...)
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
	return indexfile.AppendNum(out, weight(int(p.Loc), b.q(p, avg)))
}

// weight is the number a posting's place and q make in the index.
func weight(loc, q int) int { return loc*32 + q }

// q is a posting's BM25 term-frequency part, scaled to 1…31.
func (b *Builder) q(p posting, avg float64) int {
	norm := 1.0
	if avg > 0 {
		norm = 1 - bm25B + bm25B*float64(b.textLen[p.doc])/avg
	}
	tf := float64(p.Short) + float64(p.Text)/norm
	q := int(math.Round(tf * (bm25K1 + 1) / (tf + bm25K1) * qScale))
	return min(max(q, 1), 31)
}

// ranked is a posting as a one-word search ranks it.
type ranked struct{ doc, loc, q int }

// best returns the indexfile.HeadPostings best of ps in the order a
// one-word search ranks them: q, then document number.
func (b *Builder) best(ps []posting, avg float64) []ranked {
	var top []ranked
	for _, p := range ps {
		top = rank(top, ranked{int(p.doc), int(p.Loc), b.q(p, avg)})
	}
	return top
}

// rank adds r to top, the best postings so far in ranking order, of
// which it keeps indexfile.HeadPostings. Postings of equal q come by
// document: a later one enters only with a higher q. The best of each of
// a list's blocks, the blocks in order, rank as the whole list does: a
// posting that five of its own block outrank is not in the head.
func rank(top []ranked, r ranked) []ranked {
	k := len(top)
	for k > 0 && top[k-1].q < r.q {
		k--
	}
	if k < indexfile.HeadPostings {
		top = slices.Insert(top, k, r)
		top = top[:min(len(top), indexfile.HeadPostings)]
	}
	return top
}

// appendHead encodes the head of a split list, its best postings, each as
// the document's number and loc*32+q.
func appendHead(top []ranked) []byte {
	var out []byte
	for _, r := range top {
		out = indexfile.AppendNum(out, r.doc)
		out = indexfile.AppendNum(out, weight(r.loc, r.q))
	}
	return out
}
