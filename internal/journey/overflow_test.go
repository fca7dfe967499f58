package journey

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// stressJourney has long unbroken words in every kind of text: stage
// names, list lanes, irritants, the bold volume lane.
const stressJourney = `title: Parcours de contrôle des débordements
persona: Anticonstitutionnellement-responsable
phases:
  - name: Phaseinterminablesansaucuneespacepourlacouper
    stages:
      - name: Jemeréinscrisauprogrammedefidélitépremiumillimité
        emotion: -2
        moment_of_truth: true
        volume: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
        actions: ["MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", "https://exemple.fr/un/chemin/très/long/vers/une/page"]
        irritants: [delais-de-traitement-interminables-et-incomprehensibles]
      - name: J'attends
        volume: "1 200 demandes de démo par an"
        kpis: ["Taux de résolution au premier contact : 80 %"]
`

// TestTextStaysInCells draws the three example journeys and a stress
// journey in Chromium, with each font a Linux reader falls back to, and
// checks from the rendered boxes that no text leaves its cell: stage names
// and lane entries their column, lane names the label column, everything
// else the map.
func TestTextStaysInCells(t *testing.T) {
	ctx := browsertest.New(t)
	type box struct {
		Class, Text string
		X, Right    float64
	}
	journeys := map[string]*Journey{}
	for _, name := range fixtures {
		journeys[name] = load(t, name)
	}
	j, diags := Parse("stress.md", []byte(stressJourney), 1, 0)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	journeys["stress"] = j
	for name, j := range journeys {
		o := options(t, "fr")
		l := newLayout(j, o)
		for _, font := range []string{"", "DejaVu Sans", "Liberation Sans"} {
			style := ""
			if font != "" {
				style = fmt.Sprintf("<style>svg { font-family: '%s' !important }</style>", font)
			}
			doc := fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title>%s</head><body>%s</body></html>`, style, html(t, j, o))
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write([]byte(doc))
			}))
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
				t.Fatal(err)
			}
			boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](`[...document.querySelectorAll('.journey-svg text')].map(e => {
				const b = e.getBBox();
				return {Class: e.getAttribute('class') || '', Text: e.textContent, X: e.x.baseVal[0].value, Right: b.x + b.width};
			})`))
			srv.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(boxes) < 10 {
				t.Fatalf("%s: only %d texts drawn", name, len(boxes))
			}
			for _, b := range boxes {
				limit := l.W - margin
				switch {
				case strings.Contains(b.Class, "j-lbl-t"):
					limit = margin + labelW
				case strings.Contains(b.Class, "j-stage-t") || strings.Contains(b.Class, "j-t") || strings.Contains(b.Class, "j-irr"):
					for si := range l.stages {
						if l.colX[si] <= b.X && b.X < l.colX[si]+l.colW[si] {
							limit = l.colX[si] + l.colW[si]
						}
					}
				}
				if b.Right > limit+0.5 {
					t.Errorf("%s, font %q: %q ends at %.1f, %.1f past its cell's edge %.1f", name, font, b.Text, b.Right, b.Right-limit, limit)
				}
			}
		}
	}
}
