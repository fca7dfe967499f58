package build

import (
	"regexp"
	"strings"
	"testing"
)

// prioritySite has three irritants whose priorities (severity × frequency)
// order them otherwise than their titles and severities do, cited by two
// journeys and a case.
var prioritySite = map[string]string{
	"content/irritants/attente.md": "---\ntitle: Attente interminable\nseverity: 4\nfrequency: 2\n---\n",
	"content/irritants/bruit.md":   "---\ntitle: Bruit\nseverity: 3\nfrequency: 5\n---\n",
	"content/irritants/cout.md":    "---\ntitle: Coût caché\nseverity: 2\n---\n",
	"content/journeys/j.md":        "---\ntitle: J\n---\n```journey\ntitle: Parcours\nphases:\n  - name: P\n    stages:\n      - name: Je paie\n        irritants: [attente, bruit]\n      - name: Je reviens\n        irritants: [bruit]\n```\n",
	"content/journeys/k.md":        "---\ntitle: K\n---\n```journey\ntitle: Autre parcours\nphases:\n  - name: P\n    stages:\n      - name: J’attends\n        irritants: [bruit]\n```\n",
}

func TestIrritantPriority(t *testing.T) {
	m, err := buildWith(t, prioritySite)
	if err != nil {
		t.Fatal(err)
	}
	index, _ := m.Get("irritants/index.html")
	ranking := between(string(index), `id="ranking-title"`, "</ol>")
	order := regexp.MustCompile(`<li class="irritant-card" id="irritant-([a-z]+)"`).FindAllStringSubmatch(ranking, -1)
	var got []string
	for _, o := range order {
		got = append(got, o[1])
	}
	// bruit 15, attente 8, cout unscored.
	if strings.Join(got, " ") != "bruit attente cout" {
		t.Errorf("ranking %v, want bruit attente cout", got)
	}
	for _, want := range []string{"<strong class=\"priority priority-2\">15</strong>", "<strong class=\"priority priority-1\">8</strong>"} {
		if !strings.Contains(ranking, want) {
			t.Errorf("the ranking does not show %s", want)
		}
	}
	heat := between(string(index), `id="heatmap-title"`, "</table>")
	rows := regexp.MustCompile(`(?s)<tr><th scope="row"><a href="/irritants/([a-z]+)/">.*?</tr>`).FindAllStringSubmatch(heat, -1)
	if len(rows) != 2 || rows[0][1] != "bruit" || rows[1][1] != "attente" {
		t.Fatalf("heatmap rows %v, want bruit then attente (cout is in no journey)", rows)
	}
	if !strings.Contains(rows[0][0], `href="/journeys/j/#parcours--je-paie" class="heat heat-2" title="Je paie · Je reviens">2</a>`) ||
		!strings.Contains(rows[0][0], `href="/journeys/k/#autre-parcours--j-attends" class="heat heat-1" title="J’attends">1</a>`) {
		t.Errorf("bruit's row does not count its stages per journey:\n%s", rows[0][0])
	}
	page, _ := m.Get("irritants/attente/index.html")
	for _, want := range []string{"<dd>2/5</dd>", ">8</strong>/25", "parcours&nbsp;1 · étapes&nbsp;1 · cas et guides&nbsp;1"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the irritant page does not show %s", want)
		}
	}
}

// between returns the part of s from the first from to the next to.
func between(s, from, to string) string {
	_, after, _ := strings.Cut(s, from)
	before, _, _ := strings.Cut(after, to)
	return before
}
