package corpus

import (
	"fmt"
	"path"
	"strings"
)

// fillLinks replaces the body's link marks with links to other pages, in
// every form a reference can take.
func (g *generator) fillLinks(p *page) {
	r := g.r
	chunks := strings.Split(p.body, linkMark)
	var b strings.Builder
	b.WriteString(chunks[0])
	for _, c := range chunks[1:] {
		t := g.pages[r.IntN(len(g.pages))]
		for t == p {
			t = g.pages[r.IntN(len(g.pages))]
		}
		anchor := pick(r, t.anchors.list)
		ref := t.slug
		if g.slugs[t.slug] > 1 {
			ref = t.section + "/" + t.slug
		}
		switch k := r.IntN(20); {
		case k < 7:
			b.WriteString(g.mdLink(p, t, strings.ToLower(t.title), ""))
		case k < 10:
			b.WriteString(g.mdLink(p, t, "cette section", anchor))
		case k < 11:
			fmt.Fprintf(&b, "[%s](/%s#%s)", t.title, t.rel, anchor)
			g.stats.Links++
		case k < 12:
			fmt.Fprintf(&b, "[plus bas](#%s)", pick(r, p.anchors.list))
			g.stats.Links++
		case k < 15:
			fmt.Fprintf(&b, "[[%s]]", ref)
			g.stats.Links++
		case k < 17:
			fmt.Fprintf(&b, "[[%s/%s]]", t.section, t.slug)
			g.stats.Links++
		case k < 19:
			fmt.Fprintf(&b, "[[%s|%s]]", ref, strings.ToLower(g.w.phrase(1, 3)))
			g.stats.Links++
		default:
			fmt.Fprintf(&b, "[[%s#%s]]", ref, anchor)
			g.stats.Links++
		}
		b.WriteString(c)
	}
	p.body = b.String()
}

// mdLink writes a Markdown link from one page's file to another's,
// relative as authors write them (../cases/qonto.md).
func (g *generator) mdLink(from, to *page, text, anchor string) string {
	g.stats.Links++
	dest := strings.Repeat("../", strings.Count(path.Dir(from.rel), "/")+1) + to.rel
	if anchor != "" {
		dest += "#" + anchor
	}
	return "[" + text + "](" + dest + ")"
}
