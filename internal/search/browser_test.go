package search_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/exampletest"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/search/indexfile"
	"github.com/parcours/parcours/internal/search/searchtest"
)

// The example site is built once per test binary, lazily, so that a run that
// skips the browser tests pays only for the in-memory build.
var (
	tmpRoot  string
	tmpErr   error
	tmpOnce  sync.Once
	diskMu   sync.Mutex
	diskDirs = map[bool]string{}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
	os.Exit(code)
}

// builtSite returns the folder holding the example site built to disk, with
// or without --relative-urls.
func builtSite(t *testing.T, relative bool) string {
	t.Helper()
	tmpOnce.Do(func() { tmpRoot, tmpErr = os.MkdirTemp("", "parcours-search-test-") })
	if tmpErr != nil {
		t.Fatal(tmpErr)
	}
	diskMu.Lock()
	defer diskMu.Unlock()
	if dir, ok := diskDirs[relative]; ok {
		return dir
	}
	dir := filepath.Join(tmpRoot, fmt.Sprintf("site-relative-%v", relative))
	exampletest.Build(t, dir, relative)
	diskDirs[relative] = dir
	return dir
}

// indexFiles builds the example site in memory and returns its search index.
func indexFiles(t *testing.T) []indexfile.File {
	t.Helper()
	m := output.NewMemory()
	if _, err := build.Run(build.Options{Root: exampletest.Root(t)}, m); err != nil {
		t.Fatal(err)
	}
	var files []indexfile.File
	for _, name := range m.Names() {
		if p, ok := strings.CutPrefix(name, "search/index/"); ok {
			data, _ := m.Get(name)
			files = append(files, indexfile.File{Path: p, Data: data})
		}
	}
	if len(files) == 0 {
		t.Fatal("the build wrote no file under search/index/")
	}
	return files
}

// readQueries reads testdata/queries.txt.
func readQueries(t *testing.T) []searchtest.QualityQuery {
	t.Helper()
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := searchtest.ReadQueries(f)
	if err != nil {
		t.Fatalf("queries.txt: %v", err)
	}
	return qs
}

// TestQueriesTop3 is the quality bar: each committed query finds its
// expected pages among its first three results.
func TestQueriesTop3(t *testing.T) {
	files := indexFiles(t)
	qs := readQueries(t)
	if len(qs) < 15 {
		t.Fatalf("%d queries in testdata/queries.txt, want at least 15", len(qs))
	}
	for _, q := range qs {
		r, err := searchtest.Search(files, q.Query, nil)
		if err != nil {
			t.Fatal(err)
		}
		top := r.Top(3)
		for _, w := range q.Want {
			if !slices.Contains(top, w) {
				t.Errorf("%q: %s not in the top 3 %v", q.Query, w, top)
			}
		}
	}
}

// TestBrowser runs the client in headless Chromium on the example site. The
// subtests share one browser, each in a tab of its own.
func TestBrowser(t *testing.T) {
	browser := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(builtSite(t, false))))
	t.Cleanup(srv.Close)

	tab := func(t *testing.T) context.Context {
		ctx, cancel := chromedp.NewContext(browser)
		t.Cleanup(cancel)
		return ctx
	}
	searchPage := func(q string) string { return srv.URL + "/search/?q=" + url.QueryEscape(q) }

	t.Run("AccentsFolded", func(t *testing.T) {
		ctx := tab(t)
		accented := pageResults(t, ctx, searchPage("résiliation"))
		plain := pageResults(t, ctx, searchPage("resiliation"))
		if len(accented) == 0 || !slices.Equal(accented, plain) {
			t.Fatalf("résiliation gives %v\nresiliation gives %v", accented, plain)
		}
		if !containsPath(accented, "/irritants/resiliation-compliquee/") {
			t.Errorf("résiliation does not find the irritant: %v", accented)
		}
	})

	t.Run("PluralFindsSingular", func(t *testing.T) {
		ctx := tab(t)
		// The content says "résiliation", never "résiliations".
		got := pageResults(t, ctx, searchPage("résiliations"))
		if !containsPath(got, "/irritants/resiliation-compliquee/") {
			t.Fatalf("résiliations does not find the irritant: %v", got)
		}
		marks := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-page-list mark")].map(m => m.textContent.toLowerCase())`)
		if !slices.Contains(marks, "résiliation") {
			t.Errorf("highlighted %q, not the singular word", marks)
		}
	})

	t.Run("PrefixInHeaderBox", func(t *testing.T) {
		ctx := tab(t)
		do(t, ctx, chromedp.Navigate(srv.URL+"/guides/onboarding/"),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "cartogra"))
		// Searches run as keys come: the list must answer the whole word.
		browsertest.WaitJS(t, ctx, `(() => { const p = document.querySelector("form.search-form .search-results");
			return p && !p.hidden && p.querySelector(".search-list").dataset.q === "cartogra" && p.querySelectorAll(".search-hit[role=option]").length > 0 })()`)
		got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("form.search-form .search-results .search-hit")].map(li => li.dataset.href)`)
		if !containsPath(got, "/guides/principes-cartographie/") {
			t.Errorf("cartogra: %v", got)
		}
		if v := browsertest.Eval[string](t, ctx, `document.getElementById("site-search-q").getAttribute("aria-expanded")`); v != "true" {
			t.Errorf("aria-expanded = %q with the panel open", v)
		}
	})

	// Searches run as keys come, one at a time: whatever was under way
	// while the rest was typed, each list ends up answering the whole
	// query, not one of its first letters.
	t.Run("ListAnswersWholeQuery", func(t *testing.T) {
		for _, c := range []struct{ page, input, list, q, want string }{
			{"/guides/onboarding/", "site-search-q", "form.search-form .search-list", "cartographie", "/guides/principes-cartographie/"},
			{"/search/", "search-page-q", "#search-page-list", "cartographie", "/guides/principes-cartographie/"},
		} {
			ctx := tab(t)
			do(t, ctx, chromedp.Navigate(srv.URL+c.page), chromedp.SendKeys(chromedp.ID(c.input), c.q))
			browsertest.WaitJS(t, ctx, `document.querySelector(`+browsertest.JSString(c.list)+`)?.dataset.q === `+browsertest.JSString(c.q))
			got := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(`+browsertest.JSString(c.list+" .search-hit")+`)].map(li => li.dataset.href)`)
			if !containsPath(got, c.want) {
				t.Errorf("%s: %q lists %v, want %s among them", c.page, c.q, got, c.want)
			}
			marks := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll(`+browsertest.JSString(c.list+" mark")+`)].map(m => m.textContent.toLowerCase())`)
			if !slices.Contains(marks, c.q) {
				t.Errorf("%s: %q marks %q, want the whole word", c.page, c.q, marks)
			}
		}
	})

	t.Run("FilterByTool", func(t *testing.T) {
		ctx := tab(t)
		all := pageResults(t, ctx, searchPage("parcours"))
		browsertest.WaitJS(t, ctx, `document.querySelectorAll(".search-filters input[name=tools]").length > 0`)
		before := statusCount(t, ctx)
		if before != len(all) && before < 10 {
			t.Fatalf("status says %d results, the list shows %d", before, len(all))
		}
		// The tool with the fewest pages narrows the most.
		tool := browsertest.Eval[string](t, ctx, `(() => {
			const ls = [...document.querySelectorAll(".search-filters label")].filter(l => l.querySelector("input[name=tools]"));
			ls.sort((a, b) => +a.querySelector(".search-count").textContent - +b.querySelector(".search-count").textContent);
			return ls[0].querySelector("input").value })()`)
		want := browsertest.Eval[int](t, ctx, `+[...document.querySelectorAll(".search-filters label")].find(l => l.querySelector("input[name=tools]")?.value === `+browsertest.JSString(tool)+`).querySelector(".search-count").textContent`)
		do(t, ctx, chromedp.Click(chromedp.CSS(`.search-filters input[name=tools][value=`+browsertest.JSString(tool)+`]`)))
		browsertest.WaitJS(t, ctx, `document.querySelectorAll("#search-page-list .search-hit").length === `+fmt.Sprint(want))
		if after := statusCount(t, ctx); after != want || after >= before {
			t.Errorf("filter %s: status says %d results (before %d, the facet said %d)", tool, after, before, want)
		}
		// Every count is now over the filtered results: the kinds add up
		// to them and the chosen tool counts all of them.
		if sum := browsertest.Eval[int](t, ctx, `[...document.querySelectorAll(".search-filters input[name=kind]")].reduce((s, i) => s + +i.parentElement.querySelector(".search-count").textContent, 0)`); sum != want {
			t.Errorf("kind counts add up to %d, want %d", sum, want)
		}
		if !strings.Contains(browsertest.Eval[string](t, ctx, `location.search`), "tools="+url.QueryEscape(tool)) {
			t.Errorf("the URL does not keep the filter: %s", browsertest.Eval[string](t, ctx, `location.href`))
		}
	})

	t.Run("HeadingHitOpensAtHeading", func(t *testing.T) {
		ctx := tab(t)
		got := pageResults(t, ctx, searchPage("score de santé"))
		u, err := url.Parse(got[0])
		if err != nil || u.Fragment == "" {
			t.Fatalf("first result %q has no anchor", got[0])
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`#search-page-list a.search-hit-link`)))
		browsertest.WaitJS(t, ctx, `location.pathname === `+browsertest.JSString(u.Path)+` && document.readyState === "complete"`)
		if !browsertest.Eval[bool](t, ctx, `location.hash === `+browsertest.JSString("#"+u.Fragment)+` && document.getElementById(`+browsertest.JSString(u.Fragment)+`) !== null`) {
			t.Errorf("opened %s: no element #%s", browsertest.Eval[string](t, ctx, `location.href`), u.Fragment)
		}
	})

	t.Run("MarkupInQueryIsText", func(t *testing.T) {
		ctx := tab(t)
		const attack = `<img src=x onerror=window.__xss=1>`
		do(t, ctx, chromedp.Navigate(searchPage(attack)))
		browsertest.WaitJS(t, ctx, `document.querySelector("#search-page .search-status")?.textContent !== ""`)
		// The search page has one box, its own (the header's is hidden).
		do(t, ctx, chromedp.SendKeys(chromedp.ID("search-page-q"), " onboarding"))
		browsertest.WaitJS(t, ctx, `new URLSearchParams(location.search).get("q")?.endsWith(" onboarding")`)
		time.Sleep(300 * time.Millisecond) // an injected image would have failed to load by now
		if v := browsertest.Eval[string](t, ctx, `document.getElementById("search-page-q").value`); v != attack+" onboarding" {
			t.Errorf("the search page's box holds %q", v)
		}
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll("img").length`); n != 0 {
			t.Errorf("%d img elements in the page", n)
		}
		if !browsertest.Eval[bool](t, ctx, `window.__xss === undefined`) {
			t.Error("the query ran as HTML")
		}
	})

	t.Run("SlashFocusesTheBox", func(t *testing.T) {
		ctx := tab(t)
		do(t, ctx, chromedp.Navigate(srv.URL+"/cases/qonto/"))
		browsertest.WaitJS(t, ctx, `document.readyState === "complete"`)
		do(t, ctx, press("/", "Slash", "/", 191))
		browsertest.WaitJS(t, ctx, `document.activeElement?.id === "site-search-q"`)
		if v := browsertest.Eval[string](t, ctx, `document.activeElement.value`); v != "" {
			t.Errorf("the slash was typed into the box: %q", v)
		}
	})

	t.Run("KeyboardNavigation", func(t *testing.T) {
		ctx := tab(t)
		do(t, ctx, chromedp.Navigate(srv.URL+"/"),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "fidélité"))
		browsertest.WaitJS(t, ctx, `document.querySelector("form.search-form .search-list")?.dataset.q === "fidélité" && document.querySelectorAll("form.search-form .search-hit[role=option]").length >= 2`)
		second := browsertest.Eval[string](t, ctx, `document.querySelectorAll("form.search-form .search-hit")[1].dataset.href`)
		do(t, ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
		if v := browsertest.Eval[string](t, ctx, `document.querySelector("form.search-form [aria-selected=true]")?.dataset.href ?? ""`); v != second {
			t.Fatalf("after two arrows the active option is %q, want %q", v, second)
		}
		if !browsertest.Eval[bool](t, ctx, `document.getElementById("site-search-q").getAttribute("aria-activedescendant") === document.querySelector("form.search-form [aria-selected=true]").id`) {
			t.Error("aria-activedescendant does not name the active option")
		}
		do(t, ctx, press("Enter", "Enter", "\r", 13))
		browsertest.WaitJS(t, ctx, `location.href === `+browsertest.JSString(second))
	})

	// The header's list once it answers "qonto", not its first letters,
	// which are searched as they are typed: a click on an earlier list
	// could land on a result the next list has replaced.
	const qontoListed = `document.querySelector("form.search-form .search-list")?.dataset.q === "qonto" && document.querySelectorAll("form.search-form .search-hit[role=option]").length > 0`

	t.Run("ClickInPanel", func(t *testing.T) {
		ctx := tab(t)
		do(t, ctx, chromedp.Navigate(srv.URL+"/"),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "qonto"))
		browsertest.WaitJS(t, ctx, qontoListed)
		first := browsertest.Eval[string](t, ctx, `document.querySelector("form.search-form .search-hit").dataset.href`)
		do(t, ctx, chromedp.Click(chromedp.CSS(`form.search-form .search-hit`)))
		browsertest.WaitJS(t, ctx, `location.href === `+browsertest.JSString(first))
	})

	t.Run("FileURL", func(t *testing.T) {
		ctx := tab(t)
		dir := builtSite(t, true)
		home := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "index.html"))}).String()
		do(t, ctx, chromedp.Navigate(home),
			chromedp.SendKeys(chromedp.ID("site-search-q"), "qonto"))
		browsertest.WaitJS(t, ctx, qontoListed)
		first := browsertest.Eval[string](t, ctx, `document.querySelector("form.search-form .search-hit").dataset.href`)
		if !strings.HasPrefix(first, "file://") || !strings.HasSuffix(first, "/cases/qonto/index.html") {
			t.Fatalf("first result from disk: %q", first)
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`form.search-form .search-hit`)))
		browsertest.WaitJS(t, ctx, `location.href === `+browsertest.JSString(first)+` && document.querySelector("h1") !== null`)

		// The search page too, reached from its relative link.
		got := pageResults(t, ctx, strings.TrimSuffix(home, "index.html")+"search/index.html?q=salesforce")
		if len(got) == 0 || !strings.HasSuffix(got[0], "/cases/qonto/index.html") {
			t.Errorf("search page from disk: %v", got)
		}
	})

	t.Run("StringsFromI18n", func(t *testing.T) {
		ctx := tab(t)
		theme, err := render.LoadTheme(exampletest.Root(t), "default", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(searchPage("")))
		browsertest.WaitJS(t, ctx, `document.querySelector("#search-page .search-status")?.textContent !== ""`)
		lang := browsertest.Eval[string](t, ctx, `document.documentElement.lang`)
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector("#search-page .search-status").textContent`), theme.T(lang, "search_prompt"); got != want {
			t.Errorf("empty query: status %q, want %q", got, want)
		}
		// Qonto's case study among the results: its kind's label differs
		// from the one search.js used to hard-code.
		pageResults(t, ctx, searchPage("qonto"))
		browsertest.WaitJS(t, ctx, `document.querySelectorAll(".search-filters legend").length > 0`)
		n := statusCount(t, ctx)
		key := "search_results_many"
		if n == 1 {
			key = "search_results_one"
		}
		if got, want := browsertest.Eval[string](t, ctx, `document.querySelector("#search-page .search-status").textContent`), strings.ReplaceAll(theme.T(lang, key), "{n}", fmt.Sprint(n)); got != want {
			t.Errorf("status %q, want %q", got, want)
		}
		labels := map[string]bool{}
		for _, k := range []string{"kind_case", "kind_guide", "kind_journey", "kind_irritant", "kind_page", "search_kind", "tax_scopes", "tax_tools", "tax_sectors"} {
			labels[theme.T(lang, k)] = true
		}
		shown := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-page .search-kind, .search-filters legend")].map(e => e.textContent)`)
		for _, s := range shown {
			if !labels[s] {
				t.Errorf("label %q is not a string of i18n/%s.toml", s, lang)
			}
		}
		if len(shown) < 2 {
			t.Errorf("only %d kind labels and legends shown", len(shown))
		}
	})

	t.Run("NoScript", func(t *testing.T) {
		ctx := tab(t)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(searchPage("onboarding")))
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-page")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "JavaScript") {
			t.Errorf("with JavaScript off the search page says %q", text)
		}
	})
}

// pageResults opens the search page at u and returns the result links once
// they show.
func pageResults(t *testing.T, ctx context.Context, u string) []string {
	t.Helper()
	do(t, ctx, chromedp.Navigate(u))
	browsertest.WaitJS(t, ctx, `document.querySelectorAll("#search-page-list .search-hit").length > 0`)
	return browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("#search-page-list .search-hit")].map(li => li.dataset.href)`)
}

// statusCount reads the number of results the search page's status line
// announces.
func statusCount(t *testing.T, ctx context.Context) int {
	t.Helper()
	return browsertest.Eval[int](t, ctx, `+(document.querySelector("#search-page .search-status").textContent.match(/[\d\s\u202f\u00a0]+/) || ["0"])[0].replace(/\D/g, "")`)
}

func containsPath(urls []string, path string) bool {
	for _, s := range urls {
		if u, err := url.Parse(s); err == nil && (u.Path == path || strings.HasSuffix(u.Path, path+"index.html")) {
			return true
		}
	}
	return false
}

// press presses a key the way a keyboard does: one keyDown that carries the
// text, so that preventDefault on keydown stops the text, as it does for a
// person. chromedp.KeyEvent sends the text in a separate char event, which
// keydown handlers cannot cancel: "/" would land in the box it focuses and
// Enter would also submit the form.
func press(key, code, text string, keyCode int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text, UnmodifiedText: text, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}
