package links

import (
	"fmt"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/slug"
	"github.com/parcours/parcours/internal/suggest"
)

// Wiki resolves [[slug]], [[section/slug]], with an optional #anchor.
// Obsidian's forms are taken too: a note's file name ([[My Note]]) and its
// path from the vault's root ([[Projets/My Note]]).
func (r *Resolver) Wiki(target string, pos markdown.Pos) (string, string, error) {
	name, frag, hasFrag := strings.Cut(target, "#")
	p, err := r.named(name, "[["+target+"]]", func(c *content.Page) string { return "[[" + c.Section + "/" + c.Slug + "]]" })
	if err != nil {
		return "", "", err
	}
	href := r.ix.href(r.from, p.URL)
	if hasFrag && frag != "" {
		href += "#" + r.anchor(p, frag, pos)
	}
	return href, p.Title, nil
}

// Page resolves a page named as a [[wiki link]] names it (by slug,
// section/slug, path from content/ with or without .md, or file name), for
// references written in a field, such as a target journey's compares:.
func (r *Resolver) Page(name string) (*content.Page, error) {
	return r.named(name, name, func(c *content.Page) string { return c.Section + "/" + c.Slug })
}

// named finds the one page a name gives, records the reference and
// refuses a page this build does not publish; written is the reference
// as the messages show it, and spell writes a candidate of an ambiguous
// name.
func (r *Resolver) named(name, written string, spell func(*content.Page) string) (*content.Page, error) {
	name = strings.TrimSuffix(strings.Trim(strings.TrimSpace(name), "/"), ".md")
	candidates := r.ix.wikiCandidates(name)
	switch len(candidates) {
	case 0:
		return nil, r.broken(fmt.Errorf("%s links to nothing: no page has that slug%s", written,
			didYouMean(suggest.Closest(name, r.ix.slugs), "")))
	case 1:
	default:
		var opts []string
		for _, c := range candidates {
			opts = append(opts, spell(c))
		}
		return nil, r.broken(fmt.Errorf("%s is ambiguous: write %s", written, strings.Join(opts, " or ")))
	}
	p := candidates[0]
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// wikiCandidates are the pages a [[name]] may mean: by slug, else by the
// slug of a file name, else by path from content/.
func (ix *Index) wikiCandidates(name string) []*content.Page {
	bySlug := func(s string) []*content.Page {
		sec, s, ok := strings.Cut(s, "/")
		if !ok {
			return ix.bySlug[sec]
		}
		var out []*content.Page
		for _, p := range ix.bySlug[s] {
			if p.Section == sec {
				out = append(out, p)
			}
		}
		return out
	}
	if c := bySlug(name); len(c) > 0 {
		return c
	}
	if p, ok := ix.byRel[name+".md"]; ok {
		return []*content.Page{p}
	}
	if p, ok := ix.byFolder[name]; ok {
		return []*content.Page{p}
	}
	if c := ix.byName[name]; len(c) > 0 {
		return c
	}
	return bySlug(slugPath(name))
}

// slugPath is a path with each of its names through the slug rule.
func slugPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = content.Segment(s)
	}
	return strings.Join(parts, "/")
}

// Irritant resolves an irritant named in a journey stage.
func (r *Resolver) Irritant(ref string, pos markdown.Pos) (string, string, error) {
	p, err := r.irritant(ref)
	if err != nil {
		return "", "", err
	}
	return r.ix.href(r.from, p.URL), p.Title, nil
}

// Irritants resolves the irritants: field of the page's frontmatter.
func (r *Resolver) Irritants() ([]*content.Page, []diag.Diagnostic) {
	var out []*content.Page
	var ds []diag.Diagnostic
	for _, ref := range r.from.Irritants {
		p, err := r.irritant(ref.Text)
		if err != nil {
			ds = append(ds, diag.At(r.from.Path, ref.Line, ref.Col, "irritants: %v", err))
			continue
		}
		out = append(out, p)
	}
	return out, ds
}

// irritant finds an irritant by slug, or by title with case and accents
// ignored.
func (r *Resolver) irritant(ref string) (*content.Page, error) {
	p, err := named("irritant", ref, r.ix.irrSlug, r.ix.irrTitle)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("unknown irritant %q%s", ref, didYouMean(suggest.Closest(slug.Make(ref), r.ix.irritants), ""))
	}
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// named finds a page of a kind by slug, by title with case and accents
// ignored, or by its title's slug; nil when none matches, an error when
// the title is several pages'.
func named(kind, ref string, bySlug map[string]*content.Page, byTitle map[string][]*content.Page) (*content.Page, error) {
	if p, ok := bySlug[ref]; ok {
		return p, nil
	}
	titled := byTitle[slug.Fold(strings.TrimSpace(ref))]
	switch len(titled) {
	case 0:
		return bySlug[slug.Make(ref)], nil
	case 1:
		return titled[0], nil
	}
	var names []string
	for _, q := range titled {
		names = append(names, q.Path)
	}
	return nil, fmt.Errorf("%s %q is ambiguous: it is the title of %s; name it by slug", kind, ref, strings.Join(names, " and "))
}

// Persona resolves a journey's persona: a persona page named by slug or
// title, or nil for a persona described in free text. A name near a
// persona page's (a typo) is an error with the page suggested, since free
// text would hide it.
func (r *Resolver) Persona(ref string) (*content.Page, error) {
	p, err := named("persona", ref, r.ix.perSlug, r.ix.perTitle)
	if err != nil {
		return nil, err
	}
	if p == nil {
		if near := suggest.Closest(ref, r.ix.personas); near != "" && typo(ref, near) {
			return nil, fmt.Errorf("unknown persona %q; did you mean %q? (a persona described in free text must not look like a persona page's name)", ref, near)
		}
		return nil, nil
	}
	if err := r.check(p); err != nil {
		return nil, err
	}
	r.record(p)
	return p, nil
}

// typo reports whether a is b misspelt: closer than suggest.Closest asks
// of a suggestion, since free text ("Client") often lies a few letters
// from a persona's name ("Claire").
func typo(a, b string) bool {
	fa := slug.Fold(a)
	return suggest.Distance(fa, slug.Fold(b)) <= len([]rune(fa))/5+1
}
