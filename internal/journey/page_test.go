package journey_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
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
	eval[bool](t, ctx, `document.querySelector('.journey-bar').scrollIntoView(), scrollBy(0, -80), true`)
	screenshot(t, ctx, "journey-map.png")

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

// TestPrint prints a journey page to PDF as Chromium would on A4 and reads
// the PDF back with poppler: landscape pages, the map in parts of whole
// phases with its lane names on each, no word of the map under 6 pt, the
// data table unfolded, and no navigation, search or footer.
func TestPrint(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("PARCOURS_BROWSER") == "1" {
				t.Fatalf("PARCOURS_BROWSER=1 but %s is missing (install poppler-utils)", tool)
			}
			t.Skipf("%s not installed (poppler-utils)", tool)
		}
	}
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(1366, 768, false), chromedp.Navigate(base+"/journeys/mutuelle/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	parts := eval[int](t, ctx, `document.querySelectorAll('.journey-print-part').length`)
	if parts < 2 {
		t.Fatalf("the mutuelle map prints in %d part(s), want it split at phases", parts)
	}
	a4w, a4h, css := 8.27, 11.69, true
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: a4w, PaperHeight: a4h, PreferCSSPageSize: &css})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "journey.pdf")
	if err := os.WriteFile(file, pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("JOURNEY_PNG_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "journey-print.pdf"), pdf.Data, 0o644)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
	pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil || pages == nil {
		t.Fatalf("pdfinfo says:\n%s", info)
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if w <= h || w < 840 || w > 843 {
		t.Errorf("pages are %.0f × %.0f pt, want A4 landscape (842 × 595)", w, h)
	}
	if n, _ := strconv.Atoi(string(pages[1])); n < parts+1 {
		t.Errorf("%s pages for %d map parts and the table, want at least %d", pages[1], parts, parts+1)
	}
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type word struct {
		page   int
		text   string
		height float64
	}
	var words []word
	pg := 0
	re := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "<page ") {
			pg++
		}
		if w := re.FindStringSubmatch(line); w != nil {
			y0, _ := strconv.ParseFloat(w[1], 64)
			y1, _ := strconv.ParseFloat(w[2], 64)
			words = append(words, word{pg, w[3], y1 - y0})
		}
	}
	text := func(p int) string {
		var b []string
		for _, w := range words {
			if p == 0 || w.page == p {
				b = append(b, w.text)
			}
		}
		return strings.Join(b, " ")
	}
	all := text(0)
	for _, absent := range []string{"Rechercher", "Cas clients", "Plan du site"} {
		if strings.Contains(all, absent) {
			t.Errorf("the printout holds %q: navigation, search or footer printed", absent)
		}
	}
	if !strings.Contains(all, "Données du parcours") || strings.Count(all, "Je résilie mon contrat") < 2 {
		t.Error("the data table did not print unfolded (its caption or its rows are missing)")
	}
	// The pages of the map parts: each shows the lane names, and its words
	// are 6 pt or more (a word's box is about its font size high).
	mapPages := 0
	for p := 1; p <= pg; p++ {
		s := text(p)
		if !strings.Contains(s, "Points de contact") || strings.Contains(s, "Données du parcours") {
			continue
		}
		mapPages++
		for _, w := range words {
			if w.page == p && w.height < 6 {
				t.Errorf("page %d: %q is %.1f pt high, under 6 pt", p, w.text, w.height)
			}
		}
	}
	if mapPages < parts {
		t.Errorf("%d pages show lane names, want one per map part (%d)", mapPages, parts)
	}
}

// TestPhone opens a journey page at 390×844: the stages are a list of
// cards as wide as the screen, with their lanes and irritant links, the
// map a tap away, nothing wider than the screen; a stage link outlines its
// card.
func TestPhone(t *testing.T) {
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(390, 844, true), chromedp.Navigate(base+"/journeys/mutuelle/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	n := eval[int](t, ctx, `document.querySelectorAll('.j-stage-hl').length`)
	type card struct {
		Left, Right, Height float64
		Text                string
		Links               int
	}
	cards := eval[[]card](t, ctx, `[...document.querySelectorAll('.journey-card')].map(c => { const r = c.getBoundingClientRect();
		return {Left: r.left, Right: r.right, Height: r.height, Text: c.innerText, Links: c.querySelectorAll('a[href*="/irritants/"]').length}; })`)
	if len(cards) != n {
		t.Fatalf("%d cards for %d stages", len(cards), n)
	}
	links := 0
	for i, c := range cards {
		if c.Left < 0 || c.Right > 390 || c.Height == 0 {
			t.Errorf("card %d spans %.0f–%.0f (height %.0f): want it on the 390 px screen", i+1, c.Left, c.Right, c.Height)
		}
		if !strings.Contains(c.Text, "ÉMOTION") && !strings.Contains(c.Text, "Émotion") {
			t.Errorf("card %d does not show its emotion: %q", i+1, c.Text)
		}
		links += c.Links
	}
	if links == 0 {
		t.Error("no card links an irritant")
	}
	if d := eval[string](t, ctx, `getComputedStyle(document.querySelector('.journey-scroll')).display`); d != "none" {
		t.Errorf("the wide map shows on a phone (display %s)", d)
	}
	if href := eval[string](t, ctx, `(a => a.offsetParent ? a.getAttribute('href') : '')(document.querySelector('.journey-map-link a'))`); !strings.HasSuffix(href, ".svg") {
		t.Errorf("the map link is %q, want a visible link to the map's SVG", href)
	}
	if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the page is %.0f px wide on a 390 px screen", w)
	}
	eval[bool](t, ctx, `document.querySelector('.journey-map-link').scrollIntoView(), true`)
	screenshot(t, ctx, "journey-phone.png")
	id := eval[string](t, ctx, `document.querySelectorAll('.journey-card')[5].dataset.anchor`)
	eval[bool](t, ctx, `location.hash = `+quote(id)+`, true`)
	got := eval[rect](t, ctx, rectJS+`(document.querySelectorAll('.journey-card')[5])`)
	if o := settled(t, ctx, `getComputedStyle(document.querySelectorAll('.journey-card')[5]).outlineStyle`); o != "solid" || got.Top < 0 || got.Top > 844 {
		t.Errorf("after a link to stage 6, its card has outline %q and top %.0f: want it outlined and in view", o, got.Top)
	}
}

// TestPresent drives presentation mode from the keyboard at 1366×768: f
// shows the map alone over the window on a dark surround, fitted; → and ←
// go stage by stage, outlining the stage across its lanes; + and - zoom, 0
// fits again; Escape leaves.
func TestPresent(t *testing.T) {
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(1366, 768, false), chromedp.Navigate(base+"/journeys/mutuelle/"), chromedp.WaitReady(".journey.js")); err != nil {
		t.Fatal(err)
	}
	if vis := eval[bool](t, ctx, `!!document.querySelector('.journey-present').offsetParent`); !vis {
		t.Fatal("no visible presentation button")
	}
	key := func(k string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	svgWidth := func() float64 { return box(t, ctx, ".journey-svg").Width }
	key("f")
	fig := box(t, ctx, "figure.journey")
	bg := eval[string](t, ctx, `getComputedStyle(document.querySelector('figure.journey')).backgroundColor`)
	if fig.Left != 0 || fig.Top != 0 || fig.Width != 1366 || fig.Bottom != 768 || bg != "rgb(11, 17, 24)" {
		t.Errorf("presenting, the figure is %+v on %s: want the whole window, dark", fig, bg)
	}
	m := box(t, ctx, ".journey-svg")
	scroll := box(t, ctx, ".journey-scroll")
	if m.Right > scroll.Right+1 || m.Bottom > scroll.Bottom+1 || (m.Width < scroll.Width-2 && m.Bottom-m.Top < scroll.Bottom-scroll.Top-2) {
		t.Errorf("presenting, the map is %+v in %+v: want it fitted", m, scroll)
	}
	screenshot(t, ctx, "journey-present.png")
	for i, want := range []int{1, 2, 1} {
		if want > 1 || i == 0 {
			key(kb.ArrowRight)
		} else {
			key(kb.ArrowLeft)
		}
		if i == 1 {
			continue
		}
		cur := eval[[]int](t, ctx, `[...document.querySelectorAll('.j-stage-hl')].flatMap((c, i) => c.classList.contains('is-current') && getComputedStyle(c).strokeWidth === '4px' ? [i + 1] : [])`)
		pos := settled(t, ctx, `document.querySelector('.journey-position').textContent`)
		if len(cur) != 1 || cur[0] != want || !strings.HasPrefix(pos, "Étape "+strconv.Itoa(want)+" sur ") {
			t.Errorf("step %d: outlined stages %v, position %q; want stage %d alone", i+1, cur, pos, want)
		}
	}
	fitted := svgWidth()
	key("+")
	if w := svgWidth(); w < fitted*1.2 {
		t.Errorf("+ zoomed from %.0f to %.0f px", fitted, w)
	}
	key("-")
	key("-")
	if w := svgWidth(); w > fitted*0.85 {
		t.Errorf("- twice after + left the map %.0f px wide, fitted %.0f", w, fitted)
	}
	key("0")
	if w := svgWidth(); w < fitted-1 || w > fitted+1 {
		t.Errorf("0 left the map %.0f px wide, want it fitted (%.0f)", w, fitted)
	}
	key(kb.Escape)
	// Leaving may go through the browser's fullscreen change, which
	// arrives as an event: wait for it rather than race it.
	browsertest.WaitJS(t, ctx, `getComputedStyle(document.querySelector('figure.journey')).position !== "fixed" && document.activeElement.className === "journey-present"`)
	if p := eval[string](t, ctx, `getComputedStyle(document.querySelector('figure.journey')).position`); p == "fixed" {
		t.Error("Escape did not leave presentation mode")
	}
	if f := eval[string](t, ctx, `document.activeElement.className`); f != "journey-present" {
		t.Errorf("after Escape the focus is on %q, want the presentation button", f)
	}
}
