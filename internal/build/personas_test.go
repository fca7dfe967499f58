package build

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

// personaSite adds persona pages and a journey naming them to goodSite.
var personaSite = map[string]string{
	"content/personas/claire/index.md":  "---\ntitle: Claire, adhérente\nrole: Adhérente\nsector: Assurance\nquote: Être remboursée vite.\ngoals: [Savoir ce qui est couvert]\nimage: photo.svg\n---\nClaire.\n",
	"content/personas/claire/photo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	"content/personas/marc.md":          "---\ntitle: Marc, directeur technique\nrole: Directeur technique\n---\n",
}

func personaJourney(page, block string) string {
	front := "---\ntitle: Avec persona\n"
	if page != "" {
		front += "persona: " + page + "\n"
	}
	body := "---\n\n```journey\ntitle: Parcours\n"
	if block != "" {
		body += "persona: " + block + "\n"
	}
	return front + body + "phases:\n  - name: P\n    stages:\n      - name: Je paie\n        irritants: [attente]\n```\n"
}

// buildWith builds goodSite with the files of each set added in turn.
func buildWith(t *testing.T, sets ...map[string]string) (*output.Memory, error) {
	t.Helper()
	files := maps.Clone(goodSite)
	for _, set := range sets {
		maps.Copy(files, set)
	}
	return buildTo(t, Options{Root: writeSite(t, files)})
}

func TestPersonaErrors(t *testing.T) {
	tests := []struct {
		name, journey, want string
	}{
		{"page and block name two persona pages", personaJourney("claire", "Marc, directeur technique"),
			"content/journeys/p.md:8:10: persona: the journey names content/personas/marc.md but the page's persona: (line 3) names content/personas/claire/index.md"},
		{"a near name in the frontmatter", personaJourney("clair", ""),
			`content/journeys/p.md:3:10: persona: unknown persona "clair"; did you mean "claire"?`},
		{"a near title in the block", personaJourney("", "Marc directeur technique"),
			`content/journeys/p.md:7:10: persona: unknown persona "Marc directeur technique"; did you mean "Marc, directeur technique"?`},
		{"persona given a list", "---\ntitle: L\npersona: [claire]\n---\n",
			"content/journeys/p.md:3:10: persona must be text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildWith(t, personaSite, map[string]string{"content/journeys/p.md": tt.journey})
			var de *diag.Errors
			if !errors.As(err, &de) {
				t.Fatalf("got %v, want diagnostics", err)
			}
			if len(de.List) != 1 || !strings.Contains(de.List[0].Error(), tt.want) {
				t.Errorf("got:\n%v\nwant one problem containing %q", err, tt.want)
			}
		})
	}
}

func TestPersonaImageOutsideBundle(t *testing.T) {
	_, err := buildWith(t, map[string]string{"content/personas/zoe.md": "---\ntitle: Zoé\nimage: zoe.png\n---\n"})
	if err == nil || !strings.Contains(err.Error(), `content/personas/zoe.md:3:1: image "zoe.png" is not a file of this page's bundle`) {
		t.Errorf("got %v, want the image refused at its line", err)
	}
}

func TestPersonaPages(t *testing.T) {
	tests := []struct {
		name, journey string
		want          map[string][]string // output file → what it holds
		absent        map[string]string
	}{
		{"named in the page by slug", personaJourney("claire", ""), map[string][]string{
			"journeys/p/index.html":      {`<aside class="persona-card"`, `<a href="/personas/claire/">Claire, adhérente</a>`, `src="/personas/claire/photo.svg"`, "Être remboursée vite."},
			"personas/claire/index.html": {`<a href="/journeys/p/#journey-parcours">Parcours</a>`, `<a class="chip chip-irritant" href="/irritants/attente/">Attente interminable</a>`},
			"personas/claire/photo.svg":  {"<svg"},
			"personas/index.html":        {"/personas/marc/"},
		}, map[string]string{"personas/marc/index.html": "/journeys/p/"}},
		{"named in the block by title, the page in free text", personaJourney("Un client pressé qui veut payer", "Marc, directeur technique"), map[string][]string{
			"journeys/p/index.html":    {`<a href="/personas/marc/">Marc, directeur technique</a>`},
			"personas/marc/index.html": {`href="/journeys/p/#journey-parcours"`, "/irritants/attente/"},
		}, map[string]string{"personas/claire/index.html": "/journeys/p/"}},
		{"both the same page", personaJourney("claire", "Claire, adhérente"), map[string][]string{
			"personas/claire/index.html": {`href="/journeys/p/#journey-parcours"`},
		}, nil},
		{"free text a few letters from a persona's name", personaJourney("Clarisse", "Client"), map[string][]string{
			"journeys/p/index.html": {"<dd>Clarisse</dd>"},
		}, map[string]string{"journeys/p/index.html": "persona-card"}},
		{"free text only", personaJourney("Un client pressé qui veut payer", ""), map[string][]string{
			"journeys/p/index.html": {"<dd>Un client pressé qui veut payer</dd>"},
		}, map[string]string{"journeys/p/index.html": "persona-card"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := buildWith(t, personaSite, map[string]string{"content/journeys/p.md": tt.journey})
			if err != nil {
				t.Fatal(err)
			}
			for name, wants := range tt.want {
				b, _ := m.Get(name)
				for _, w := range wants {
					if !strings.Contains(string(b), w) {
						t.Errorf("%s does not hold %s", name, w)
					}
				}
			}
			for name, w := range tt.absent {
				if b, _ := m.Get(name); strings.Contains(string(b), w) {
					t.Errorf("%s holds %s", name, w)
				}
			}
		})
	}
}
