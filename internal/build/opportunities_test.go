package build

import (
	"regexp"
	"strings"
	"testing"
)

var opportunitySite = map[string]string{
	"content/journeys/o.md": "---\ntitle: O\n---\n```journey\ntitle: Parcours\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n" +
		"        opportunities:\n          - Payer sans compte\n          - {text: Paiement en un clic, impact: 5, effort: 1, status: done, irritants: [attente]}\n" +
		"          - {text: Refonte du SI, impact: 4, effort: 5}\n          - {text: Bouton plus grand, impact: 1, effort: 1}\n" +
		"        kpis:\n          - {name: Délai, value: 9, target: 3, unit: jours}\n```\n",
	"content/irritants/attente.md": "---\ntitle: Attente interminable\nseverity: 4\nremedies:\n  - {text: Prévenir du délai, impact: 3, effort: 2, status: planned}\n" +
		"kpis:\n  - {name: Temps d’attente, value: 12, target: 2, unit: min}\n---\n",
}

func TestOpportunitiesPage(t *testing.T) {
	m, err := buildWith(t, opportunitySite)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.Get("opportunities/index.html")
	page := string(b)
	cells := regexp.MustCompile(`(?s)<section class="quadrant-cell quadrant-([a-z-]+)".*?</section>`).FindAllStringSubmatch(page, -1)
	got := map[string]string{}
	var order []string
	for _, c := range cells {
		got[c[1]] = c[0]
		order = append(order, c[1])
	}
	if strings.Join(order, " ") != "quick-win big-bet fill-in thankless" {
		t.Fatalf("quadrants %v, want the four in chart order", order)
	}
	win := got["quick-win"]
	if i, j := strings.Index(win, "Paiement en un clic"), strings.Index(win, "Prévenir du délai"); i < 0 || j < 0 || i > j {
		t.Errorf("quick wins do not list the impact 5 before the impact 3:\n%s", win)
	}
	for _, want := range []string{`href="/journeys/o/#parcours--je-paie">Parcours › P › Je paie</a>`, `href="/irritants/attente/">Attente interminable</a>`, `status-done`} {
		if !strings.Contains(win, want) {
			t.Errorf("the quick wins lack %s", want)
		}
	}
	if !strings.Contains(got["big-bet"], "Refonte du SI") || !strings.Contains(got["fill-in"], "Bouton plus grand") || strings.Contains(got["thankless"], "<li>") {
		t.Errorf("opportunities in the wrong quadrants: %v", got)
	}
	if !strings.Contains(between(page, `id="unscored-title"`, "</section>"), "Payer sans compte") {
		t.Error("the opportunity written as a string is not among those to assess")
	}
	irr, _ := m.Get("irritants/attente/index.html")
	if !strings.Contains(string(irr), "Temps d’attente <span class=\"kpi\"><strong>12 min</strong> <span class=\"muted\">cible 2 min</span></span>") {
		t.Error("the irritant page does not show its KPI against its target")
	}
}

func TestOpportunityNamesAnUnknownIrritant(t *testing.T) {
	site := map[string]string{"content/irritants/attente.md": "---\ntitle: Attente interminable\nremedies:\n  - text: Prévenir\n    irritants: [atente]\n---\n"}
	_, err := buildWith(t, site)
	if err == nil || !strings.Contains(err.Error(), `content/irritants/attente.md:5:17: irritants: unknown irritant "atente"; did you mean "attente"?`) {
		t.Errorf("got %v, want the unknown irritant at its line", err)
	}
}
