package build_test

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// TestLogoKeepsItsRoom: a case's logo holds its place before it loads (no
// jump of the fact sheet when it arrives), at its own proportions.
func TestLogoKeepsItsRoom(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/cases/qonto/")
		browsertest.WaitJS(t, ctx, `document.querySelector("img.logo").complete`)
		type sizes struct{ Loaded, Unloaded, NaturalW, NaturalH, ContentW, ContentH float64 }
		got := browsertest.Eval[sizes](t, ctx, `(() => {
			const img = document.querySelector("img.logo"), ghost = img.cloneNode();
			ghost.removeAttribute("src");
			img.after(ghost);
			const cs = getComputedStyle(img), pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom), padX = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
			const out = {Loaded: img.getBoundingClientRect().height, Unloaded: ghost.getBoundingClientRect().height,
				NaturalW: img.naturalWidth, NaturalH: img.naturalHeight,
				ContentW: img.getBoundingClientRect().width - padX, ContentH: img.getBoundingClientRect().height - pad};
			ghost.remove();
			return out })()`)
		if math.Abs(got.Loaded-got.Unloaded) > 1 {
			t.Errorf("the logo is %.0fpx high loaded, %.0fpx before: the page jumps when it arrives", got.Loaded, got.Unloaded)
		}
		if want := got.ContentW * got.NaturalH / got.NaturalW; math.Abs(got.ContentH-want) > 1 {
			t.Errorf("the logo is drawn %.0f×%.0f, want its proportions (%.0f×%.0f)", got.ContentW, got.ContentH, got.ContentW, want)
		}
	})
}

// TestSearchExcerptUnits: an excerpt begins with the journey lane item or
// the table cell that matches, not in the middle of a run of them, and
// shows no table header.
func TestSearchExcerptUnits(t *testing.T) {
	browser := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildExample(t, false))))
	defer srv.Close()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	tests := []struct {
		query  string
		units  bool   // the word is in lane items: excerpts start at one
		header string // a table header near the word, never shown
	}{
		{"visioconférence", true, ""},
		{"répertoriés", false, "Où il se manifeste"},
	}
	for _, tt := range tests {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+tt.query)); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `document.querySelectorAll("#search-page-list .search-hit").length > 0`)
		// The text before each excerpt's first mark: "" or "… " when the
		// excerpt starts at the unit, "… · "-ended when it follows one.
		before := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-page-list .search-excerpt")]
			.filter(e => e.querySelector("mark")).map(e => { let s = ""; for (const n of e.childNodes) { if (n.nodeName === "MARK") break; s += n.textContent; } return s; })`)
		if len(before) == 0 {
			t.Errorf("%s: no excerpt marks the word", tt.query)
		}
		for _, b := range before {
			if tt.units && b != "" && b != "… " && !strings.HasSuffix(b, "· ") {
				t.Errorf("%s: an excerpt runs into its match: %q", tt.query, b)
			}
		}
		if tt.header != "" {
			text := browsertest.Eval[string](t, ctx, `[...document.querySelectorAll("#search-page-list .search-excerpt")].map(e => e.textContent).join(" ")`)
			if strings.Contains(text, tt.header) {
				t.Errorf("%s: a table header is shown as an excerpt (%q)", tt.query, tt.header)
			}
		}
	}
}
