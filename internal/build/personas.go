package build

import (
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/model"
)

// personaRels are the persona pages a page names, by content path ("" for
// a persona in free text): the page's own, and each journey's.
type personaRels struct {
	page     string
	journeys []string
}

// resolvePersonas resolves the persona of a page's frontmatter and of each
// of its journey blocks. A journey without one has the page's. A page and
// a block that both name persona pages must name the same one; free-text
// personas may differ, since a page can hold several journeys.
func resolvePersonas(r *links.Resolver, p *content.Page, res *markdown.Result) (personaRels, []diag.Diagnostic) {
	var out personaRels
	var ds []diag.Diagnostic
	resolve := func(ref content.Ref) *content.Page {
		if ref.Text == "" {
			return nil
		}
		q, err := r.Persona(ref.Text)
		if err != nil {
			ds = append(ds, diag.At(p.Path, ref.Line, ref.Col, "persona: %v", err))
		}
		return q
	}
	page := resolve(p.Persona)
	if page != nil {
		out.page = page.Rel
	}
	for _, j := range journey.In(res) {
		at := content.Ref{Text: j.Persona, Line: j.PersonaAt.Line, Col: j.PersonaAt.Col}
		q := resolve(at)
		switch {
		case q == nil:
			out.journeys = append(out.journeys, out.page)
			continue
		case page != nil && q != page:
			ds = append(ds, diag.At(p.Path, at.Line, at.Col,
				"persona: the journey names %s but the page's persona: (line %d) names %s; name one persona page, or give the persona in one place only",
				q.Path, p.Persona.Line, page.Path))
		}
		out.journeys = append(out.journeys, q.Rel)
	}
	return out, ds
}

// personas turns a conversion's persona paths into pages.
func (s *site) personas(rels personaRels) model.Personas {
	page := func(rel string) *content.Page {
		if rel == "" {
			return nil
		}
		return s.index.Page(rel)
	}
	out := model.Personas{Page: page(rels.page)}
	for _, rel := range rels.journeys {
		out.Journeys = append(out.Journeys, page(rel))
	}
	return out
}

// checkPersonaImages reports a persona's image that is not a file of its
// bundle.
func checkPersonaImages(pages []*content.Page) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, p := range pages {
		if p.Kind != content.KindPersona || p.Image == "" {
			continue
		}
		found := false
		for _, r := range p.Resources {
			found = found || r == p.BundleDir+"/"+p.Image
		}
		if !found {
			ds = append(ds, diag.At(p.Path, p.FieldLine["image"], 1,
				"image %q is not a file of this page's bundle: make the persona a bundle (personas/<slug>/index.md) with the image beside index.md", p.Image))
		}
	}
	return ds
}
