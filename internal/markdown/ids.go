package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/parcours/parcours/internal/slug"
)

// ids generates heading IDs with the slug rule (accents folded, other runs
// of non-alphanumerics turned into "-"), unique within the page with -1, -2.
// An explicit {#id} is registered through Put and wins.
type ids struct {
	used map[string]bool
	// next is, for each base, the suffix to try first: every smaller one
	// was taken when it was last tried, and IDs are never given back, so
	// 30,000 headings of the same text cost 30,000 tries, not 450 million.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
