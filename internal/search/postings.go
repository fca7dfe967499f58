package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

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
func (b *Builder) shards() (keys []string, shards, tails [][]byte) {
	b.sortTerms()
	lists := make([]*postingList, 0, len(b.sorted))
	for _, id := range b.sorted {
		if l := &b.lists[id]; !l.empty() {
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
			b.lists[i].entry, b.lists[i].head = nil, nil
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
				l.load()
				e := indexfile.AppendString(nil, l.term)
				e = append(e, ':', '"')
				if l.blocked {
					e = b.encodeBlocks(e, l, avg)
				} else {
					e = b.encodePostings(e, l.ps, avg)
				}
				l.entry = append(e, '"')
				if len(l.ps) > b.splitMin {
					l.head = b.encodeHead(l.ps, avg)
				}
			}
		}(w)
	}
	wg.Wait()
	// A split list's entry in its shard is written in scratch, then
	// copied into the shard.
	var cur, tail, scratch []byte
	prev := ""
	for _, l := range lists {
		t, entry := l.term, l.entry
		if l.head != nil {
			if len(tail) > 0 && len(tail)+len(entry) > 2*b.shardBytes {
				tails = append(tails, append(tail, '}'))
				tail = nil
			}
			tail = appendMember(tail, entry)
			scratch = indexfile.AppendString(scratch[:0], t)
			scratch = append(scratch, ':', '"')
			scratch = indexfile.AppendNum(scratch, l.df())
			scratch = indexfile.AppendNum(scratch, len(tails))
			scratch = append(scratch, '.')
			entry = append(append(scratch, l.head...), '"')
			scratch = entry
		}
		if len(cur) > 0 && len(cur)+len(entry) > b.shardBytes {
			shards = append(shards, append(cur, '}'))
			keys = append(keys, separator(prev, t))
			cur = nil
		}
		cur = appendMember(cur, entry)
		prev = t
	}
	if len(cur) == 0 {
		cur = append(cur, '{')
	}
	if len(tail) > 0 {
		tails = append(tails, append(tail, '}'))
	}
	return keys, append(shards, append(cur, '}')), tails
}

// appendMember appends a "term":"…" member to a JSON object being written.
func appendMember(obj, member []byte) []byte {
	if len(obj) == 0 {
		obj = append(obj, '{')
	} else {
		obj = append(obj, ',')
	}
	return append(obj, member...)
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
	b.sorted, b.fresh = merged, b.fresh[:0]
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
				e = indexfile.AppendNum(e, gap(int(l.ps[j].doc), int(l.ps[j-1].doc)))
				e = b.appendWeight(e, l.ps[j], avg)
			}
			l.blocks[k] = e
		}
		out = indexfile.AppendNum(out, gap(int(l.ps[lo].doc), last))
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
	return indexfile.AppendNum(out, int(p.Loc)*32+b.q(p, avg))
}

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

// encodeHead encodes the head of a split list: its indexfile.HeadPostings
// best postings in the order a one-word search ranks them (q, then
// document number), each as the document's number and loc*32+q.
func (b *Builder) encodeHead(ps []posting, avg float64) []byte {
	type ranked struct{ doc, loc, q int }
	var top []ranked
	for _, p := range ps {
		r := ranked{int(p.doc), int(p.Loc), b.q(p, avg)}
		// Postings come by document: a later one enters only with a
		// higher q.
		k := len(top)
		for k > 0 && top[k-1].q < r.q {
			k--
		}
		if k < indexfile.HeadPostings {
			top = slices.Insert(top, k, r)
			top = top[:min(len(top), indexfile.HeadPostings)]
		}
	}
	var out []byte
	for _, r := range top {
		out = indexfile.AppendNum(out, r.doc)
		out = indexfile.AppendNum(out, r.loc*32+r.q)
	}
	return out
}
