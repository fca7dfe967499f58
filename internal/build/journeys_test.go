package build

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

const lanesConfig = "title = \"Test\"\nbaseURL = \"https://x.org/\"\n\n[journey]\nlanes = [\n  {key = \"emotions_equipe\", label = {fr = \"Émotions de l’équipe\", en = \"Team feelings\"}},\n  {key = \"actions\", label = {fr = \"Doublon\"}},\n]\n"

func TestJourneyChecks(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"lifecycle not a stage", map[string]string{
			"content/journeys/l.md": "---\ntitle: L\n---\n```journey\ntitle: T\nphases:\n  - name: P\n    stages:\n      - name: Je\n        lifecycle: Onbording\n```\n",
		}, `content/journeys/l.md:10:20: lifecycle "Onbording" is not one of the site's stages: did you mean "Onboarding"?`},
		{"phase lifecycle not a stage", map[string]string{
			"content/journeys/l.md": "---\ntitle: L\n---\n```journey\ntitle: T\nphases:\n  - name: P\n    lifecycle: Fidélité\n    stages:\n      - name: Je\n```\n",
		}, `content/journeys/l.md:8:16: lifecycle "Fidélité" is not one of the site's stages; known: Achat, Onboarding`},
		{"lane clashing with a built-in one", map[string]string{"parcours.toml": lanesConfig},
			`parcours.toml:7:1: [journey] lanes: "actions" is a built-in stage field`},
		{"undeclared lane", map[string]string{
			"content/journeys/l.md": "---\ntitle: L\n---\n```journey\ntitle: T\nphases:\n  - name: P\n    stages:\n      - name: Je\n        emotions_equipe: [Tendue]\n```\n",
		}, `content/journeys/l.md:10:9: unknown field "emotions_equipe" in stage`},
		{"link to a stage that is not there", map[string]string{
			"content/guides/g.md": "---\ntitle: G\n---\nVoir [l’étape](../journeys/j.md#parcours--je-paye).\n",
		}, `content/guides/g.md:4:6: #parcours--je-paye: content/journeys/j.md has no such heading; did you mean "#parcours--je-paie"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildWith(t, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}

func TestSiteLanesAndStageAnchors(t *testing.T) {
	m, err := buildWith(t, map[string]string{
		"parcours.toml":         strings.Replace(lanesConfig, "  {key = \"actions\", label = {fr = \"Doublon\"}},\n", "", 1),
		"content/journeys/l.md": "---\ntitle: L\n---\n```journey\ntitle: T\nphases:\n  - name: P\n    lifecycle: Onboarding\n    stages:\n      - name: Je\n        emotions_equipe: [Tendue]\n```\n",
		"content/guides/g.md":   "---\ntitle: G\n---\nVoir [l’étape](../journeys/j.md#parcours--je-paie).\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"journeys/l/index.html":        "Émotions de l’équipe",
		"journeys/l/t.csv":             "Tendue",
		"journeys/j/index.html":        `id="parcours--je-paie"`,
		"guides/g/index.html":          `href="/journeys/j/#parcours--je-paie"`,
		"irritants/attente/index.html": `href="/journeys/j/#parcours--je-paie"`,
	} {
		if b, _ := m.Get(name); !strings.Contains(string(b), want) {
			t.Errorf("%s does not hold %s", name, want)
		}
	}
}

func TestLifecycleMap(t *testing.T) {
	journey := func(title, sector, stages string) string {
		return "---\ntitle: " + title + "\nsector: " + sector + "\n---\n```journey\ntitle: " + title + "\nphases:\n  - name: P\n    lifecycle: Achat\n    stages:\n" + stages + "```\n"
	}
	m, err := buildWith(t, map[string]string{
		"content/irritants/bruit.md": "---\ntitle: Bruit\n---\n",
		"content/journeys/a.md": journey("A", "Banque",
			"      - name: Je compare\n        emotion: -1\n        irritants: [attente]\n      - name: J’achète\n        emotion: -2\n        moment_of_truth: true\n        irritants: [attente, bruit]\n      - name: J’utilise\n        lifecycle: Adoption\n        emotion: 2\n"),
		"content/journeys/b.md": journey("B", "Banque", "      - name: Je signe\n        emotion: 1\n"),
		"content/journeys/c.md": "---\ntitle: C\n---\n```journey\ntitle: C\nstate: target\ncompares: a\nphases:\n  - name: P\n    lifecycle: Achat\n    stages:\n      - name: Je compare\n```\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.Get("journeys/index.html")
	section := html.UnescapeString(between(string(b), `id="lifecycle-title"`, "</section>"))
	tags := regexp.MustCompile(`<[^>]*>`)
	var got []string
	for _, r := range regexp.MustCompile(`(?s)<tr><th scope="row">.*?</tr>`).FindAllString(section, -1) {
		got = append(got, strings.Join(strings.Fields(tags.ReplaceAllString(r, " ")), " "))
	}
	// A: at Achat, mean (−1 −2)/2, attente and bruit, one moment of truth;
	// at Adoption, +2. B: at Achat, +1. Banque, A and B together: at
	// Achat (−1 −2 +1)/3. The target journey C is left out.
	want := []string{
		"A −1,5 2 irritants · ★ 1 +2,0 0 irritants",
		"B +1,0 0 irritants ·",
		"Banque −0,7 2 irritants · ★ 1 +2,0 0 irritants",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
