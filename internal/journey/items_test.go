package journey

import (
	"reflect"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/content"
)

// TestOpportunityAndKPIMaps reads the lanes whose entries may be maps, and
// checks that the drawing's lanes still read them as text.
func TestOpportunityAndKPIMaps(t *testing.T) {
	src := `title: T
phases:
  - name: P
    stages:
      - name: Je paie
        opportunities:
          - Paiement en un clic
          - text: Devis instantané
            impact: 4
            effort: 2
            status: planned
            irritants: [attente]
        kpis:
          - Taux de décroché
          - {name: Délai, value: 9, target: 3, unit: jours}
`
	j, ds := Parse("content/journeys/x.md", []byte(src), 10, 0)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	s := j.Phases[0].Stages[0]
	want := []content.Opportunity{
		{Text: "Paiement en un clic", Line: 16, Col: 13},
		{Text: "Devis instantané", Impact: 4, Effort: 2, Status: "planned", Line: 17, Col: 13,
			Irritants: []content.Ref{{Text: "attente", Line: 21, Col: 25}}},
	}
	if !reflect.DeepEqual(s.Opportunities, want) {
		t.Errorf("opportunities\n got %+v\nwant %+v", s.Opportunities, want)
	}
	if k := s.KPIs[1]; k != (content.KPI{Name: "Délai", Value: "9", Target: "3", Unit: "jours"}) {
		t.Errorf("kpi %+v", k)
	}
	texts := strings.Join(s.Texts(Options{}), "|")
	if texts != "Paiement en un clic|Devis instantané|Taux de décroché|Délai : 9 jours → 3 jours" {
		t.Errorf("stage texts %q", texts)
	}
	if g := quadrantOf(s.Opportunities[1]); g != "quick-win" {
		t.Errorf("quadrant %q, want quick-win", g)
	}
}

func quadrantOf(o content.Opportunity) string { return o.Quadrant() }

func TestOpportunityAndKPIErrors(t *testing.T) {
	const head = "title: T\nphases:\n  - name: P\n    stages:\n      - name: Je\n"
	tests := []struct {
		name, src string
		at, msg   string
	}{
		{"impact out of range", head + "        opportunities:\n          - {text: A, impact: 9, effort: 2}\n",
			"x.md:16:31:", "impact must be a whole number from 1 to 5, got 9: impact: 3"},
		{"effort as text", head + "        opportunities:\n          - {text: A, effort: beaucoup}\n",
			"x.md:16:31:", `effort must be a whole number from 1 to 5, got "beaucoup"`},
		{"unknown status", head + "        opportunities:\n          - {text: A, status: fait}\n",
			"x.md:16:31:", `status must be one of idea, planned, done, got "fait"`},
		{"misspelt field", head + "        opportunities:\n          - {txt: A}\n",
			"x.md:16:14:", `unknown field "txt" in an entry of opportunities (did you mean "text"?)`},
		{"map without text", head + "        opportunities:\n          - {impact: 2}\n",
			"x.md:16:13:", "each map of opportunities needs a text"},
		{"irritants not a list", head + "        opportunities:\n          - {text: A, irritants: attente}\n",
			"x.md:16:34:", "irritants of an entry of opportunities must be a list: irritants: [attente]"},
		{"opportunities a string", head + "        opportunities: Devis\n",
			"x.md:15:24:", "opportunities must be a list"},
		{"kpi without name", head + "        kpis:\n          - {value: 3}\n",
			"x.md:16:13:", "a KPI map needs a name"},
		{"kpi misspelt field", head + "        kpis:\n          - {name: A, cible: 3}\n",
			"x.md:16:23:", `unknown field "cible" in a KPI`},
		{"kpi value a list", head + "        kpis:\n          - {name: A, value: [1, 2]}\n",
			"x.md:16:30:", "value of a KPI must be text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("content/journeys/x.md", []byte(tt.src), 10, 0)
			if len(ds) != 1 || !strings.Contains(ds[0].Error(), tt.at+" "+tt.msg) {
				t.Errorf("got %v, want one problem %s %s", ds, tt.at, tt.msg)
			}
		})
	}
}
