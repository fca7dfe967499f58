package build

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// catalogueSite orders its three irritants three ways: bruit has the
// highest priority, cout the gravest severity (with no frequency, so no
// priority and no bubble), attente the widest reach (a stage, the acme
// case and two guides).
var catalogueSite = map[string]string{
	"content/irritants/attente.md": "---\ntitle: Attente interminable\nseverity: 4\nfrequency: 2\nsectors: [Banque]\nstages: [Onboarding, Chantier]\n---\n",
	"content/irritants/bruit.md":   "---\ntitle: Bruit\nseverity: 3\nfrequency: 5\nsectors: [Banque, Énergie]\nstages: [Achat]\n---\n",
	"content/irritants/cout.md":    "---\ntitle: Coût caché\nseverity: 5\nsectors: [Énergie]\nstages: [Chantier]\n---\n",
	"content/guides/g1.md":         "---\ntitle: G1\nirritants: [attente]\n---\n",
	"content/guides/g2.md":         "---\ntitle: G2\nirritants: [attente]\n---\n",
}

func TestCatalogueRendering(t *testing.T) {
	m, err := buildWith(t, prioritySite, catalogueSite)
	if err != nil {
		t.Fatal(err)
	}
	cards := `<li class="irritant-card" id="irritant-([a-z]+)"`
	tests := []struct {
		name, file, pattern string
		want                []string // the pattern's first group, in page order
	}{
		{"by priority", "irritants/index.html", cards, []string{"bruit", "attente", "cout"}},
		{"by severity", "irritants/sort/severity/index.html", cards, []string{"cout", "attente", "bruit"}},
		{"by reach", "irritants/sort/reach/index.html", cards, []string{"attente", "bruit", "cout"}},
		// Each card's places in the three orders, for the sort control.
		{"places", "irritants/index.html", `data-places="([0-9 ]+)"`, []string{"1 3 2", "2 2 1", "3 1 3"}},
		{"sort links", "irritants/sort/reach/index.html", `<a href="([^"]+)" data-sort="\d"`,
			[]string{"/irritants/#catalogue", "/irritants/sort/severity/#catalogue", "/irritants/sort/reach/#catalogue"}},
		{"current order", "irritants/sort/reach/index.html", `data-sort="(\d)" aria-current="page"`, []string{"2"}},
		{"filter by sector", "irritants/sector/banque/index.html", cards, []string{"bruit", "attente"}},
		{"filter by another", "irritants/sector/energie/index.html", cards, []string{"bruit", "cout"}},
		{"filter by stage", "irritants/stage/chantier/index.html", cards, []string{"attente", "cout"}},
		{"filter by severity", "irritants/severity/5/index.html", cards, []string{"cout"}},
		// The menus' options, with their counts.
		{"filter menu", "irritants/index.html", `<option value="([a-z0-9]+">[^<]+\(\d+\))</option>`,
			[]string{"banque\">Banque (2)", "energie\">Énergie (2)", "achat\">Achat (1)", "onboarding\">Onboarding (1)", "chantier\">Chantier (2)",
				"5\">5 critique (1)", "4\">4 grave (1)", "3\">3 sérieuse (1)"}},
		{"filter links", "irritants/index.html", `<a href="/irritants/((?:sector|stage|severity)/[a-z0-9]+)/">`,
			[]string{"sector/banque", "sector/energie", "stage/achat", "stage/onboarding", "stage/chantier", "severity/5", "severity/4", "severity/3"}},
		// The scored irritants on the chart, by priority, each a link
		// in the square of its severity and frequency, titled.
		{"bubbles", "irritants/index.html", `<a class="bubble priority-\d" href="/irritants/([a-z]+)/"`, []string{"bruit", "attente"}},
		{"bubble places", "irritants/index.html", `<circle (cx="\d+" cy="\d+")`, []string{`cx="314" cy="62"`, `cx="414" cy="362"`}},
		{"bubble titles", "irritants/index.html", `<title>([^<]*)</title><circle`,
			[]string{"Bruit — gravité 3/5, fréquence 5/5, priorité 15/25, portée 3", "Attente interminable — gravité 4/5, fréquence 2/5, priorité 8/25, portée 4"}},
		{"matrix groups", "irritants/index.html", `<th scope="colgroup" colspan="(\d+" class="[^"]+">[^<]+)<`,
			[]string{`2" class="stage-group">Cycle de vie`, `1" class="stage-group group-start">Étapes propres à certains secteurs`}},
		{"matrix cell", "irritants/matrix/banque/onboarding/index.html", cards, []string{"attente"}},
		{"severity on a cell's cards", "irritants/matrix/energie/chantier/index.html", `<span class="sev sev-(\d)">`,
			[]string{"1", "2", "3", "4", "5", "5"}},
		{"back to the matrix", "irritants/matrix/energie/chantier/index.html", `<p class="back-link"><a href="([^"]+)"`, []string{"/irritants/#matrix"}},
		{"back to the catalogue", "irritants/stage/achat/index.html", `<p class="back-link"><a href="([^"]+)"`, []string{"/irritants/#catalogue"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ok := m.Get(tt.file)
			if !ok {
				t.Fatalf("no %s", tt.file)
			}
			var got []string
			for _, g := range regexp.MustCompile(tt.pattern).FindAllStringSubmatch(string(b), -1) {
				got = append(got, g[1])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: %q gives\n%q\nwant\n%q", tt.file, tt.pattern, got, tt.want)
			}
		})
	}
	index, _ := m.Get("irritants/index.html")
	for _, want := range []string{"Un irritant sans gravité ou sans fréquence n’y figure pas.", `<p class="catalogue-count" role="status">3 irritants</p>`} {
		if !strings.Contains(string(index), want) {
			t.Errorf("the catalogue does not say %q", want)
		}
	}
	for _, name := range []string{"irritants/sort/severity/index.html", "irritants/sector/banque/index.html", "irritants/matrix/banque/onboarding/index.html"} {
		if b, _ := m.Get(name); !strings.Contains(string(b), `<meta name="robots" content="noindex">`) {
			t.Errorf("%s is offered to search engines, which the catalogue and the irritants' pages are for", name)
		}
	}
}
