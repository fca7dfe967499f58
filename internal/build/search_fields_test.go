package build

import (
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/search/indexfile"
	"github.com/parcours/parcours/internal/search/searchtest"
)

// TestSearchFindsTheNewFields queries the built index for words found only
// in a persona's facts, a service blueprint lane, a site's own lane, a KPI
// map and a remedy map.
func TestSearchFindsTheNewFields(t *testing.T) {
	m, err := buildWith(t, map[string]string{
		"parcours.toml":                "title = \"Test\"\n[journey]\nlanes = [{key = \"equipe\", label = {fr = \"Équipe\"}}]\n",
		"content/personas/zoe.md":      "---\ntitle: Zoé\ngoals: [Obtenir un échéancier]\nfrustrations: [Les relances téléphoniques]\n---\n",
		"content/irritants/attente.md": "---\ntitle: Attente interminable\nremedies:\n  - {text: Rappel automatisé, impact: 3, effort: 2}\n---\n",
		"content/journeys/b.md": "---\ntitle: B\n---\n```journey\ntitle: Plan\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n        id: paiement\n" +
			"        backstage: [Rapprochement bancaire]\n        equipe: [Lassitude]\n        kpis:\n          - {name: Délai d’encaissement, value: 4, unit: jours}\n```\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	var files []indexfile.File
	for _, name := range m.Names() {
		if rest, ok := strings.CutPrefix(name, searchDir); ok {
			b, _ := m.Get(name)
			files = append(files, indexfile.File{Path: rest, Data: b})
		}
	}
	tests := []struct{ query, url, anchor string }{
		{"échéancier", "personas/zoe/", ""},
		{"relances", "personas/zoe/", ""},
		{"rapprochement", "journeys/b/", "plan--paiement"},
		{"lassitude", "journeys/b/", "plan--paiement"},
		{"encaissement", "journeys/b/", "plan--paiement"},
		{"automatisé", "irritants/attente/", ""},
	}
	for _, tt := range tests {
		res, err := searchtest.Search(files, tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || !strings.HasSuffix(res.Hits[0].URL, tt.url) || res.Hits[0].Anchor != tt.anchor {
			t.Errorf("%q: got %+v, want %s#%s first", tt.query, res.Hits, tt.url, tt.anchor)
		}
	}
	// The stage's excerpt shows its lanes' items apart, not run together.
	found := false
	for _, f := range files {
		found = found || strings.Contains(string(f.Data), "Rapprochement bancaire · Lassitude")
	}
	if !found {
		t.Error("no excerpt with the stage's items apart (Rapprochement bancaire · Lassitude)")
	}
}
