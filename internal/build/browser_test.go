package build_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/exampletest"
)

// buildExample builds the repository's own site into a temporary folder.
func buildExample(t *testing.T, relative bool) string {
	dest := filepath.Join(t.TempDir(), "public")
	exampletest.Build(t, dest, relative)
	return dest
}

// axeSource finds axe-core (npm package axe-core), which .ci/run installs
// under .ci/node.
func axeSource(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("PARCOURS_AXE"), filepath.Join(exampletest.Root(t), ".ci/node/node_modules/axe-core/axe.min.js")} {
		if p == "" {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	if os.Getenv("PARCOURS_BROWSER") == "1" {
		t.Fatal("axe-core not found: npm install --prefix .ci/node axe-core")
	}
	t.Skip("axe-core not installed (npm install --prefix .ci/node axe-core)")
	return ""
}

// TestAccessibility runs axe-core on one page of each kind, in light and
// dark, and fails on any serious or critical violation. The irritant
// catalogue has its own (TestCatalogueAccessibility).
func TestAccessibility(t *testing.T) {
	pages := []string{"/", "/cases/qonto/", "/guides/onboarding/", "/journeys/mutuelle/",
		"/irritants/resiliation-compliquee/", "/tools/salesforce/", "/search/?q=onboarding", "/cases/", "/cases/rci-bank-loyalty-programme/",
		"/personas/claire-adherente-mutuelle/", "/opportunities/", "/journeys/mutuelle-cible/", "/irritants/process-administratif-complexe/", "/journeys/", "/sitemap/"}
	axeEach(t, pages, func(ctx context.Context, p, scheme string) {
		if strings.HasPrefix(p, "/journeys/") {
			// The journey map in presentation mode (key f).
			if err := chromedp.Do(ctx, chromedp.KeyEvent("f")); err != nil {
				t.Fatal(err)
			}
			checkAxe(t, ctx, p+" presenting ("+scheme+")")
		}
	})
}

// axeEach checks each page of the example site with axe-core, in light
// and dark; then, on the page as axe saw it, runs then, which may change
// the page and check it again.
func axeEach(t *testing.T, pages []string, then func(ctx context.Context, page, scheme string)) {
	ctx := browsertest.New(t)
	axe := axeSource(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildExample(t, false))))
	defer srv.Close()
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
				t.Fatal(err)
			}
			checkAxe(t, ctx, p+" ("+scheme+")")
			then(ctx, p, scheme)
		}
	}
}

// checkAxe fails the test on any serious or critical violation axe-core
// finds in the page as it is.
func checkAxe(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	type violation struct {
		ID, Impact, Help string
		Nodes            []string
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
		 .map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`,
		chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s %s: %s at %s", where, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, ", "))
	}
}

// TestOpenedFromDisk opens a --relative-urls build from file:// and follows
// links across sections, as a reader on a file share would.
func TestOpenedFromDisk(t *testing.T) {
	ctx := browsertest.New(t)
	dir := buildExample(t, true)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, "index.html")), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	steps := []struct{ click, wantTitle string }{
		{`.site-nav a[href$="cases/index.html"]`, "Études de cas"},
		{`.card-title a[href*="qonto"]`, "Qonto"},
		{`.irritant-list a`, ""},
		{`.brand`, "Playbooks"},
	}
	for _, s := range steps {
		before := browsertest.Eval[string](t, ctx, `location.href`)
		if err := chromedp.Do(ctx, chromedp.Click(s.click, chromedp.NodeVisible)); err != nil {
			t.Fatalf("click %s: %v", s.click, err)
		}
		// The click only starts the navigation: wait for the new page
		// to have loaded, stylesheet included.
		browsertest.WaitJS(t, ctx, `location.href !== `+browsertest.JSString(before)+` && document.readyState === "complete"`)
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		title, _ := chromedp.Run(ctx, chromedp.Title())
		if !strings.HasPrefix(loc, "file://") || !strings.HasSuffix(loc, ".html") {
			t.Errorf("after %s: at %s, want a file:// page", s.click, loc)
		}
		if !strings.Contains(title, s.wantTitle) {
			t.Errorf("after %s: title %q, want %q", s.click, title, s.wantTitle)
		}
		// A stylesheet that failed to load leaves the header unstyled.
		pos, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-header')).position`))
		if pos != "sticky" {
			t.Errorf("at %s: stylesheet not applied (header position %q)", loc, pos)
		}
	}
}
