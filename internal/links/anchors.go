package links

import (
	"sort"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/suggest"
)

// anchor resolves an anchor written for target to the ID it names, and
// records it for CheckAnchors.
func (r *Resolver) anchor(target *content.Page, written string, pos markdown.Pos) string {
	id := r.ix.anchorID(target, written)
	r.rec.anchors = append(r.rec.anchors, recordedAnchor{target: target.Rel, anchor: id, pos: pos, written: written, hash: target.Hash})
	if !r.probe {
		r.ix.addAnchor(r.from, target, id, written, pos)
	}
	return id
}

// Stale reports whether a page's recorded references would now resolve to
// other anchors: an anchor written another tool's way names a heading by
// its text, so a changed target can move it. Only targets whose file
// changed are read again.
func (ix *Index) Stale(rec Recorded) bool {
	for _, a := range rec.anchors {
		p, ok := ix.byRel[a.target]
		if ok && p.Hash != a.hash && ix.anchorID(p, a.written) != a.anchor {
			return true
		}
	}
	return false
}
func (ix *Index) addAnchor(from, target *content.Page, anchor, written string, pos markdown.Pos) {
	ix.mu.Lock()
	ix.anchors = append(ix.anchors, pendingAnchor{from, target, anchor, pos, written})
	ix.mu.Unlock()
}

// Holds reports whether the anchors the pages name in p, itself included,
// still name one of ids and resolve as they did, now that p's body
// changed in place: whether the checks of CheckAnchors and the
// conversions of the pages linking to p stand. p's kept headings are
// dropped, as they were read from its old body.
func (ix *Index) Holds(p *content.Page, ids map[string]bool) bool {
	ix.Forget(p)
	for _, a := range ix.anchors {
		if a.target == p && (!ids[a.anchor] || ix.anchorID(p, a.written) != a.anchor) {
			return false
		}
	}
	return true
}

// CheckAnchors reports #anchors that name no heading (or journey) of their
// target; ids gives the anchors each rendered page has. They are errors,
// or warnings when broken references are (Options.WarnBroken).
func (ix *Index) CheckAnchors(ids func(*content.Page) map[string]bool) (errs, warns []diag.Diagnostic) {
	for _, a := range ix.anchors {
		have := ids(a.target)
		if have[a.anchor] {
			continue
		}
		var known []string
		for id := range have {
			known = append(known, id)
		}
		sort.Strings(known)
		d := diag.At(a.from.Path, a.pos.Line, a.pos.Col, "#%s: %s has no such heading%s",
			a.anchor, a.target.Path, didYouMean(suggest.Closest(a.anchor, known), "#"))
		if ix.opts.WarnBroken {
			warns = append(warns, d)
		} else {
			errs = append(errs, d)
		}
	}
	return errs, warns
}

// Backlinks returns, for each page, the published pages that reference it,
// without repeats, in a stable order.
func (ix *Index) Backlinks() map[*content.Page][]*content.Page {
	out := make(map[*content.Page][]*content.Page, len(ix.refs))
	for target, sources := range ix.refs {
		seen := map[*content.Page]bool{}
		var list []*content.Page
		for _, s := range sources {
			if !seen[s] && ix.opts.Published(s) {
				seen[s] = true
				list = append(list, s)
			}
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Rel < list[j].Rel })
		out[target] = list
	}
	return out
}
