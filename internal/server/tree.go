package server

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/output"
)

// changed lists the files that were added, removed or rewritten between two
// trees. It decides between a stylesheet swap, a reload and nothing at all,
// so a save that changes no output (a touch, a reverted edit) reloads no page.
func changed(old, cur *output.Memory) []string {
	var out []string
	old.Range(func(n string, _ []byte) {
		if _, ok := cur.Get(n); !ok {
			out = append(out, n)
		}
	})
	// Only the changes are sorted: sorting every name of a 10,000-page
	// site twice was a fifth of a reload's time once the build reused
	// the rest.
	cur.Range(func(n string, b []byte) {
		if a, ok := old.Get(n); !ok || !bytes.Equal(a, b) {
			out = append(out, n)
		}
	})
	slices.Sort(out)
	return out
}

// onlyCSS reports whether a change is one the page can take without a
// reload. Added or removed stylesheets count too: a page that links a new
// one changed as well, and a page linking a removed one loses it either way.
func onlyCSS(changed []string) bool {
	if len(changed) == 0 {
		return false
	}
	for _, n := range changed {
		if !strings.EqualFold(path.Ext(n), ".css") {
			return false
		}
	}
	return true
}
