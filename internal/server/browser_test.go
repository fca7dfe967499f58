package server

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

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
	connected := func() { waitJS(t, ctx, `window.__hello === true`) }
	s := startSite(t, 0, basicSite)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.base+"/a/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.getElementById("title").textContent === "Alpha"`)
	connected()

	run(t, ctx, `window.scrollTo(0, 1200); window.__marker = 1`)
	s.write("content/a.md", "Alpha edited")
	waitJS(t, ctx, `document.getElementById("title").textContent === "Alpha edited"`)
	waitJS(t, ctx, `window.scrollY === 1200`)
	if v := eval[bool](t, ctx, `window.__marker === undefined`); !v {
		t.Error("the content edit did not reload the page")
	}
	connected()

	run(t, ctx, `window.__marker = 1`)
	s.write("static/css/site.css", "h1 { color: rgb(200, 0, 0) }\n")
	waitJS(t, ctx, `getComputedStyle(document.getElementById("title")).color === "rgb(200, 0, 0)"`)
	if v := eval[bool](t, ctx, `window.__marker === 1`); !v {
		t.Error("the CSS edit reloaded the page instead of swapping the stylesheet")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"]').length`); n != 1 {
		t.Errorf("%d stylesheets after the swap, want 1", n)
	}

	overlayText := `(document.getElementById("__parcours-overlay")?.shadowRoot.textContent ?? "")`
	s.write("content/a.md", "---\ntitle: BROKEN")
	waitJS(t, ctx, overlayText+`.includes('content/a.md:2:8: cannot parse "title: BROKEN"')`)
	if role := eval[string](t, ctx, `document.getElementById("__parcours-overlay").shadowRoot.querySelector("[role=alert]").textContent.slice(0, 16)`); role != "The build failed" {
		t.Errorf("overlay heading = %q", role)
	}
	if v := eval[bool](t, ctx, `window.__marker === 1 && document.getElementById("title").textContent === "Alpha edited"`); !v {
		t.Error("the broken build changed the page; the last good one should stay")
	}

	// A page opened while the build is broken shows the overlay too.
	run(t, ctx, `location.reload()`)
	waitJS(t, ctx, `window.__marker === undefined && `+overlayText+`.includes("content/a.md:2:8")`)
	connected()

	s.write("content/a.md", "Alpha fixed")
	waitJS(t, ctx, `document.getElementById("title").textContent === "Alpha fixed"`)
	waitJS(t, ctx, `document.getElementById("__parcours-overlay") === null`)
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
	waitJS(t, ctx, `document.getElementById("title").textContent === "Alpha after a restart"`)
}

// waitJS evaluates expr until it is true. A reload in between makes an
// evaluation fail, which only means trying again.
func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still false after %s: %s (last error: %v)", wait, expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func run(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](expr)); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
}
