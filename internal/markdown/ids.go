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
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
