package journey

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/browsertest"
)

// darkTheme sets the custom properties as the package comment suggests.
const darkTheme = `@media (prefers-color-scheme: dark) {
body { background: #10161d; color: #e4e9ef }
.journey { --j-bg:#16202b; --j-fg:#e4e9ef; --j-muted:#a9b6c4; --j-grid:#33414f; --j-phase:#2b4c70;
  --j-phase-alt:#375f8c; --j-phase-fg:#ffffff; --j-stage:#22364d; --j-stage-fg:#e4e9ef; --j-label:#1c2836;
  --j-label-fg:#c9d4e0; --j-row:#1a2530; --j-accent:#8fb6e0; --j-irritant:#ff8a80; --j-good:#81c784;
  --j-warn:#ffb74d; --j-mot:#ffd54f }
}
body { margin: 2rem; max-width: 1100px; font-family: sans-serif }
`

// themeCSS is the default theme's journey stylesheet.
func themeCSS(t *testing.T) string {
	b, err := fs.ReadFile(parcours.DefaultTheme(), "static/css/journey.css")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBrowser shows the figure in Chromium with the theme's stylesheet,
// light, dark and printed: the map keeps its proportions, is drawn at its
// size and scrolls on screen, fits the page on paper, and follows the
// theme's colours. JOURNEY_PNG_DIR keeps screenshots and PDFs.
func TestBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	for _, name := range fixtures {
		j, o := fixture(t, name)
		doc := fmt.Sprintf(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body><h1>%s</h1>%s</body></html>`,
			esc(j.Title), themeCSS(t)+darkTheme, esc(j.Title), html(t, j, o))
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(doc))
		}))
		defer srv.Close()

		for _, mode := range []string{"light", "dark", "print"} {
			media, scheme := "", mode
			if mode == "print" {
				media, scheme = "print", "light"
			}
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Media:    media,
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
				t.Fatal(err)
			}
			type geometry struct {
				W, H, VW, VH, ScrollW, ClientW float64
				Bg                             string
			}
			g, err := chromedp.Run(ctx, chromedp.Evaluate[geometry](`(() => {
				const s = document.querySelector('.journey-svg'), r = s.getBoundingClientRect();
				const sc = document.querySelector('.journey-scroll');
				return {W: r.width, H: r.height, VW: s.viewBox.baseVal.width, VH: s.viewBox.baseVal.height,
					ScrollW: sc.scrollWidth, ClientW: sc.clientWidth, Bg: getComputedStyle(s.querySelector('rect')).fill};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(g.H/g.W-g.VH/g.VW) > 0.01 {
				t.Errorf("%s %s: drawn %.0f×%.0f, viewBox %.0f×%.0f: proportions lost", name, mode, g.W, g.H, g.VW, g.VH)
			}
			switch {
			case mode == "print" && g.ScrollW > g.ClientW:
				t.Errorf("%s print: the map overflows the page (%.0f > %.0f)", name, g.ScrollW, g.ClientW)
			case mode != "print" && math.Abs(g.W-g.VW) > 0.5:
				t.Errorf("%s %s: drawn %.0f wide, want its size %.0f", name, mode, g.W, g.VW)
			case mode != "print" && g.VW > g.ClientW && g.ScrollW <= g.ClientW:
				t.Errorf("%s %s: a map wider than the page does not scroll", name, mode)
			}
			want := map[string]string{"light": "rgb(255, 255, 255)", "dark": "rgb(22, 32, 43)"}[scheme]
			if g.Bg != want {
				t.Errorf("%s %s: background %s, want %s", name, mode, g.Bg, want)
			}
			if dir := os.Getenv("JOURNEY_PNG_DIR"); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, name+"-"+mode+"-browser.png"), png, 0o644)
			}
		}
		landscape := true
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{Landscape: &landscape})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf.Data, []byte("%PDF")) {
			t.Errorf("%s: printing gave no PDF", name)
		}
		if dir := os.Getenv("JOURNEY_PNG_DIR"); dir != "" {
			os.WriteFile(filepath.Join(dir, name+".pdf"), pdf.Data, 0o644)
		}
	}
}
