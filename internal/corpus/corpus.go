// Package corpus writes synthetic parcours sites for benchmarks and tests.
//
// Two mixes share one generator. Hugo is the corpus parcours is compared
// with Hugo on (scripts/bench/run, which builds it with both tools): case
// studies, method guides and irritants, 40/40/20, in the frontmatter fields
// of each kind, with the taxonomies scopes, tools, sectors and tags and
// 600 to 1,200 words of French-like prose a case or guide and about 200 an
// irritant, and as links only relative Markdown links to files
// (../irritants/x.md) and irritants named by slug, which Hugo resolves too.
// Full adds what Hugo cannot build, so that every stage of parcours runs:
// journey pages with journey blocks, [[wiki]] links, links to #headings
// within body text, page bundles with an image, irritants named by title.
// Every reference resolves, so a generated site builds without a
// diagnostic.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/parcours/parcours/internal/slug"
)

// Stats describe a generated site.
type Stats struct {
	Pages                              int // content pages, section indexes left out
	Cases, Guides, Journeys, Irritants int
	Words                              int // words in page bodies
	// Links counts the links written in page bodies (Markdown links to
	// pages and headings, [[wiki]] links, images): what the resolver
	// resolves one by one.
	Links int
	// IrritantRefs counts irritants named in frontmatter and journey stages.
	IrritantRefs int
	Bytes        int64 // bytes of Markdown written
}

// Mix chooses which kinds of page and reference a site holds.
type Mix int

const (
	// Full holds every kind of page and reference parcours reads.
	Full Mix = iota
	// Hugo holds only what Hugo also builds, for the comparison.
	Hugo
)

func (m Mix) String() string {
	if m == Hugo {
		return "hugo"
	}
	return "full"
}

// linkRate is the chance that a body sentence carries a cross-link; with
// the links guides and cases list at their end it gives about ten links a
// page, the density issue 4's linear-resolution requirement is stated at.
const linkRate = 0.25

// linkMark stands in a body for a link that is chosen once every page and
// its headings exist; it never occurs in generated text.
const linkMark = "\x00"

// page is one content file being generated.
type page struct {
	section, slug, title string
	rel                  string // path from content/, as links name it
	bundle               bool
	fm                   []string
	body                 string
	anchors              ids
}

type generator struct {
	mix   Mix
	r     *rand.Rand
	w     *words
	pages []*page // every content page, in writing order
	irr   []*page
	// slugs and irrTitles count uses, so that a bare [[slug]] or an
	// irritant named by title is only written when it is unambiguous.
	slugs     map[string]int
	irrTitles map[string]int
	stats     Stats
}

// Generate writes a site of the Full mix: see GenerateMix.
func Generate(dir string, n int, seed uint64) (Stats, error) {
	return GenerateMix(dir, n, seed, Full)
}

// GenerateMix writes a site of n content pages (at least 10) of the given
// mix under dir: a parcours.toml and content/, which replaces any content/
// already there. The same n, seed and mix give a byte-identical tree.
func GenerateMix(dir string, n int, seed uint64, mix Mix) (Stats, error) {
	if n < 10 {
		return Stats{}, fmt.Errorf("corpus: %d pages is too few to hold every kind of page; ask for at least 10", n)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &generator{mix: mix, r: r, w: newWords(r), slugs: map[string]int{}, irrTitles: map[string]int{}}
	g.plan(n)
	if mix == Full {
		g.w.link = func() string {
			if r.Float64() < linkRate {
				return linkMark
			}
			return ""
		}
	}
	for _, p := range g.pages {
		switch p.section {
		case "cases":
			g.writeCase(p)
		case "guides":
			g.writeGuide(p)
		case "journeys":
			g.writeJourney(p)
		case "irritants":
			g.writeIrritant(p)
		}
	}
	g.w.link = nil
	for _, p := range g.pages {
		g.fillLinks(p)
	}
	if err := g.save(dir); err != nil {
		return Stats{}, err
	}
	return g.stats, nil
}

// plan draws every page's slug and title first, so that references can
// name any page.
func (g *generator) plan(n int) {
	r, w := g.r, g.w
	nJourneys := max(1, n/50)
	if g.mix == Hugo {
		nJourneys = 0
	}
	nCases := (2*n+2)/5 - nJourneys/2
	nGuides := (2*n+2)/5 - (nJourneys - nJourneys/2)
	nIrr := n - nCases - nGuides - nJourneys
	g.stats.Cases, g.stats.Guides, g.stats.Journeys, g.stats.Irritants = nCases, nGuides, nJourneys, nIrr
	g.stats.Pages = n

	for i := range nIrr {
		t := fmt.Sprintf("%s %s %s", capitalize(w.nouns.pick(r)), pick(r, []string{"de", "du", "des", "sans"}), w.phrase(1, 3))
		g.irr = append(g.irr, &page{section: "irritants", slug: truncSlug(t, i), title: t})
	}
	clients := make([]string, max(5, nCases/6))
	for i := range clients {
		var b strings.Builder
		for range between(r, 2, 3) {
			b.WriteString(pick(r, syllables))
		}
		clients[i] = capitalize(b.String())
		if r.Float64() >= 0.7 {
			clients[i] += " " + pick(r, []string{"Group", "SA", "& Co", "Banque", "Services"})
		}
	}
	for i := range nCases {
		c := pick(r, clients)
		t := fmt.Sprintf("%s %s son %s", c, pick(r, []string{"repense", "améliore", "accélère", "simplifie", "structure"}), g.nounPhrase(2, 4))
		p := &page{section: "cases", slug: fmt.Sprintf("%s-%05d", slug.Make(c), i), title: t, bundle: g.mix == Full && r.IntN(50) == 0}
		p.fm = []string{"client: " + q(c)}
		g.pages = append(g.pages, p)
	}
	for i := range nGuides {
		t := pick(r, []string{"Comment", "Guide :", "Méthode :", "Pourquoi", "5 étapes pour"}) + " " + pick(r, verbs) + " " + g.nounPhrase(2, 3)
		g.pages = append(g.pages, &page{section: "guides", slug: truncSlug(t, i), title: t})
	}
	for i := range nJourneys {
		sector := pick(r, sectors)
		t := fmt.Sprintf("Parcours %s %s", strings.ToLower(sector), g.nounPhrase(1, 2))
		p := &page{section: "journeys", slug: fmt.Sprintf("parcours-%s-%05d", slug.Make(sector), i), title: t}
		p.fm = []string{"sector: " + q(sector)}
		g.pages = append(g.pages, p)
	}
	g.pages = append(g.pages, g.irr...)
	for _, p := range g.pages {
		p.rel = p.section + "/" + p.slug + ".md"
		if p.bundle {
			p.rel = p.section + "/" + p.slug + "/index.md"
		}
		g.slugs[p.slug]++
	}
	for _, p := range g.irr {
		g.irrTitles[slug.Fold(p.title)]++
	}
}

func (g *generator) nounPhrase(lo, hi int) string {
	s := make([]string, between(g.r, lo, hi))
	for i := range s {
		s[i] = g.w.nouns.pick(g.r)
	}
	return strings.Join(s, " ")
}

// truncSlug is the slug of the comparison's first generator, in Python,
// kept so that addresses have the same lengths: at most 48 bytes of the
// title's slug, then the page's number, which makes it unique within its
// section.
func truncSlug(title string, i int) string {
	s := slug.Make(title)
	if len(s) > 48 {
		s = s[:48]
	}
	return fmt.Sprintf("%s-%05d", strings.Trim(s, "-"), i)
}

func (g *generator) date() string {
	return fmt.Sprintf("%04d-%02d-%02d", between(g.r, 2019, 2025), between(g.r, 1, 12), between(g.r, 1, 28))
}

// irritantRef names an irritant by slug, or now and then by its title,
// which the resolver matches with case and accents ignored.
func (g *generator) irritantRef(p *page) string {
	g.stats.IrritantRefs++
	if g.mix == Full && g.r.Float64() < 0.2 && g.irrTitles[slug.Fold(p.title)] == 1 {
		return strings.ToLower(p.title)
	}
	return p.slug
}

// irritantRefs names k distinct irritants, returned with their pages.
func (g *generator) irritantRefs(k int) ([]string, []*page) {
	refs, pages := make([]string, k), make([]*page, k)
	for i, j := range distinct(g.r, len(g.irr), k) {
		pages[i] = g.irr[j]
		refs[i] = g.irritantRef(pages[i])
	}
	return refs, pages
}

// heading writes a Markdown heading and records the ID parcours gives it.
func (p *page) heading(level int, text string) string {
	p.anchors.add(slug.Make(text))
	return strings.Repeat("#", level) + " " + text
}

// ids mirrors the heading IDs of internal/markdown: the slug, made unique
// within the page with -1, -2.
type ids struct {
	used map[string]bool
	list []string
}

func (s *ids) add(base string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	s.used[id] = true
	s.list = append(s.list, id)
}

func (g *generator) writeCase(p *page) {
	r, w := g.r, g.w
	target := between(r, 600, 1200)
	sector := pick(r, sectors)
	irr, irrPages := g.irritantRefs(between(r, 1, min(4, len(g.irr))))
	p.fm = append([]string{"title: " + q(p.title)}, p.fm...)
	p.fm = append(p.fm, "date: "+g.date(), "description: "+q(w.sentence("")), "sector: "+q(sector))
	p.fm = append(p.fm, ylist("sectors", []string{sector})...)
	p.fm = append(p.fm,
		"speaker: "+q(pick(r, firstNames)+" "+pick(r, lastNames)),
		"role: "+q(pick(r, roles)),
		"duration: "+q(fmt.Sprintf("%d semaines", between(r, 3, 16))))
	p.fm = append(p.fm, ylist("scopes", sample(r, scopes, between(r, 1, 3)))...)
	p.fm = append(p.fm, ylist("tools", sample(r, tools, between(r, 2, 5)))...)
	p.fm = append(p.fm, ylist("tags", sample(r, tags, between(r, 1, 4)))...)
	quotes := make([]string, between(r, 2, 3))
	for i := range quotes {
		quotes[i] = w.paragraph(1, 2)
	}
	p.fm = append(p.fm, ylist("quotes", quotes)...)
	deliverables := make([]string, between(r, 2, 4))
	for i := range deliverables {
		deliverables[i] = w.phrase(5, 12) + ";"
	}
	p.fm = append(p.fm, ylist("deliverables", deliverables)...)
	p.fm = append(p.fm, ylist("irritants", irr)...)

	var parts []string
	if p.bundle {
		parts = append(parts, "![Logo du client](logo.svg)", "")
		g.stats.Links++
	}
	parts = append(parts, p.heading(2, "La mission"), "", w.bodyParagraph(3, 6), "")
	for i := range between(r, 2, 4) {
		parts = append(parts, fmt.Sprintf("%d. **%s** %s", i+1, w.phrase(2, 4), w.bodySentence()))
	}
	parts = append(parts, "")
	words := countWords(strings.Join(parts, "\n"))
	for ph := 1; float64(words) < float64(target)*0.55; ph++ {
		block := []string{p.heading(3, fmt.Sprintf("Phase %d", ph)), "", "**" + w.phrase(3, 6) + "**", "", w.bodyParagraph(2, 5), ""}
		for range between(r, 2, 5) {
			block = append(block, "- "+w.bodySentence())
		}
		block = append(block, "")
		parts = append(parts, block...)
		words += countWords(strings.Join(block, "\n"))
	}
	parts = append(parts, p.heading(2, "Le retour d’expérience"), "")
	qs := append([]string{}, questions...)
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	for i := 0; words < target; i++ {
		block := []string{p.heading(3, qs[i%len(qs)]), "", "> " + w.bodyParagraph(2, 4), "", w.bodyParagraph(2, 4), ""}
		parts = append(parts, block...)
		words += countWords(strings.Join(block, "\n"))
	}
	parts = append(parts, p.heading(2, "Irritants traités"), "")
	for _, t := range irrPages {
		parts = append(parts, "- "+g.mdLink(p, t, t.title, ""))
	}
	p.body = strings.Join(parts, "\n")
}

func (g *generator) writeGuide(p *page) {
	r, w := g.r, g.w
	target := between(r, 600, 1200)
	p.fm = []string{"title: " + q(p.title), "date: " + g.date(), "description: " + q(w.sentence(""))}
	p.fm = append(p.fm, ylist("scopes", sample(r, scopes, between(r, 1, 3)))...)
	p.fm = append(p.fm, ylist("tags", sample(r, tags, between(r, 1, 4)))...)
	if g.mix == Full && r.IntN(2) == 0 {
		p.fm = append(p.fm, ylist("tools", sample(r, tools, between(r, 1, 3)))...)
		p.fm = append(p.fm, ylist("sectors", sample(r, sectors, between(r, 1, 2)))...)
		refs, _ := g.irritantRefs(between(r, 1, min(3, len(g.irr))))
		p.fm = append(p.fm, ylist("irritants", refs)...)
	}
	parts := []string{w.bodyParagraph(2, 4), "", p.heading(2, "Pourquoi c'est important"), "", w.bodyParagraph(3, 6), ""}
	for range between(r, 3, 6) {
		parts = append(parts, fmt.Sprintf("- **%s** : %s", w.phrase(1, 3), w.bodySentence()))
	}
	parts = append(parts, "", p.heading(2, "Mise en œuvre"), "", w.bodyParagraph(2, 4), "")
	if r.IntN(2) == 0 {
		parts = append(parts, "```go", "package parcours", "", "// Étape représente une étape du parcours client.",
			"type Étape struct {", "\tNom      string", "\tÉmotion  int", "\tIrritants []string", "}", "",
			"func score(e Étape) int {", fmt.Sprintf("\tif len(e.Irritants) > %d {", between(r, 1, 5)),
			"\t\treturn e.Émotion - 1", "\t}", fmt.Sprintf("\treturn e.Émotion + %d", between(r, 1, 3)), "}", "```")
	} else {
		parts = append(parts, "```yaml", "parcours:", "  persona: "+q(pick(r, firstNames)+", "+pick(r, roles)),
			"  phases:", "    - nom: "+q(pick(r, stages)), fmt.Sprintf("      émotion: %d", between(r, -2, 2)),
			"      irritants: ["+g.irr[r.IntN(len(g.irr))].slug+"]",
			fmt.Sprintf("      kpis: [\"Taux d'activation : %d %%\"]", between(r, 10, 90)), "```")
	}
	parts = append(parts, "", "| Étape | Responsable | Indicateur | Délai |", "|---|---|---|---|")
	for range between(r, 3, 6) {
		parts = append(parts, fmt.Sprintf("| %s | %s | %s | %d jours |", pick(r, stages), pick(r, roles), w.phrase(2, 3), between(r, 2, 60)))
	}
	parts = append(parts, "")
	words := countWords(strings.Join(parts, "\n"))
	for k := 1; words < target; k++ {
		block := []string{p.heading(2, fmt.Sprintf("%d. %s", k, w.phrase(2, 5))), "", w.bodyParagraph(3, 6), ""}
		if k%2 == 1 {
			for j := range between(r, 2, 4) {
				block = append(block, fmt.Sprintf("%d. %s", j+1, w.bodySentence()))
			}
			block = append(block, "")
		}
		parts = append(parts, block...)
		words += countWords(strings.Join(block, "\n"))
	}
	var see []string
	for _, j := range distinct(r, len(g.pages), 2+r.IntN(2)) {
		if t := g.pages[j]; t != p {
			see = append(see, g.mdLink(p, t, t.title, ""))
		}
	}
	parts = append(parts, p.heading(2, "Pour aller plus loin"), "", "Voir aussi "+strings.Join(see, ", ")+".")
	p.body = strings.Join(parts, "\n")
}

func (g *generator) writeIrritant(p *page) {
	r, w := g.r, g.w
	p.fm = []string{"title: " + q(p.title)}
	p.fm = append(p.fm, ylist("sectors", sample(r, sectors, between(r, 1, 3)))...)
	p.fm = append(p.fm, ylist("stages", sample(r, stages, between(r, 1, 2)))...)
	p.fm = append(p.fm, fmt.Sprintf("severity: %d", between(r, 1, 5)))
	remedies := make([]string, between(r, 2, 4))
	for i := range remedies {
		remedies[i] = w.phrase(4, 9)
	}
	p.fm = append(p.fm, ylist("remedies", remedies)...)
	if g.mix == Full {
		p.fm = append(p.fm, ylist("verbatim", []string{w.sentence("")})...)
		p.fm = append(p.fm, ylist("kpis", []string{fmt.Sprintf("Part des %s concernés : %d %%", w.nouns.pick(r), between(r, 2, 60))})...)
	}
	p.body = strings.Join([]string{w.bodyParagraph(3, 5), "", p.heading(2, "Ce que disent les clients"), "",
		"> " + w.bodySentence(), "", w.bodyParagraph(2, 4)}, "\n")
}

// save writes the site; content/ is replaced as a whole so that a smaller
// corpus never keeps pages of a larger one.
func (g *generator) save(dir string) error {
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(content); err != nil {
		return err
	}
	var errs []error
	write := func(rel, data string) {
		name := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			errs = append(errs, err)
			return
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			errs = append(errs, err)
		}
		g.stats.Bytes += int64(len(data))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "parcours.toml"), []byte(config), 0o644); err != nil {
		return err
	}
	for _, s := range [][2]string{{"", "Playbooks"}, {"cases", "Études de cas"}, {"guides", "Guides et méthodes"},
		{"journeys", "Parcours"}, {"irritants", "Catalogue des irritants"}} {
		if s[0] == "journeys" && g.stats.Journeys == 0 {
			continue
		}
		write(path.Join(s[0], "_index.md"), "---\ntitle: "+q(s[1])+"\n---\n\n"+g.w.paragraph(2, 3)+"\n")
	}
	for _, p := range g.pages {
		g.stats.Words += countWords(p.body)
		write(p.rel, "---\n"+strings.Join(p.fm, "\n")+"\n---\n\n"+strings.TrimRight(p.body, "\n")+"\n")
		if p.bundle {
			write(path.Join(path.Dir(p.rel), "logo.svg"), logo)
		}
	}
	return errors.Join(errs...)
}

const config = `title   = "Playbooks"
baseURL = "https://playbooks.example.org/"
`

const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#2a6"/></svg>
`

// q quotes a YAML scalar.
func q(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

func ylist(key string, items []string) []string {
	out := []string{key + ":"}
	for _, it := range items {
		out = append(out, "  - "+q(it))
	}
	return out
}
