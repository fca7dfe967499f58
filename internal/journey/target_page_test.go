package journey_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// TestTargetMapInPage opens the example site's target journey: its map
// draws the current journey's curve behind its own, with one faint point
// per stage the current journey shares and gives an emotion, and under the
// curve the same changes of emotion as the page's "what changes" table,
// which the site computes apart; the map's table, its phone cards and its
// description give them in words, and the standalone SVG has them and
// renders with rsvg-convert.
func TestTargetMapInPage(t *testing.T) {
	ctx := browsertest.New(t)
	base := site(t)
	if err := chromedp.Do(ctx, viewport(1366, 768, false), chromedp.Navigate(base+"/journeys/mutuelle-cible/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	type row struct{ Status, Current, Delta string }
	rows := eval[[]row](t, ctx, `[...document.querySelectorAll('.comparison-table tbody tr')].map(r => ({
		Status: r.className.replace('diff-', ''), Current: r.cells[1].textContent.trim(), Delta: r.cells[3].textContent.trim()}))`)
	var kept, deltas []string
	for _, r := range rows {
		if r.Status == "kept" && r.Current != "·" {
			kept = append(kept, r.Current)
		}
		if r.Delta != "–" {
			deltas = append(deltas, r.Delta)
		}
	}
	if len(deltas) == 0 {
		t.Fatalf("the comparison table %v gives no change of emotion", rows)
	}
	// The map's labels read "+2 vs actuel" or "= actuel"; the table "+2" or "0".
	labels := eval[[]string](t, ctx, `[...document.querySelectorAll('.journey-svg text.j-delta')].map(e => e.textContent)`)
	var got []string
	for _, l := range labels {
		got = append(got, strings.Replace(strings.Fields(l)[0], "=", "0", 1))
	}
	if strings.Join(got, " ") != strings.Join(deltas, " ") {
		t.Errorf("the map's deltas %q, want the comparison table's %q", labels, deltas)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.journey-svg path.j-neutral[stroke-dasharray]').length`); n != 1 {
		t.Errorf("%d dashed current curves in the map, want 1", n)
	}
	// One hollow point per kept stage with a current emotion, and the legend's.
	if n := eval[int](t, ctx, `document.querySelectorAll('.journey-svg circle.j-neutral').length`); n != len(kept)+1 {
		t.Errorf("%d faint points, want %d: one per kept stage with an emotion (%v) and the legend's", n, len(kept)+1, kept)
	}
	if legend := eval[string](t, ctx, `document.querySelector('.journey-svg').textContent`); !strings.Contains(legend, "Parcours actuel") {
		t.Error(`the legend does not name the current journey ("Parcours actuel")`)
	}
	if desc := eval[string](t, ctx, `document.querySelector('.journey-svg desc').textContent`); !strings.Contains(desc, "pointillés") || !strings.Contains(desc, " : "+deltas[0]) {
		t.Errorf("the map's description %q does not give the changes", desc)
	}
	cells := eval[[]string](t, ctx, `(() => {
		const t = document.querySelector('.journey-table'), i = [...t.tHead.rows[0].cells].findIndex(c => c.textContent === 'Évolution de l’émotion');
		return i < 0 ? [] : [...t.tBodies].flatMap(b => [...b.rows]).map(r => r.cells[r.cells.length - t.tHead.rows[0].cells.length + i].textContent);
	})()`)
	var worded []string
	filled := 0
	for _, c := range cells {
		if c != "" {
			filled++
		}
		if m := regexp.MustCompile(`^(\S+) par rapport au parcours actuel`).FindStringSubmatch(c); m != nil {
			worded = append(worded, m[1])
		}
	}
	if strings.Join(worded, " ") != strings.Join(deltas, " ") {
		t.Errorf("the map's table gives the changes %q (cells %q), want %q", worded, cells, deltas)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll('.journey-card dt')].filter(e => e.textContent === 'Évolution de l’émotion').length`); n != filled {
		t.Errorf("%d phone cards give the change of emotion, want %d as the table", n, filled)
	}
	screenshot(t, ctx, "journey-target.png")

	svgs, err := filepath.Glob(filepath.Join(siteDir, "journeys", "mutuelle-cible", "*.svg"))
	if err != nil || len(svgs) != 1 {
		t.Fatalf("standalone SVGs of the target journey: %v (%v)", svgs, err)
	}
	b, err := os.ReadFile(svgs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `stroke-dasharray="6 4"`) || strings.Count(string(b), `text-anchor="middle"`) != len(deltas) {
		t.Errorf("%s lacks the current curve or the %d deltas", svgs[0], len(deltas))
	}
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed")
	}
	if out, err := exec.Command(bin, "-o", filepath.Join(t.TempDir(), "cible.png"), svgs[0]).CombinedOutput(); err != nil {
		t.Errorf("rsvg-convert %s: %v\n%s", svgs[0], err, out)
	}
}
