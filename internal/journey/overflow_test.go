package journey

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
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

// TestTextStaysInCells draws the example journeys and a stress journey in
// Chromium, with each font a Linux reader falls back to, and checks from the
// rendered boxes that no text leaves its cell: stage names and lane entries
// their column, lane names the label column, everything else the map; and
// that a compared map's deltas stay in their column's strip under the
// curve, clear of every other text.
func TestTextStaysInCells(t *testing.T) {
	ctx := browsertest.New(t)
	type box struct {
		Class, Text    string
		X, Left, Right float64
		Top, Bottom    float64
	}
	type fixed struct {
		j *Journey
		o Options
	}
	journeys := map[string]fixed{}
	for _, name := range fixtures {
		j, o := fixture(t, name)
		journeys[name] = fixed{j, o}
	}
	j, diags := Parse("stress.md", []byte(stressJourney), 1, 0)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	journeys["stress"] = fixed{j, options(t, "fr")}
	for name, f := range journeys {
		j, o := f.j, f.o
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
				return {Class: e.getAttribute('class') || '', Text: e.textContent, X: e.x.baseVal[0].value,
					Left: b.x, Right: b.x + b.width, Top: b.y, Bottom: b.y + b.height};
			})`))
			srv.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(boxes) < 10 {
				t.Fatalf("%s: only %d texts drawn", name, len(boxes))
			}
			deltas := 0
			for _, b := range boxes {
				if strings.Contains(b.Class, "j-delta") {
					deltas++
					checkDelta(t, l, b.Text, b.Left, b.Right, b.Top, b.Bottom)
					for _, o := range boxes {
						if o != b && o.Left < b.Right && b.Left < o.Right && o.Top < b.Bottom && b.Top < o.Bottom {
							t.Errorf("%s, font %q: the delta %q overlaps %q", name, font, b.Text, o.Text)
						}
					}
					continue
				}
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
			want := 0
			for _, d := range l.deltas {
				if d.text != "" {
					want++
				}
			}
			if deltas != want {
				t.Errorf("%s, font %q: %d deltas drawn, want %d", name, font, deltas, want)
			}
		}
	}
}

// checkDelta fails the test unless the delta label boxed by left, right,
// top and bottom lies in one stage's column, in the strip under the curve.
func checkDelta(t *testing.T, l *layout, text string, left, right, top, bottom float64) {
	t.Helper()
	li := slices.IndexFunc(l.lanes, func(ln *lane) bool { return ln.kind == emotionLane })
	if li < 0 {
		t.Fatalf("delta %q drawn on a map without an emotion lane", text)
	}
	strip := l.rowY[li] + l.rowH[li] - l.deltaRoom()
	if top < strip-0.5 || bottom > l.rowY[li]+l.rowH[li]+0.5 {
		t.Errorf("delta %q spans %.1f–%.1f, outside the strip %.1f–%.1f", text, top, bottom, strip, l.rowY[li]+l.rowH[li])
	}
	for si := range l.stages {
		if l.colX[si] <= left && right <= l.colX[si]+l.colW[si] {
			return
		}
	}
	t.Errorf("delta %q spans %.1f–%.1f, in no stage's column", text, left, right)
}
