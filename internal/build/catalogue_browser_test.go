package build_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
)

// cardsShown lists the slugs of the catalogue cards a reader sees, in
// their order on the page.
func cardsShown(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".irritant-cards > li")]
		.filter(li => li.checkVisibility()).map(li => li.id.replace(/^irritant-/, ""))`)
}

// TestCatalogue uses the catalogue as a reader does, on a desktop and on
// a phone (the colours are TestCatalogueAccessibility's job): its
// controls, its chart, its matrix and a cell of the matrix.
func TestCatalogue(t *testing.T) {
	onScreens(t, func(t *testing.T, ctx context.Context, s screen, site string) {
		if s.scheme == "dark" {
			t.Skip("the colours are TestCatalogueAccessibility's")
		}
		catalogueControls(t, ctx, s, site)
		matrixScrolls(t, ctx, s, site)
		if s.width > 1000 {
			matrixCellPage(t, ctx, s, site)
		}
	})
}

// catalogueControls: the sort links reorder the cards in place as the
// order's own page lists them, a filter hides the other cards and says
// how many are left, and each bubble of the chart is a link to its
// irritant that no other bubble covers.
func catalogueControls(t *testing.T, ctx context.Context, s screen, site string) {
	t.Helper()
	// Without JavaScript, each order is a page: what the sort
	// control must reproduce.
	open(t, ctx, s, site+"/irritants/sort/severity/")
	bySeverity := cardsShown(t, ctx)
	open(t, ctx, s, site+"/irritants/")
	byPriority := cardsShown(t, ctx)
	if len(byPriority) < 10 || slices.Equal(byPriority, bySeverity) {
		t.Fatalf("cards by priority %v and by severity %v: want two orders of the whole catalogue", byPriority, bySeverity)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.catalogue-sort a[href$="/sort/severity/#catalogue"]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if got := cardsShown(t, ctx); !slices.Equal(got, bySeverity) {
		t.Errorf("after sorting by severity the cards read\n%v\nwant the severity page's\n%v", got, bySeverity)
	}
	sev := browsertest.Eval[[]int](t, ctx, `[...document.querySelectorAll(".irritant-cards > li")].map(li => +li.dataset.severity)`)
	if !slices.IsSortedFunc(sev, func(a, b int) int { return b - a }) {
		t.Errorf("severities after sorting: %v, want the gravest first", sev)
	}
	if loc := browsertest.Eval[string](t, ctx, `location.pathname`); loc != "/irritants/" {
		t.Errorf("sorting left the page for %s: want the cards reordered in place", loc)
	}
	if cur := browsertest.Eval[string](t, ctx, `document.querySelector(".catalogue-sort a[aria-current]").dataset.sort`); cur != "1" {
		t.Errorf("the sort control marks order %s as current, want 1 (severity)", cur)
	}

	// Filtering by a sector shows what the sector's own page lists.
	open(t, ctx, s, site+"/irritants/sector/industrie/")
	industrie := cardsShown(t, ctx)
	open(t, ctx, s, site+"/irritants/")
	if browsertest.Eval[bool](t, ctx, `document.querySelector(".catalogue-browse").checkVisibility()`) {
		t.Error("the links to the filtered pages are still shown beside the filter form")
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(`.catalogue-filter select[name=sector]`, "industrie")); err != nil {
		t.Fatal(err)
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector(".catalogue-filter select[name=sector]").dispatchEvent(new Event("change", {bubbles: true})), true)`)
	shown := cardsShown(t, ctx)
	if len(industrie) == 0 || len(shown) >= len(byPriority) || !slices.Equal(shown, industrie) {
		t.Errorf("filtered by Industrie the catalogue shows %v, want the sector page's %v", shown, industrie)
	}
	count := browsertest.Eval[string](t, ctx, `document.querySelector(".catalogue-count").textContent`)
	if want := strings.Join([]string{strconv.Itoa(len(shown)), "irritants sur", strconv.Itoa(len(byPriority))}, " "); count != want {
		t.Errorf("count says %q, want %q", count, want)
	}
	if role := browsertest.Eval[string](t, ctx, `document.querySelector(".catalogue-count").getAttribute("role")`); role != "status" {
		t.Errorf("the count's role is %q: screen readers would not hear it change", role)
	}
	dimmed := browsertest.Eval[int](t, ctx, `document.querySelectorAll(".bubble.is-filtered-out").length`)
	if dimmed != len(byPriority)-len(shown) {
		t.Errorf("%d bubbles dimmed, want the %d filtered out", dimmed, len(byPriority)-len(shown))
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.catalogue-filter button[type=reset]`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `document.querySelectorAll(".irritant-cards > li[hidden]").length === 0`)

	chartBubbles(t, ctx, byPriority)
}

// chartBubbles checks the chart: one bubble per scored irritant, each a
// link to its page named by its <title>, no two covering each other.
func chartBubbles(t *testing.T, ctx context.Context, irritants []string) {
	t.Helper()
	type bubble struct {
		Href, Title, Tag string
		X, Y, R          float64
	}
	bubbles := browsertest.Eval[[]bubble](t, ctx, `[...document.querySelectorAll(".bubble-chart .bubble")].map(a => {
		const r = a.querySelector("circle").getBoundingClientRect();
		return {Href: a.getAttribute("href"), Title: a.querySelector("title")?.textContent ?? "", Tag: a.tagName,
			X: r.left + r.width / 2, Y: r.top + r.height / 2, R: r.width / 2};
	})`)
	if len(bubbles) != len(irritants) {
		t.Errorf("%d bubbles for %d irritants (all scored in the example)", len(bubbles), len(irritants))
	}
	for i, b := range bubbles {
		slug := strings.TrimSuffix(strings.TrimPrefix(b.Href, "/irritants/"), "/")
		if b.Tag != "a" || !slices.Contains(irritants, slug) || b.Title == "" {
			t.Errorf("bubble %d: <%s href=%q> titled %q, want a link to an irritant with a title", i, b.Tag, b.Href, b.Title)
		}
		for _, o := range bubbles[:i] {
			if dx, dy := b.X-o.X, b.Y-o.Y; dx*dx+dy*dy < (b.R+o.R)*(b.R+o.R) {
				t.Errorf("bubbles %s and %s overlap", b.Href, o.Href)
			}
		}
	}
	// The link leads to the irritant.
	if err := chromedp.Do(ctx, chromedp.Click(`.bubble-chart .bubble circle`, chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `location.pathname === `+browsertest.JSString(bubbles[0].Href)+` && document.readyState === "complete"`)
}

// matrixScrolls scrolls the sector × stage matrix sideways on screens too
// narrow for it: the sectors' column stays where it was, the last stage
// comes into view beside it, and the table says it scrolls.
func matrixScrolls(t *testing.T, ctx context.Context, s screen, site string) {
	t.Helper()
	if s.width > 1000 {
		// A laptop's window, narrower than the matrix.
		s.width = 900
	}
	open(t, ctx, s, site+"/irritants/")
	const frame, table = "#matrix .table-scroll", "#matrix table"
	if pos := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("#matrix tbody th")).position`); pos != "sticky" {
		t.Errorf("the sectors' column is position: %s, want sticky", pos)
	}
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(frame)); err != nil {
		t.Fatal(err)
	}
	scroller, last := boxOf(t, ctx, frame), boxOf(t, ctx, "#matrix thead tr:last-child th:last-child")
	if last.Right <= scroller.Right {
		t.Fatalf("the matrix (last column %+v) fits its frame %+v: the screen does not test scrolling", last, scroller)
	}
	if more := browsertest.Eval[string](t, ctx, `document.querySelector("#matrix .scroll-frame").dataset.more`); more != "right" {
		t.Errorf("scroll cue data-more=%q before scrolling, want right", more)
	}
	if b := boxOf(t, ctx, "#matrix .scroll-hint"); b.Height == 0 {
		t.Error("no scroll hint under a matrix wider than its frame")
	}
	immobilier := `[...document.querySelectorAll("#matrix tbody th")].find(th => th.textContent === "Immobilier")`
	before := browsertest.Eval[float64](t, ctx, immobilier+`.getBoundingClientRect().left`)
	browsertest.Eval[bool](t, ctx, `(document.querySelector(`+browsertest.JSString(frame)+`).scrollLeft = 1e6, true)`)
	browsertest.WaitJS(t, ctx, `document.querySelector("#matrix .scroll-frame").dataset.more === "left"`)
	if after := browsertest.Eval[float64](t, ctx, immobilier+`.getBoundingClientRect().left`); after != before {
		t.Errorf("the sectors' column moved from x=%v to x=%v when the matrix scrolled", before, after)
	}
	scroller, last = boxOf(t, ctx, frame), boxOf(t, ctx, "#matrix thead tr:last-child th:last-child")
	head := browsertest.Eval[float64](t, ctx, immobilier+`.getBoundingClientRect().right`)
	if last.Right > scroller.Right+1 || last.Left < head-1 {
		t.Errorf("scrolled to the end, the last column %+v is not shown between the sectors (right edge %v) and the frame %+v", last, head, scroller)
	}
	// Immobilier's irritants, in the last columns, are links a reader
	// can see and reach.
	cells := browsertest.Eval[[]float64](t, ctx, immobilier+`.parentElement.querySelectorAll("td a").values().map(a => a.getBoundingClientRect().left).toArray()`)
	if len(cells) == 0 {
		t.Fatal("the Immobilier row has no irritant")
	}
	for _, x := range cells {
		if x < head || x > scroller.Right {
			t.Errorf("an Immobilier cell at x=%v is hidden (sectors' column ends at %v, frame at %v)", x, head, scroller.Right)
		}
	}
	groups := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#matrix th[scope=colgroup]")].map(th => th.textContent + " " + th.colSpan)`)
	if len(groups) != 2 || !strings.HasPrefix(groups[0], "Cycle de vie 6") || !strings.HasPrefix(groups[1], "Étapes propres à certains secteurs") {
		t.Errorf("matrix header groups %q, want the six lifecycle stages, then the sectors' own", groups)
	}
	if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("#matrix .heat-legend li").length`); n != 4 {
		t.Errorf("the matrix legend has %d entries, want 4 (1, 2, 3+, none)", n)
	}
}

// matrixCellPage opens a cell of the matrix: its cards show their severity
// as a number, and a link leads back to the matrix.
func matrixCellPage(t *testing.T, ctx context.Context, s screen, site string) {
	t.Helper()
	open(t, ctx, s, site+"/irritants/matrix/immobilier/livraison/")
	sev := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(".irritant-card .sev")].map(e => e.textContent + e.nextElementSibling.textContent)`)
	if len(sev) == 0 || !slices.ContainsFunc(sev, func(s string) bool { return strings.HasSuffix(s, "/5") }) {
		t.Errorf("cell cards show severities %q, want n/5 on each", sev)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".back-link a", chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitJS(t, ctx, `location.pathname === "/irritants/" && location.hash === "#matrix" && document.readyState === "complete"`)
	// Below the sticky header, not under it.
	if top, header := boxOf(t, ctx, "#matrix-title").Top, boxOf(t, ctx, ".site-header").Bottom; top < header || top > 400 {
		t.Errorf("back on the catalogue, the matrix's title is at y=%v, want it just under the header (y=%v)", top, header)
	}
}

// TestCatalogueAccessibility runs axe-core on the catalogue (filtered
// too), a matrix cell and a filter page, in light and dark; the other
// orders of the catalogue are the same layout.
func TestCatalogueAccessibility(t *testing.T) {
	pages := []string{"/irritants/", "/irritants/matrix/immobilier/livraison/", "/irritants/severity/5/"}
	axeEach(t, pages, func(ctx context.Context, p, scheme string) {
		if p == "/irritants/" {
			browsertest.Eval[bool](t, ctx, `(() => { const s = document.querySelector(".catalogue-filter select[name=severity]");
				s.value = "4"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
			checkAxe(t, ctx, p+" filtered ("+scheme+")")
		}
	})
}
