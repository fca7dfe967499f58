package search

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/search/indexfile"
	"github.com/parcours/parcours/internal/slug"
)

// facetNames fixes the order of the well-known facets; others follow by name.
var facetNames = []string{"kind", "scopes", "tools", "sectors"}

// Files returns the whole index, in the layout package indexfile
// describes. Same documents in the same order give the same bytes.
func (b *Builder) Files() ([]indexfile.File, error) {
	if len(b.bad) > 0 {
		return nil, fmt.Errorf("search index: %s", strings.Join(b.bad, "; "))
	}
	keys, shards, tails := b.shards()
	var data [][]byte
	var sums []uint64
	for _, f := range slices.Concat(shards, tails) {
		data = append(data, f.data)
		sums = append(sums, f.sum)
	}
	for i := 0; i*chunkDocs < len(b.docs); i++ {
		if i == len(b.chunks) {
			b.chunks = append(b.chunks, nil)
		}
		if b.chunks[i] == nil {
			chunk := b.docs[i*chunkDocs : min(len(b.docs), (i+1)*chunkDocs)]
			b.chunks[i] = indexfile.Call("docs", i, indexfile.AppendRows(nil, chunk))
		}
		data = append(data, b.chunks[i])
		sums = append(sums, cache.Sum(b.chunks[i]))
	}
	docs := len(data) - len(shards) - len(tails)
	names := b.facetNames()
	for i, name := range names {
		data = append(data, indexfile.Call("facet", i, b.facetFile(name)))
		sums = append(sums, cache.Sum(data[len(data)-1]))
	}
	// The version, which entry.js holds, hashes every other file, by its
	// length and sum; those of shards and tails are kept with them.
	// It only tells one index from another, for caches: a fast hash
	// does, where SHA-256 was a tenth of a dev-server rebuild's time at
	// 10,000 pages.
	var h cache.Hash
	for i, d := range data {
		h.Numbers(uint64(len(d)), sums[i])
	}
	v := fmt.Sprintf("%012x", h.Sum64()>>16)
	files := make([]indexfile.File, 0, len(data)+1)
	for i, d := range data {
		var name string
		switch {
		case i < len(shards):
			name = indexfile.ShardPath(i)
		case i < len(shards)+len(tails):
			name = indexfile.TailPath(i - len(shards))
		case i < len(shards)+len(tails)+docs:
			name = indexfile.DocsPath(i - len(shards) - len(tails))
		default:
			name = indexfile.FacetPath(i - len(shards) - len(tails) - docs)
		}
		files = append(files, indexfile.File{Path: name, Data: d})
	}
	entry := indexfile.Entry{
		V:      v,
		Lang:   b.lang,
		N:      len(b.docs),
		Keys:   keys,
		Chunk:  chunkDocs,
		Head:   indexfile.HeadPostings,
		Facets: names,
	}
	return append([]indexfile.File{{Path: indexfile.EntryPath, Data: indexfile.EntryData(entry)}}, files...), nil
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

// facetFile encodes a facet's values, in the order SetFacetOrder gave
// then by folded name, each with its documents.
func (b *Builder) facetFile(name string) []byte {
	if data, ok := b.facetData[name]; ok {
		return data
	}
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
	rows := make([][]string, len(values))
	for i, v := range values {
		var enc []byte
		for j, d := range m[v] {
			if j == 0 {
				enc = indexfile.AppendNum(enc, d)
			} else {
				enc = indexfile.AppendNum(enc, d-m[v][j-1]-1)
			}
		}
		rows[i] = []string{v, string(enc)}
	}
	data := indexfile.AppendRows(nil, rows)
	b.facetData[name] = data
	return data
}
