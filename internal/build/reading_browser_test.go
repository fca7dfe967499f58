package build_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// box is an element's place on screen, in CSS pixels of the viewport.
type box struct {
	Top, Bottom, Left, Right, Width, Height float64
}

// boxOf returns the box of the first element matching sel, zero when it is
// missing or not shown (as the content of a closed <details>).
func boxOf(t *testing.T, ctx context.Context, sel string) box {
	t.Helper()
	return browsertest.Eval[box](t, ctx, `(() => { const e = document.querySelector(`+browsertest.JSString(sel)+`);
		if (!e || !e.checkVisibility()) return {}; const r = e.getBoundingClientRect();
		return {Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Width: r.width, Height: r.height} })()`)
}

// screen is a window the reading tests look through.
type screen struct {
	name          string
	width, height int64
	scheme        string
}

var screens = []screen{
	{"desktop-light", 1366, 768, "light"}, {"desktop-dark", 1366, 768, "dark"},
	{"phone-light", 390, 844, "light"}, {"phone-dark", 390, 844, "dark"},
}

// open shows a page of the site through a screen.
func open(t *testing.T, ctx context.Context, s screen, url string) {
	t.Helper()
	view := chromedp.EmulateViewport(s.width, s.height)
	if s.width < 500 {
		view = chromedp.EmulateViewport(s.width, s.height, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, view); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s.scheme}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
}

// onScreens builds the example site and runs check on it through each
// screen, each in a tab of its own; site is the address it is served at.
func onScreens(t *testing.T, check func(t *testing.T, ctx context.Context, s screen, site string)) {
	browser := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildExample(t, false))))
	defer srv.Close()
	for _, s := range screens {
		t.Run(s.name, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			check(t, ctx, s, srv.URL)
		})
	}
}

// TestReadingAids opens a long case as a reader would, on a desktop and on
// a phone, in light and dark: breadcrumbs, table of contents, previous and
// next, heading anchors.
func TestReadingAids(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/cases/qonto/")
		if w := browsertest.Eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > s.width {
			t.Errorf("the page is %dpx wide on a %dpx screen", w, s.width)
		}

		crumbs := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".breadcrumbs li")].map(li => li.innerText.trim())`)
		if len(crumbs) != 3 || crumbs[0] != "Accueil" || crumbs[1] != "Études de cas" || !strings.HasPrefix(crumbs[2], "Qonto") {
			t.Errorf("breadcrumbs %q, want Accueil › Études de cas › the case", crumbs)
		}
		if b := boxOf(t, ctx, ".breadcrumbs a"); b.Width == 0 || b.Bottom > boxOf(t, ctx, ".page-header h1").Top {
			t.Errorf("breadcrumbs not shown above the title: %+v", b)
		}

		toc, main := boxOf(t, ctx, ".page-toc"), boxOf(t, ctx, ".article-main")
		link := boxOf(t, ctx, ".page-toc nav a")
		if s.width > 1200 {
			if toc.Left < main.Right || link.Height == 0 {
				t.Errorf("table of contents %+v (first link %+v), want it shown right of the text %+v", toc, link, main)
			}
			// Far down the case, the table of contents is still on screen.
			browsertest.Eval[bool](t, ctx, `(window.scrollTo(0, document.body.scrollHeight * 0.6), true)`)
			browsertest.WaitJS(t, ctx, `document.querySelector(".page-toc a[aria-current]") !== null`)
			if b := boxOf(t, ctx, ".page-toc nav a"); b.Top < 0 || b.Top > float64(s.height) {
				t.Errorf("after scrolling, the table of contents left the screen: %+v", b)
			}
		} else {
			if toc.Bottom > main.Top || toc.Width < float64(s.width)/2 {
				t.Errorf("table of contents %+v, want it across the screen above the text %+v", toc, main)
			}
			if link.Height != 0 {
				t.Errorf("table of contents unfolded on a phone: first link %+v", link)
			}
			if err := chromedp.Do(ctx, chromedp.Click(".page-toc summary", chromedp.NodeVisible)); err != nil {
				t.Fatal(err)
			}
			if b := boxOf(t, ctx, ".page-toc nav a"); b.Height == 0 {
				t.Error("the table of contents does not unfold when its summary is tapped")
			}
		}

		next := browsertest.Eval[string](t, ctx, `document.querySelector(".prev-next a[rel=next]")?.getAttribute("href") ?? ""`)
		if next != "/cases/rci-bank-programme-fidelite/" {
			t.Errorf("next case %q, want the RCI Bank case", next)
		}
		if b := boxOf(t, ctx, ".prev-next a[rel=next]"); b.Width == 0 || b.Top < main.Top {
			t.Errorf("next link not shown under the text: %+v", b)
		}

		headingTools(t, ctx, s)
	})
}

// headingTools checks the "#" and copy-link of the first section heading:
// hidden until the heading is hovered or focused on a desktop, always shown
// on a touch screen, and the button copies the heading's address.
func headingTools(t *testing.T, ctx context.Context, s screen) {
	t.Helper()
	opacity := func() string {
		return browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".prose h2 .heading-tools")).opacity`)
	}
	if s.width > 500 {
		if o := opacity(); o != "0" {
			t.Errorf("heading anchor shown (opacity %s) before hover", o)
		}
		if err := chromedp.Do(ctx, chromedp.ScrollIntoView(".prose h2"), chromedp.Focus(".prose h2 .heading-anchor")); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `getComputedStyle(document.querySelector(".prose h2 .heading-tools")).opacity === "1"`)
	} else if o := opacity(); o != "1" {
		t.Errorf("heading anchor hidden (opacity %s) on a touch screen", o)
	}
	id := browsertest.Eval[string](t, ctx, `document.querySelector(".prose h2").id`)
	if href := browsertest.Eval[string](t, ctx, `document.querySelector(".prose h2 .heading-anchor").getAttribute("href")`); href != "#"+id {
		t.Errorf("heading anchor goes to %q, want #%s", href, id)
	}
	browsertest.Eval[bool](t, ctx, `(navigator.clipboard.writeText = s => { window.copied = s; return Promise.resolve() }, true)`)
	if err := chromedp.Do(ctx, chromedp.Click(".prose h2 .copy-link")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `typeof window.copied === "string"`)
	if got := browsertest.Eval[string](t, ctx, `window.copied`); !strings.HasSuffix(got, fmt.Sprintf("/cases/qonto/#%s", id)) {
		t.Errorf("copy-link copied %q, want the heading's address", got)
	}
}

// TestCopyCode copies a code block from the keyboard: the button is shown
// in the block's corner, named in the site's language, and copies the
// code as written.
func TestCopyCode(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/guides/irritants-parcours-industriel/")
		pre, btn := boxOf(t, ctx, ".prose pre"), boxOf(t, ctx, ".code-block .copy-code")
		if btn.Width == 0 || btn.Top < pre.Top || btn.Right > pre.Right || btn.Bottom > pre.Top+float64(60) {
			t.Errorf("copy button %+v, want it in the top corner of the code %+v", btn, pre)
		}
		if label := browsertest.Eval[string](t, ctx, `document.querySelector(".copy-code").innerText + "|" + document.querySelector(".copy-code").getAttribute("aria-label")`); label != "Copier|Copier le code" {
			t.Errorf("button says %q, want the French strings of the theme", label)
		}
		browsertest.Eval[bool](t, ctx, `(navigator.clipboard.writeText = s => { window.copied = s; return Promise.resolve() }, true)`)
		if err := chromedp.Do(ctx, chromedp.Focus(".copy-code"), chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `typeof window.copied === "string"`)
		got := browsertest.Eval[string](t, ctx, `window.copied`)
		if !strings.HasPrefix(got, "-- Part des mises en service") || !strings.HasSuffix(got, "ORDER BY 1;") {
			t.Errorf("copied %q, want the SQL of the block", got)
		}
		if txt := browsertest.Eval[string](t, ctx, `document.querySelector(".copy-code").innerText`); txt != "Copié" {
			t.Errorf("after copying the button says %q, want Copié", txt)
		}
	})
}

// firstFrame records, in every page the tab opens, the page's background
// on the first frame the browser renders: what a flash of the wrong theme
// would show.
const firstFrame = `requestAnimationFrame(function frame() {
	if (!document.body) { requestAnimationFrame(frame); return; }
	window.firstBackground = getComputedStyle(document.body).backgroundColor;
});`

// TestThemeSwitch chooses each theme on a light and a dark system: the
// choice applies from the first frame, survives a reload, and "system"
// follows the system again.
func TestThemeSwitch(t *testing.T) {
	browser := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildExample(t, false))))
	defer srv.Close()
	const light, dark = "rgb(251, 250, 248)", "rgb(15, 23, 32)"
	tests := []struct {
		system, choice, want string
	}{
		{"light", "system", light}, {"light", "dark", dark}, {"light", "light", light},
		{"dark", "system", dark}, {"dark", "light", light}, {"dark", "dark", dark},
	}
	for _, tt := range tests {
		t.Run(tt.system+"-system-"+tt.choice, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: firstFrame}); err != nil {
				t.Fatal(err)
			}
			s := screen{"", 1366, 768, tt.system}
			open(t, ctx, s, srv.URL+"/cases/qonto/")
			if err := chromedp.Do(ctx, chromedp.SetValue("#theme-switch", tt.choice)); err != nil {
				t.Fatal(err)
			}
			browsertest.Eval[bool](t, ctx, `(document.getElementById("theme-switch").dispatchEvent(new Event("change")), true)`)
			if got := browsertest.Eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`); got != tt.want {
				t.Errorf("after choosing %s: background %s, want %s", tt.choice, got, tt.want)
			}
			// Another page: the choice holds from its first frame.
			open(t, ctx, s, srv.URL+"/guides/onboarding/")
			browsertest.WaitJS(t, ctx, `typeof window.firstBackground === "string"`)
			if got := browsertest.Eval[string](t, ctx, `window.firstBackground`); got != tt.want {
				t.Errorf("first frame of the next page: background %s, want %s", got, tt.want)
			}
			if got := browsertest.Eval[string](t, ctx, `document.getElementById("theme-switch").value`); got != tt.choice {
				t.Errorf("the switch shows %q on the next page, want %q", got, tt.choice)
			}
			// Code keeps a readable contrast in the chosen theme.
			open(t, ctx, s, srv.URL+"/guides/irritants-parcours-industriel/")
			code := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector(".prose pre")).backgroundColor`)
			if codeDark := code == "rgb(13, 17, 23)"; codeDark != (tt.want == dark) {
				t.Errorf("code background %s in a %s page", code, map[bool]string{true: "dark", false: "light"}[tt.want == dark])
			}
		})
	}
}

// TestLanguageSwitch goes from the French case to its English translation
// and back through the header's switch, on a desktop and on a phone.
func TestLanguageSwitch(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/cases/rci-bank-programme-fidelite/")
		steps := []struct {
			click, wantLang, wantPath, wantCurrent string
		}{
			{`.lang-switch a[hreflang="en"]`, "en", "/cases/rci-bank-loyalty-programme/", "English"},
			{`.lang-switch a[hreflang="fr"]`, "fr", "/cases/rci-bank-programme-fidelite/", "Français"},
		}
		for _, st := range steps {
			sw, header := boxOf(t, ctx, st.click), boxOf(t, ctx, ".site-header")
			if sw.Width == 0 || sw.Top < header.Top || sw.Bottom > header.Bottom || sw.Right > float64(s.width) {
				t.Errorf("language link %+v not shown inside the header %+v", sw, header)
			}
			if err := chromedp.Do(ctx, chromedp.Click(st.click, chromedp.NodeVisible), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			// The next step measures the new page's header: its
			// stylesheet must have been applied first.
			browsertest.WaitJS(t, ctx, `location.pathname === `+browsertest.JSString(st.wantPath)+` && document.readyState === "complete"`)
			got := browsertest.Eval[string](t, ctx, `document.documentElement.lang + " " + document.querySelector('.lang-switch [aria-current="page"]').textContent`)
			if got != st.wantLang+" "+st.wantCurrent {
				t.Errorf("after %s: page and current language %q, want %q", st.click, got, st.wantLang+" "+st.wantCurrent)
			}
		}
	})
}

// TestHomePage checks the home page fits each screen and shows the
// product's signature: a journey map, the top irritants, the lifecycle as
// chips on a few lines.
func TestHomePage(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/")
		if w := browsertest.Eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > s.width {
			t.Errorf("the page is %dpx wide on a %dpx screen", w, s.width)
		}
		browsertest.WaitJS(t, ctx, `document.querySelector(".journey-thumb img").complete`)
		if img := browsertest.Eval[float64](t, ctx, `document.querySelector(".journey-thumb img").naturalWidth`); img == 0 {
			t.Error("the journey thumbnail did not load")
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".top-irritants li").length`); n != 5 {
			t.Errorf("%d top irritants, want 5", n)
		}
		rows := browsertest.Eval[int](t, ctx, `new Set([...document.querySelectorAll(".stage-chip")].map(c => Math.round(c.getBoundingClientRect().top))).size`)
		if max := map[bool]int{true: 1, false: 3}[s.width > 1000]; rows == 0 || rows > max {
			t.Errorf("the lifecycle takes %d lines, want at most %d", rows, max)
		}
	})
}

// TestSearchLoadsOnUse checks that a page other than the search page does
// not load the search code until the box is used, that what is typed then
// is searched, and that the box shows its whole placeholder and the "/"
// key on a desktop.
func TestSearchLoadsOnUse(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		open(t, ctx, s, site+"/guides/onboarding/")
		loaded := `performance.getEntriesByType("resource").some(r => /search-(core|ui)/.test(r.name))`
		if browsertest.Eval[bool](t, ctx, loaded) {
			t.Error("the search code loaded before the box was used")
		}
		if s.width > 1000 {
			in, kbd := boxOf(t, ctx, "#site-search-q"), boxOf(t, ctx, ".search-kbd")
			text := browsertest.Eval[float64](t, ctx, `(() => { const i = document.getElementById("site-search-q"), c = document.createElement("canvas").getContext("2d");
				c.font = getComputedStyle(i).font; return c.measureText(i.placeholder).width })()`)
			if kbd.Width == 0 || kbd.Left < in.Left+text || kbd.Right > in.Right {
				t.Errorf("the / key %+v does not sit after the placeholder (%.0fpx) in the box %+v", kbd, text, in)
			}
		}
		// A half-typed word whose stem ("res") is shorter than what was typed.
		if err := chromedp.Do(ctx, chromedp.SendKeys("#site-search-q", "rési")); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `document.querySelector("form.search-form .search-list")?.dataset.q === "rési" && document.querySelectorAll("form.search-form .search-results .search-hit").length > 0`)
		if !browsertest.Eval[bool](t, ctx, loaded) {
			t.Error("results shown, but no search script was loaded")
		}
		top := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("form.search-form .search-results .search-hit")].slice(0, 5).map(h => h.dataset.href)`)
		if !slices.ContainsFunc(top, func(h string) bool { return strings.Contains(h, "/irritants/resiliation-compliquee/") }) {
			t.Errorf("rési: the irritant on résiliation is not in the top 5 %v", top)
		}
	})
}

// layoutShift sums, in every page the tab opens, the layout shifts not
// caused by the reader: Cumulative Layout Shift as Lighthouse counts it.
const layoutShift = `window.cls = 0;
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.cls += e.value; }))
	.observe({type: "layout-shift", buffered: true});`

// TestSearchPage opens a search as a reader would: one search box, the
// results without a layout shift, and on a phone the filters folded
// behind "Filtres (n)" so that the first result comes first.
func TestSearchPage(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: layoutShift}); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, s, site+"/search/?q=onboarding")
		browsertest.WaitJS(t, ctx, `document.querySelectorAll("#search-page-list .search-hit").length > 0 && document.querySelector(".search-facet") !== null`)
		// Let late work (facets, fonts) land before reading the shifts.
		browsertest.Eval[bool](t, ctx, `(window.settled = false, setTimeout(() => window.settled = true, 500), true)`)
		browsertest.WaitJS(t, ctx, `window.settled`)
		if cls := browsertest.Eval[float64](t, ctx, `window.cls`); cls >= 0.05 {
			t.Errorf("layout shift %.3f, want under 0.05", cls)
		}
		if m := browsertest.Eval[string](t, ctx, `document.querySelector("#search-page-list .search-title mark")?.textContent ?? ""`); !strings.EqualFold(m, "onboarding") {
			t.Errorf("the first title marks %q, want the word searched", m)
		}
		if n := browsertest.Eval[int](t, ctx, `[...document.querySelectorAll("input[type=search]")].filter(i => i.checkVisibility()).length`); n != 1 {
			t.Errorf("%d search boxes shown, want 1", n)
		}
		first, facet := boxOf(t, ctx, "#search-page-list .search-hit"), boxOf(t, ctx, ".search-facet")
		if s.width > 1000 {
			if facet.Width == 0 || facet.Right > first.Left {
				t.Errorf("filters %+v, want them open left of the results %+v", facet, first)
			}
			return
		}
		if facet.Width != 0 || first.Top > float64(s.height) {
			t.Errorf("on a phone the filters %+v show and the first result is at %.0fpx", facet, first.Top)
		}
		summary := `document.querySelector(".search-filters-fold summary").textContent`
		if got := browsertest.Eval[string](t, ctx, summary); got != "Filtres (0)" {
			t.Errorf("the filters' button says %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(".search-filters-fold summary", chromedp.NodeVisible),
			chromedp.Click(".search-facet input", chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, summary+` === "Filtres (1)"`)
	})
}

// TestNoSidewaysScroll: pages with wide tables (the matrix, the heatmaps,
// the maps) scroll them in their frames; the page itself never scrolls
// sideways, on a desktop or a phone.
func TestNoSidewaysScroll(t *testing.T) {
	pages := []string{"/irritants/", "/journeys/", "/journeys/mutuelle/", "/journeys/mutuelle-cible/", "/opportunities/",
		"/personas/claire-adherente-mutuelle/", "/irritants/matrix/immobilier/livraison/", "/sitemap/"}
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		for _, p := range pages {
			open(t, ctx, s, site+p)
			if w := browsertest.Eval[int64](t, ctx, `document.documentElement.scrollWidth`); w > s.width {
				t.Errorf("%s is %dpx wide on a %dpx screen", p, w, s.width)
			}
		}
	})
}

// TestHeaderOnOneRow: on a laptop screen the header's brand, menu, search
// and theme switch share one row, rather than the switch wrapping alone
// onto a second.
func TestHeaderOnOneRow(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		if s.width < 1280 {
			return
		}
		// The English case has a language switch too.
		for _, page := range []string{"/irritants/", "/cases/rci-bank-loyalty-programme/"} {
			for _, width := range []int64{1280, s.width} {
				open(t, ctx, screen{s.name, width, s.height, s.scheme}, site+page)
				brand := boxOf(t, ctx, ".brand")
				for _, sel := range []string{".site-nav", ".search-form", ".theme-switch"} {
					if b := boxOf(t, ctx, sel); b.Width == 0 || b.Top >= brand.Bottom || b.Bottom <= brand.Top {
						t.Errorf("%s at %dpx: %s (%+v) is not on the brand's row (%+v)", page, width, sel, b, brand)
					}
				}
			}
		}
	})
}
