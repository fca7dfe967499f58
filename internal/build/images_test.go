package build

import (
	"bytes"
	"image"
	"image/png"
	"maps"
	"strings"
	"testing"
)

func pngOf(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPageImages: a page shares its own image when social networks take
// it (a PNG logo), the site's otherwise (an SVG logo, no logo), each with
// the size read from the file; a logo is sized in the page.
func TestPageImages(t *testing.T) {
	files := maps.Clone(goodSite)
	files["parcours.toml"] += "image = \"/img/og.png\"\n"
	files["static/img/og.png"] = pngOf(t, 1200, 630)
	files["content/cases/raster/index.md"] = "---\ntitle: Raster\nclient: Raster SA\nlogo: logo.png\n---\nTexte.\n"
	files["content/cases/raster/logo.png"] = pngOf(t, 200, 100)
	files["content/cases/vector/index.md"] = "---\ntitle: Vector\nclient: Vector SA\nlogo: logo.svg\n---\nTexte.\n"
	files["content/cases/vector/logo.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80"/>`
	m, err := buildTo(t, Options{Root: writeSite(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page string
		want []string
	}{
		{"cases/raster/index.html", []string{
			`<meta property="og:image" content="https://x.org/cases/raster/logo.png">`,
			`<meta property="og:image:width" content="200">`,
			`<meta property="og:image:height" content="100">`,
			`<meta name="twitter:card" content="summary">`,
			`"image":"https://x.org/cases/raster/logo.png"`,
			`<img class="logo" src="/cases/raster/logo.png" alt="Raster SA" width="160" height="80">`,
		}},
		{"cases/vector/index.html", []string{
			`<meta property="og:image" content="https://x.org/img/og.png">`,
			`<meta property="og:image:width" content="1200">`,
			`<meta property="og:image:height" content="630">`,
			`<meta name="twitter:card" content="summary_large_image">`,
			`<img class="logo" src="/cases/vector/logo.svg" alt="Vector SA" width="160" height="53">`,
		}},
		{"index.html", []string{
			`<meta property="og:image" content="https://x.org/img/og.png">`,
			`<meta name="twitter:card" content="summary_large_image">`,
		}},
	}
	for _, tt := range tests {
		data, ok := m.Get(tt.page)
		if !ok {
			t.Fatalf("no %s", tt.page)
		}
		html := string(data)
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: missing %s", tt.page, w)
			}
		}
		if n := strings.Count(html, `<meta property="og:image"`); n != 1 {
			t.Errorf("%s: %d og:image, want 1", tt.page, n)
		}
	}
}
