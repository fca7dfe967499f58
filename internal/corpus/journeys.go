package corpus

import (
	"fmt"
	"strings"

	"github.com/parcours/parcours/internal/slug"
)

func (g *generator) writeJourney(p *page) {
	r, w := g.r, g.w
	persona := pick(r, firstNames) + ", " + strings.ToLower(pick(r, roles))
	p.fm = append([]string{"title: " + q(p.title), "date: " + g.date(), "description: " + q(w.sentence("")),
		"persona: " + q(persona)}, p.fm...)
	p.fm = append(p.fm, ylist("scopes", sample(r, scopes, between(r, 1, 3)))...)
	parts := []string{w.bodyParagraph(2, 4), "", p.heading(2, "La carte"), "", g.journeyBlock(p, p.title, "", persona), ""}
	parts = append(parts, p.heading(2, "Lecture de la carte"), "", w.bodyParagraph(3, 6), "", w.bodyParagraph(3, 6), "")
	if r.IntN(2) == 0 {
		parts = append(parts, p.heading(2, "Une variante"), "", w.bodyParagraph(2, 4), "",
			g.journeyBlock(p, "Variante : "+strings.ToLower(p.title), "variante", persona), "")
	}
	parts = append(parts, p.heading(2, "Ce qu’il faut retenir"), "", w.bodyParagraph(3, 6))
	p.body = strings.Join(parts, "\n")
}

// journeyBlock writes a ```journey block in the schema of the README's
// "Content format in short"; id, when empty, is left to default to the
// title's slug.
func (g *generator) journeyBlock(p *page, title, id, persona string) string {
	r, w := g.r, g.w
	lines := []string{"```journey"}
	if id != "" {
		lines = append(lines, "id: "+id)
	} else {
		id = slug.Make(title)
	}
	p.anchors.add("journey-" + id)
	lines = append(lines, "title: "+q(title), "persona: "+q(persona), "phases:")
	list := func(indent, key string, items []string) {
		lines = append(lines, indent+key+":")
		for _, it := range items {
			lines = append(lines, indent+"  - "+q(it))
		}
	}
	for _, phase := range sample(r, stages, between(r, 2, 3)) {
		lines = append(lines, "  - name: "+q(phase), "    stages:")
		for range between(r, 2, 3) {
			const in = "        "
			lines = append(lines, "      - name: "+q("Je "+pick(r, verbs)+" "+pick(r, determiners)+" "+w.nouns.pick(r)))
			list(in, "actions", []string{"Je " + strings.ToLower(w.phrase(2, 5))})
			list(in, "touchpoints", sample(r, touchpoints, between(r, 1, 2)))
			list(in, "channels", sample(r, channels, between(r, 1, 2)))
			lines = append(lines, fmt.Sprintf(in+"emotion: %d", between(r, -2, 2)),
				fmt.Sprintf(in+"moment_of_truth: %t", r.IntN(4) == 0))
			if k := r.IntN(3); k > 0 {
				refs, _ := g.irritantRefs(min(k, len(g.irr)))
				list(in, "irritants", refs)
			}
			list(in, "expectations", []string{w.phrase(3, 7)})
			if r.IntN(2) == 0 {
				list(in, "opportunities", []string{w.phrase(3, 7)})
				list(in, "kpis", []string{fmt.Sprintf("Taux de %s : %d %%", w.nouns.pick(r), between(r, 5, 95))})
				lines = append(lines, in+"volume: "+q(fmt.Sprintf("%d %% des clients", between(r, 5, 100))))
			}
		}
	}
	return strings.Join(append(lines, "```"), "\n")
}
