package journey_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/exampletest"
)

var (
	siteOnce sync.Once
	siteDir  string
)

// site builds the example site once for the page tests and serves it.
func site(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "journey-site")
		if err != nil {
			t.Fatal(err)
		}
		siteDir = filepath.Join(dir, "public")
		exampletest.Build(t, siteDir, false)
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(siteDir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// viewport sets the window size, as a laptop (1366×768) or a phone
// (390×844, touch) shows the page.
func viewport(w, h int64, phone bool) chromedp.Action[chromedp.Void] {
	if phone {
		return chromedp.EmulateViewport(w, h, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(w, h)
}

type rect struct{ Left, Right, Top, Bottom, Width float64 }

const rectJS = `(e => { const r = e.getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom, Width: r.width}; })`

func box(t *testing.T, ctx context.Context, sel string) rect {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](rectJS+`(document.querySelector(`+quote(sel)+`))`))
	if err != nil {
		t.Fatalf("box of %s: %v", sel, err)
	}
	return r
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// TestMapInPage opens a journey page at 1366×768 as a reader would: the map
// spans the window, the lane names stay in view while the stages scroll,
// a fade and "stages 1 to n of N" say more lies to the right, and the
// arrow keys move stage by stage.
func TestMapInPage(t *testing.T) {
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(1366, 768, false), chromedp.Navigate(base+"/journeys/mutuelle/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	scroll := box(t, ctx, ".journey-scroll")
	prose := box(t, ctx, ".prose")
	if scroll.Width < 1366-48 || scroll.Width <= prose.Width+100 {
		t.Errorf("the map is %.0f px wide in a %.0f px text column: want the window's width (1366 less margins)", scroll.Width, prose.Width)
	}
	n := eval[int](t, ctx, `document.querySelectorAll('.j-stage-hl').length`)
	pos := eval[string](t, ctx, `document.querySelector('.journey-position').textContent`)
	m := regexp.MustCompile(`^Étapes 1 à (\d+) sur (\d+)$`).FindStringSubmatch(pos)
	if m == nil || m[2] != strconv.Itoa(n) || m[1] == m[2] {
		t.Errorf("position reads %q, want \"Étapes 1 à k sur %d\" with k < %d", pos, n, n)
	}
	fade := box(t, ctx, ".journey-fade")
	if op := eval[string](t, ctx, `getComputedStyle(document.querySelector('.journey-fade')).opacity`); op != "1" || fade.Right < scroll.Right-3 || fade.Right > scroll.Right+1 {
		t.Errorf("fade at %.0f–%.0f, opacity %s: want it visible at the map's right edge %.0f", fade.Left, fade.Right, op, scroll.Right)
	}
	lanes0 := box(t, ctx, ".journey-lanes")

	// Keyboard: focus the map, then → moves one stage.
	if err := chromedp.Do(ctx, chromedp.Focus(".journey-scroll"), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	left := eval[float64](t, ctx, `document.querySelector('.journey-scroll').scrollLeft`)
	if left <= 0 {
		t.Fatal("→ on the focused map did not scroll it")
	}
	lanes := box(t, ctx, ".journey-lanes")
	if lanes.Left != lanes0.Left {
		t.Errorf("the lane names moved from %.0f to %.0f as the map scrolled %.0f px: want them kept in view", lanes0.Left, lanes.Left, left)
	}
	first := box(t, ctx, ".j-stage-hl")
	second := eval[rect](t, ctx, rectJS+`(document.querySelectorAll('.j-stage-hl')[1])`)
	if first.Left > lanes.Right-1 || second.Left < lanes.Right || second.Left > lanes.Right+10 {
		t.Errorf("after →, stage 2 starts at %.0f: want it just right of the lane names (%.0f)", second.Left, lanes.Right)
	}
	if pos := settled(t, ctx, `document.querySelector('.journey-position').textContent`); !strings.HasPrefix(pos, "Étapes 2 à ") {
		t.Errorf("after →, position reads %q, want \"Étapes 2 à …\"", pos)
	}
	shadow := eval[string](t, ctx, `getComputedStyle(document.querySelector('.journey-lanes')).filter`)
	if !strings.Contains(shadow, "drop-shadow") {
		t.Errorf("scrolled lane names have filter %q, want a shadow over the stages", shadow)
	}
	// At the end, the fade goes and the last stage shows whole.
	eval[bool](t, ctx, `(s => { s.scrollLeft = s.scrollWidth; return true })(document.querySelector('.journey-scroll'))`)
	if op := settled(t, ctx, `getComputedStyle(document.querySelector('.journey-fade')).opacity`); op != "0" {
		t.Errorf("scrolled to the end, the fade has opacity %s, want 0", op)
	}
	if pos := eval[string](t, ctx, `document.querySelector('.journey-position').textContent`); !strings.HasSuffix(pos, " à "+strconv.Itoa(n)+" sur "+strconv.Itoa(n)) {
		t.Errorf("at the end, position reads %q, want it to end with stage %d", pos, n)
	}
	screenshot(t, ctx, "journey-map.png")
}

// TestStageLink follows an irritant page's link to a stage: the map scrolls
// the stage into view beside the lane names and outlines it, until the
// reader clicks elsewhere.
func TestStageLink(t *testing.T) {
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(1366, 768, false), chromedp.Navigate(base+"/irritants/resiliation-compliquee/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	href := eval[string](t, ctx, `document.querySelector('.appearances a').getAttribute('href')`)
	if !strings.Contains(href, "#parcours-adherent-mutuelle--") {
		t.Fatalf("the irritant page links its stage as %q, want #<journey-id>--<stage>", href)
	}
	// A click, as the reader's: chromedp's Navigate waits forever on an
	// address with a fragment.
	eval[bool](t, ctx, `setTimeout(() => document.querySelector('.appearances a').click(), 0), true`)
	if err := chromedp.Do(ctx, chromedp.WaitReady(".journey.js")); err != nil {
		t.Fatal(err)
	}
	if loc := eval[string](t, ctx, `location.pathname + location.hash`); loc != href {
		t.Fatalf("the link led to %s, want %s", loc, href)
	}
	id := href[strings.IndexByte(href, '#')+1:]
	sel := `document.getElementById(` + quote(id) + `)`
	stage := eval[rect](t, ctx, rectJS+`(`+sel+`)`)
	scroll := box(t, ctx, ".journey-scroll")
	lanes := box(t, ctx, ".journey-lanes")
	if stage.Left < lanes.Right-1 || stage.Right > scroll.Right+1 || stage.Top < 0 || stage.Top > 768 {
		t.Errorf("the linked stage is at %.0f–%.0f (top %.0f): want it in view between the lane names (%.0f) and the map's edge (%.0f)", stage.Left, stage.Right, stage.Top, lanes.Right, scroll.Right)
	}
	if w := eval[string](t, ctx, `getComputedStyle(`+sel+`).strokeWidth`); w != "4px" {
		t.Errorf("the linked stage's outline is %q wide, want 4px", w)
	}
	screenshot(t, ctx, "journey-stage-link.png")
	eval[bool](t, ctx, `document.querySelector('.journey-table').click(), true`)
	if w := eval[string](t, ctx, `getComputedStyle(`+sel+`).strokeWidth`); w == "4px" {
		t.Error("the stage stays outlined after a click elsewhere")
	}
}

// settled evaluates js once the page has handled its scroll events, which
// fire at the next frame.
func settled(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(() => ok(`+js+`))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// screenshot keeps what the reader sees under JOURNEY_PNG_DIR, for the
// README's pictures.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("JOURNEY_PNG_DIR")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
