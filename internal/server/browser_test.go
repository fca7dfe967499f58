package server

import (
	"context"
	"net"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// TestBrowser edits a served site while Chromium shows it: a content edit
// reloads the page at the same scroll position, a CSS edit restyles it
// without a reload, a broken file shows the overlay and its fix removes it.
func TestBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	// Each page records when its event stream has said hello: an edit made
	// before would be caught by the hello, which reloads instead of swapping.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.EventSource = class extends EventSource {
			constructor(url, opts) {
				super(url, opts);
				this.addEventListener("message", () => { window.__hello = true; });
			}
		};`,
	}); err != nil {
		t.Fatal(err)
	}
	connected := func() { browsertest.WaitJS(t, ctx, `window.__hello === true`) }
	s := startSite(t, 0, basicSite)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.base+"/a/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `document.getElementById("title").textContent === "Alpha"`)
	connected()

	run(t, ctx, `window.scrollTo(0, 1200); window.__marker = 1`)
	s.write("content/a.md", "Alpha edited")
	browsertest.WaitJS(t, ctx, `document.getElementById("title").textContent === "Alpha edited"`)
	browsertest.WaitJS(t, ctx, `window.scrollY === 1200`)
	if v := browsertest.Eval[bool](t, ctx, `window.__marker === undefined`); !v {
		t.Error("the content edit did not reload the page")
	}
	connected()

	run(t, ctx, `window.__marker = 1`)
	s.write("static/css/site.css", "h1 { color: rgb(200, 0, 0) }\n")
	browsertest.WaitJS(t, ctx, `getComputedStyle(document.getElementById("title")).color === "rgb(200, 0, 0)"`)
	if v := browsertest.Eval[bool](t, ctx, `window.__marker === 1`); !v {
		t.Error("the CSS edit reloaded the page instead of swapping the stylesheet")
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"]').length`); n != 1 {
		t.Errorf("%d stylesheets after the swap, want 1", n)
	}

	overlayText := `(document.getElementById("__parcours-overlay")?.shadowRoot.textContent ?? "")`
	s.write("content/a.md", "---\ntitle: BROKEN")
	browsertest.WaitJS(t, ctx, overlayText+`.includes('content/a.md:2:8: cannot parse "title: BROKEN"')`)
	if role := browsertest.Eval[string](t, ctx, `document.getElementById("__parcours-overlay").shadowRoot.querySelector("[role=alert]").textContent.slice(0, 16)`); role != "The build failed" {
		t.Errorf("overlay heading = %q", role)
	}
	if v := browsertest.Eval[bool](t, ctx, `window.__marker === 1 && document.getElementById("title").textContent === "Alpha edited"`); !v {
		t.Error("the broken build changed the page; the last good one should stay")
	}

	// A page opened while the build is broken shows the overlay too.
	run(t, ctx, `location.reload()`)
	browsertest.WaitJS(t, ctx, `window.__marker === undefined && `+overlayText+`.includes("content/a.md:2:8")`)
	connected()

	s.write("content/a.md", "Alpha fixed")
	browsertest.WaitJS(t, ctx, `document.getElementById("title").textContent === "Alpha fixed"`)
	browsertest.WaitJS(t, ctx, `document.getElementById("__parcours-overlay") === null`)
	connected()

	// The server stops, a file changes meanwhile, the server comes back:
	// the page reconnects and shows the new build on its own.
	_, port, _ := net.SplitHostPort(s.srv.Addr())
	s.stop()
	s.write("content/a.md", "Alpha after a restart")
	p, _ := strconv.Atoi(port)
	s.start(p)
	if s.srv.Addr() != net.JoinHostPort("127.0.0.1", port) {
		t.Skipf("port %s was taken meanwhile", port)
	}
	browsertest.WaitJS(t, ctx, `document.getElementById("title").textContent === "Alpha after a restart"`)
}

func run(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](expr)); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}

// TestManyTabs opens more tabs of one site than the six connections a
// browser keeps to a server: one tab holds the event stream for all, so
// every tab loads, and every tab reloads after an edit, also once the
// leading tab has closed.
func TestManyTabs(t *testing.T) {
	ctx := browsertest.New(t)
	s := startSite(t, 0, basicSite)
	const n = 8
	tabs := make([]context.Context, n)
	for i := range tabs {
		tab, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		if err := chromedp.Do(tab, chromedp.Navigate(s.base+"/a/")); err != nil {
			t.Fatalf("tab %d: %v", i+1, err)
		}
		browsertest.WaitJS(t, tab, `document.getElementById("title").textContent === "Alpha"`)
		tabs[i] = tab
	}
	s.write("content/a.md", "Alpha edited")
	for _, tab := range tabs {
		browsertest.WaitJS(t, tab, `document.getElementById("title").textContent === "Alpha edited"`)
	}
	// Every tab has reloaded, so any may lead now: close them one by one,
	// editing after each, until one is left.
	for i := 0; i < n-1; i++ {
		if err := chromedp.Cancel(tabs[i]); err != nil {
			t.Fatal(err)
		}
		text := "Alpha " + strconv.Itoa(i)
		s.write("content/a.md", text)
		for _, tab := range tabs[i+1:] {
			browsertest.WaitJS(t, tab, `document.getElementById("title").textContent === "`+text+`"`)
		}
	}
}

// TestBrowserUnbuiltFrench opens a French site that has never built: the
// page lists the problems in French, the fix brings the site up on its
// own, and the next failure shows the overlay in French.
func TestBrowserUnbuiltFrench(t *testing.T) {
	ctx := browsertest.New(t)
	s := newSite(t, 0, map[string]string{"content/a.md": "---\ntitle: BROKEN"})
	s.overlay = func() map[string]string {
		return map[string]string{"lang": "fr", "overlay_unbuilt": "Le site n’a pas encore été construit",
			"overlay_failed_one": "La construction a échoué : 1 erreur", "overlay_hide": "Masquer"}
	}
	s.start(0)
	t.Cleanup(func() { s.stop() })
	if err := chromedp.Do(ctx, chromedp.Navigate(s.base+"/a/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `document.querySelector("h1").textContent === "Le site n’a pas encore été construit" && document.documentElement.lang === "fr"`)
	browsertest.WaitJS(t, ctx, `document.querySelector("li").textContent.includes("content/a.md:2:8")`)
	if v := browsertest.Eval[bool](t, ctx, `document.getElementById("__parcours-overlay") === null`); !v {
		t.Error("the page of problems is covered by the overlay too")
	}

	s.write("content/a.md", "Alpha")
	browsertest.WaitJS(t, ctx, `document.getElementById("title")?.textContent === "Alpha"`)

	s.write("content/a.md", "---\ntitle: BROKEN")
	overlay := `document.getElementById("__parcours-overlay")?.shadowRoot`
	browsertest.WaitJS(t, ctx, overlay+`?.querySelector("h2")?.textContent === "La construction a échoué : 1 erreur"`)
	if v := browsertest.Eval[string](t, ctx, overlay+`.querySelector("section").lang + " " + `+overlay+`.querySelector("button").textContent`); v != "fr Masquer" {
		t.Errorf("overlay lang and button = %q, want fr Masquer", v)
	}
}
