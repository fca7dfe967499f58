package links_test

import (
	"context"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
)

// admonitionLook is what a reader sees of an admonition.
type admonitionLook struct {
	Border     float64 // left border width, px
	BorderRGB  []float64
	Background []float64 // its own
	Page       []float64 // the page's
	Title      string
	TitleRGB   []float64
	Icon       float64 // width of the title's icon, px
	Hidden     bool    // the body of a folded callout is hidden
}

// TestAdmonitionsStyled opens a page of the Obsidian-shaped vault in light
// and dark, and checks that its callouts read as such: a coloured border,
// a background of their own that follows the scheme, a readable title with
// an icon, a folded one closed.
func TestAdmonitionsStyled(t *testing.T) {
	m := output.NewMemory()
	if _, err := build.Run(build.Options{Root: filepath.Join("testdata", "migrate", "obsidian")}, m); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := m.Get(name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		_, _ = w.Write(b)
	}))
	defer srv.Close()
	browser := browsertest.New(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/projects/project-alpha/"), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			for _, tt := range []struct {
				sel, title string
				folded     bool
			}{
				{".admonition-tip", "Before the kick-off", false},
				{".admonition-warning", "Warning", true},
			} {
				look := lookOf(t, ctx, tt.sel)
				if look.Border < 3 || look.Title != tt.title || look.Icon < 10 || look.Hidden != tt.folded {
					t.Errorf("%s: %+v, want a border, the title %q with its icon, folded %v", tt.sel, look, tt.title, tt.folded)
				}
				bg, page := luminance(look.Background), luminance(look.Page)
				if bg == page {
					t.Errorf("%s: the background %v is the page's", tt.sel, look.Background)
				}
				if dark := scheme == "dark"; dark != (bg < 0.2) {
					t.Errorf("%s: background luminance %.2f in %s", tt.sel, bg, scheme)
				}
				if c := contrast(luminance(look.TitleRGB), bg); c < 4.5 {
					t.Errorf("%s: title contrast %.1f:1 on its background, want 4.5:1", tt.sel, c)
				}
				if contrast(luminance(look.BorderRGB), bg) < 3 {
					t.Errorf("%s: the border %v does not stand out from %v", tt.sel, look.BorderRGB, look.Background)
				}
			}
		})
	}
}

func lookOf(t *testing.T, ctx context.Context, sel string) admonitionLook {
	t.Helper()
	return browsertest.Eval[admonitionLook](t, ctx, `(() => {
		const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
		const e = document.querySelector(`+browsertest.JSString(sel)+`);
		const s = getComputedStyle(e), title = e.querySelector(".admonition-title");
		const body = e.querySelector(".admonition-title ~ p, details > p");
		return {
			Border: parseFloat(s.borderLeftWidth), BorderRGB: rgb(s.borderLeftColor),
			Background: rgb(s.backgroundColor), Page: rgb(getComputedStyle(document.body).backgroundColor),
			Title: title.innerText.replace(/[▸▾]/g, "").trim(), TitleRGB: rgb(getComputedStyle(title).color),
			Icon: parseFloat(getComputedStyle(title, "::before").width),
			Hidden: !body.checkVisibility(),
		} })()`)
}

// luminance is the relative luminance of an sRGB colour (WCAG 2).
func luminance(rgb []float64) float64 {
	var l [3]float64
	for i, c := range rgb {
		c /= 255
		if c <= 0.04045 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(a, b float64) float64 {
	return (max(a, b) + 0.05) / (min(a, b) + 0.05)
}
