// Command searchbytes measures parcours search against Pagefind on the same
// built site; scripts/search-bytes runs it. It is a benchmark, not a test:
// its figures depend on the machine and it needs Chromium and Pagefind.
//
//	searchbytes -mode bytes -site CORPUS -out DIR -pagefind BIN -q "onboarding" -q "a b c"
//	searchbytes -mode quality -site . -out DIR -pagefind BIN -queries internal/search/testdata/queries.txt
//
// bytes builds the site, indexes it with Pagefind, serves it with gzip and,
// in headless Chromium, types each query and counts the bytes the network
// delivers (DevTools encodedDataLength) from the first keystroke until five
// results show, then the time from the last key press to the results
// drawn, typing at a reader's pace. quality builds the site, runs the committed queries through
// both engines and counts those whose expected pages are in the top 3.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/search/indexfile"
	"github.com/parcours/parcours/internal/search/searchtest"
)

type queryList []string

func (q *queryList) String() string     { return strings.Join(*q, "; ") }
func (q *queryList) Set(s string) error { *q = append(*q, s); return nil }

func main() {
	mode := flag.String("mode", "bytes", "bytes or quality")
	site := flag.String("site", "", "site root (with parcours.toml)")
	out := flag.String("out", "", "output folder (replaced)")
	pagefind := flag.String("pagefind", "", `pagefind binary, or "none" to measure parcours alone (bytes)`)
	queries := flag.String("queries", "internal/search/testdata/queries.txt", "quality: the committed queries")
	var qs queryList
	flag.Var(&qs, "q", "bytes: a query to type (repeatable)")
	flag.Parse()
	log.SetFlags(0)
	if *site == "" || *out == "" || *pagefind == "" {
		log.Fatal("usage: searchbytes -mode bytes|quality -site DIR -out DIR -pagefind BIN [-q QUERY ...]")
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			log.Fatal(err)
		}
		return a
	}
	siteDir, outDir := abs(*site), abs(*out)

	b := buildSite(siteDir, outDir)
	switch *mode {
	case "bytes":
		if len(qs) == 0 {
			qs = queryList{"onboarding", "gouvernance renouvellement contrat"}
		}
		var pf *pagefindStats
		if *pagefind != "none" {
			ps := runPagefind(*pagefind, outDir)
			pf = &ps
		}
		measureBytes(b, pf, outDir, qs)
	case "quality":
		runPagefind(*pagefind, outDir)
		quality(outDir, *queries)
	default:
		log.Fatalf("unknown mode %q", *mode)
	}
}

type buildStats struct {
	pages          int
	total, index   time.Duration
	files          int
	bytes, gzBytes int64
}

// timedWriter notes when the last search index file is written.
type timedWriter struct {
	output.Writer
	mu        sync.Mutex
	lastIndex time.Time
}

func (w *timedWriter) WriteFile(name string, data []byte) error {
	err := w.Writer.WriteFile(name, data)
	if strings.HasPrefix(name, "search/index/") {
		w.mu.Lock()
		w.lastIndex = time.Now()
		w.mu.Unlock()
	}
	return err
}

// buildSite builds into outDir and times the whole build and the search
// index. The build indexes on one goroutine beside page rendering, from the
// "rendering pages" stage on; the index time is from there to its last file
// written, wall time shared with the rendering.
func buildSite(siteDir, outDir string) buildStats {
	if err := os.RemoveAll(outDir); err != nil {
		log.Fatal(err)
	}
	d, err := output.NewDisk(siteDir, outDir)
	if err != nil {
		log.Fatal(err)
	}
	w := &timedWriter{Writer: d}
	var indexStart time.Time
	start := time.Now()
	st, err := build.Run(build.Options{Root: siteDir, Progress: func(stage string) {
		if stage == "rendering pages" {
			indexStart = time.Now()
		}
	}}, w)
	if err != nil {
		d.Abort()
		log.Fatal(err)
	}
	end := time.Now()
	if err := d.Commit(); err != nil {
		log.Fatal(err)
	}
	if indexStart.IsZero() || w.lastIndex.IsZero() {
		log.Fatal("cannot time the index: no \"rendering pages\" stage or no index file written")
	}
	bs := buildStats{pages: st.Pages, total: end.Sub(start), index: w.lastIndex.Sub(indexStart)}
	bs.files, bs.bytes, bs.gzBytes = folderSize(filepath.Join(outDir, "search", "index"), true)
	fmt.Printf("parcours build: %d pages in %.1f s; search index %.1f s (beside page rendering), %d files, %s (%s gzip -9, file by file)\n",
		bs.pages, bs.total.Seconds(), bs.index.Seconds(), bs.files, kib(bs.bytes), kib(bs.gzBytes))
	return bs
}

type pagefindStats struct {
	took         time.Duration
	files        int
	bytes        int64
	indexedPages string
}

// pagefindGlob and pagefindRoot make Pagefind index what parcours indexes:
// the content pages (not lists, tags or the matrix), their main element
// (not the header and footer every page repeats). Without them it would
// index three times as many pages, which would only make it look worse.
const (
	pagefindGlob = "{cases/*,guides/*,irritants/*,journeys/*,a-propos}/index.html"
	pagefindRoot = "main"
)

func runPagefind(bin, outDir string) pagefindStats {
	start := time.Now()
	cmd := exec.Command(bin, "--site", outDir, "--glob", pagefindGlob, "--root-selector", pagefindRoot)
	logText, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("pagefind: %v\n%s", err, logText)
	}
	ps := pagefindStats{took: time.Since(start)}
	for _, line := range strings.Split(string(logText), "\n") {
		if strings.Contains(line, "Indexed") && strings.Contains(line, "page") {
			ps.indexedPages = strings.TrimSpace(line)
		}
	}
	ps.files, ps.bytes, _ = folderSize(filepath.Join(outDir, "pagefind"), false)
	fmt.Printf("pagefind: %s in %.1f s; bundle %d files, %s\n", ps.indexedPages, ps.took.Seconds(), ps.files, kib(ps.bytes))
	return ps
}

func folderSize(dir string, gz bool) (files int, size, gzSize int64) {
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		size += int64(len(data))
		if gz {
			gzSize += int64(len(gzipBytes(data)))
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	return files, size, gzSize
}

func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

func kib(n int64) string { return fmt.Sprintf("%.1f KiB", float64(n)/1024) }

// benchPage is a minimal page searching with Pagefind's JS API, loaded on
// the first keystroke as a site would do it; it renders the first five
// results (their fragments) as the parcours panel does.
const benchPage = `<!doctype html>
<html lang="fr"><meta charset="utf-8"><title>Pagefind</title>
<input id="q" type="search" autocomplete="off"><ol id="pf-results"></ol>
<script>
let timer, pf;
document.getElementById("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
async function run() {
  const q = document.getElementById("q").value;
  if (!pf) {
    // A worker's requests reach DevTools on the worker's own target, which
    // the page's network log does not see: Pagefind searches in this thread
    // instead, and the page fetches the worker script a browser would load,
    // so that every byte of the real thing is counted here.
    window.Worker = undefined;
    const worker = fetch("/pagefind/pagefind-worker.js").then(r => r.arrayBuffer());
    [pf] = await Promise.all([import("/pagefind/pagefind.js"), worker]);
  }
  const r = await pf.search(q);
  if (q !== document.getElementById("q").value) return;
  const docs = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
  const ol = document.getElementById("pf-results");
  ol.textContent = "";
  for (const d of docs) {
    const li = document.createElement("li");
    li.dataset.href = d.url;
    li.textContent = d.meta.title + " — " + d.excerpt.replace(/<[^>]*>/g, "");
    ol.appendChild(li);
  }
}
</script>
`

// serve serves dir the way a static host would: gzip for text, but not for
// Pagefind's files, which are gzip already. /__mark/ answers empty: the
// measuring page fetches it to mark a point in the network log.
func serve(dir string) *httptest.Server {
	files := http.FileServer(http.Dir(dir))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if strings.HasPrefix(r.URL.Path, "/__mark/") {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if r.URL.Path == "/__pagefind/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(benchPage))
			return
		}
		ext := filepath.Ext(r.URL.Path)
		compressed := strings.HasPrefix(ext, ".pf_") || ext == ".pagefind"
		if compressed || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		files.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		body := rec.Body.Bytes()
		if rec.Code == http.StatusOK {
			body = gzipBytes(body)
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
}

type request struct {
	url   string
	bytes float64
	done  bool
}

// netLog records the page's requests in the order the browser reports them.
type netLog struct {
	mu    sync.Mutex
	order []string
	reqs  map[network.RequestID]*request
}

func (l *netLog) listen(ctx context.Context) {
	l.reqs = map[network.RequestID]*request{}
	err := chromedp.Listen(ctx, func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if _, ok := l.reqs[ev.RequestID]; !ok {
				l.order = append(l.order, string(ev.RequestID))
				l.reqs[ev.RequestID] = &request{url: ev.Request.URL}
			}
		case *network.EventLoadingFinished:
			if r := l.reqs[ev.RequestID]; r != nil {
				r.bytes, r.done = ev.EncodedDataLength, true
			}
		case *network.EventLoadingFailed:
			if r := l.reqs[ev.RequestID]; r != nil {
				r.done = true
			}
		}
	})
	if err != nil {
		log.Fatal(err)
	}
}

// between returns the requests made after the request for mark a and before
// the one for mark b, once all of them have finished.
func (l *netLog) between(a, b string) ([]*request, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*request
	in := false
	for _, id := range l.order {
		r := l.reqs[network.RequestID(id)]
		switch {
		case strings.Contains(r.url, "/__mark/"+a):
			in = true
		case strings.Contains(r.url, "/__mark/"+b):
			return out, in
		case in:
			if !r.done {
				return nil, false
			}
			out = append(out, r)
		}
	}
	return nil, false
}

func (l *netLog) pending() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, id := range l.order {
		r := l.reqs[network.RequestID(id)]
		out = append(out, fmt.Sprintf("%s done=%v", r.url, r.done))
	}
	return strings.Join(out, "\n")
}

type measure struct {
	bytes    float64
	requests int
	files    []string
	took     time.Duration
}

// typeAndCount opens page, types q into input and counts the bytes from the
// first keystroke until list holds five items and answers q: parcours
// draws the results of a word's first letters while the rest is typed, and
// marks the list with the query it answers (data-q); a list without the
// mark (Pagefind's) counts when it holds five items.
func typeAndCount(browser context.Context, base, page, input, list, item, q string) (measure, error) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	var nl netLog
	nl.listen(ctx)
	if err := openCold(ctx, base+page, input); err != nil {
		return measure{}, err
	}
	arm := `(() => {
		const list = ` + browsertest.JSString(list) + `, item = ` + browsertest.JSString(item) + `, q = ` + browsertest.JSString(q) + `;
		const check = () => {
			const l = document.querySelector(list);
			if (!window.__ended && l && (l.dataset.q === undefined || l.dataset.q === q) && l.querySelectorAll(item).length >= 5) {
				window.__ended = true;
				fetch("/__mark/end").then(() => { window.__done = true; });
			}
		};
		new MutationObserver(check).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ["data-q"]});
		return fetch("/__mark/start").then(() => true);
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](arm, chromedp.EvalAwaitPromise)); err != nil {
		return measure{}, err
	}
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(input), q)); err != nil {
		return measure{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__done === true`, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		return measure{}, fmt.Errorf("%q: five results never showed: %w", q, err)
	}
	took := time.Since(start)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if reqs, ok := nl.between("start", "end"); ok {
			m := measure{requests: len(reqs), took: took}
			for _, r := range reqs {
				m.bytes += r.bytes
				u, _ := url.Parse(r.url)
				m.files = append(m.files, fmt.Sprintf("%s %.1f", u.Path, r.bytes/1024))
			}
			return m, nil
		}
		if time.Now().After(deadline) {
			return measure{}, fmt.Errorf("%q: requests still pending: %s", q, nl.pending())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openCold opens u in the tab with the browser cache off, as on a
// reader's first visit, waits for input to show and lets the page's own
// loading settle, so that what follows is the query's alone.
func openCold(ctx context.Context, u, input string) error {
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS(input))); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	return nil
}

// newBrowser starts headless Chromium with the flags browsertest uses.
func newBrowser() (context.Context, func()) {
	path := browsertest.Path()
	if path == "" {
		log.Fatal("no Chromium found (set PARCOURS_CHROMIUM)")
	}
	dir, err := os.MkdirTemp("", "searchbytes-profile-")
	if err != nil {
		log.Fatal(err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browsertest.AllocatorOptions(path, dir)...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		log.Fatalf("start chromium: %v", err)
	}
	return ctx, func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(dir)
	}
}

func measureBytes(b buildStats, pf *pagefindStats, outDir string, qs []string) {
	srv := serve(outDir)
	defer srv.Close()
	browser, stop := newBrowser()
	defer stop()

	scriptGz := gzippedSize(outDir, "js/search-core.js") + gzippedSize(outDir, "js/search-ui.js")
	fmt.Printf("\nsearch-core.js and search-ui.js, loaded with every page before typing: %s gzip (not in the parcours columns)\n", kib(scriptGz))
	if pf != nil {
		fmt.Printf("pagefind.js is loaded on the first keystroke (%s gzip, in the Pagefind column)\n", kib(gzippedSize(outDir, "pagefind/pagefind.js")))
	}
	fmt.Println()

	type row struct {
		q                    string
		panel, page, pagefnd measure
	}
	var rows []row
	for _, q := range qs {
		var r row
		r.q = q
		var err error
		some := firstPage(outDir)
		if r.panel, err = typeAndCount(browser, srv.URL, some, "#site-search-q", "form.search-form .search-list", ".search-hit", q); err != nil {
			log.Fatal(err)
		}
		if r.page, err = typeAndCount(browser, srv.URL, "/search/", "#search-page-q", "#search-page-list", ".search-hit", q); err != nil {
			log.Fatal(err)
		}
		lines := []struct {
			name string
			m    measure
		}{{"parcours header box", r.panel}, {"parcours /search/", r.page}}
		if pf != nil {
			if r.pagefnd, err = typeAndCount(browser, srv.URL, "/__pagefind/", "#q", "#pf-results", "li", q); err != nil {
				log.Fatal(err)
			}
			lines = append(lines, struct {
				name string
				m    measure
			}{"pagefind JS API", r.pagefnd})
		}
		rows = append(rows, r)
		for _, x := range lines {
			fmt.Printf("  %-22q %-20s %3d requests %8s in %4d ms: %s\n", q, x.name, x.m.requests, kib(int64(x.m.bytes)), x.m.took.Milliseconds(), strings.Join(x.m.files, ", "))
		}
	}
	if pf == nil {
		fmt.Printf("\n%d HTML pages written. Index: parcours %d files, %s (%.1f s)\n\n", b.pages, b.files, kib(b.bytes), b.index.Seconds())
		fmt.Println("| query | parcours header box | parcours /search/ |")
		fmt.Println("|---|---|---|")
		for _, r := range rows {
			fmt.Printf("| %s | %s (%d req) | %s (%d req) |\n", r.q, kib(int64(r.panel.bytes)), r.panel.requests, kib(int64(r.page.bytes)), r.page.requests)
		}
	} else {
		fmt.Printf("\n%d HTML pages written, %s. Index: parcours %d files, %s (%.1f s); Pagefind %d files, %s (%.1f s)\n\n",
			b.pages, pf.indexedPages, b.files, kib(b.bytes), b.index.Seconds(), pf.files, kib(pf.bytes), pf.took.Seconds())
		fmt.Println("| query | parcours header box | parcours /search/ | Pagefind (JS API) | box / Pagefind | /search/ / Pagefind |")
		fmt.Println("|---|---|---|---|---|---|")
		for _, r := range rows {
			fmt.Printf("| %s | %s (%d req) | %s (%d req) | %s (%d req) | %.2f | %.2f |\n", r.q,
				kib(int64(r.panel.bytes)), r.panel.requests, kib(int64(r.page.bytes)), r.page.requests,
				kib(int64(r.pagefnd.bytes)), r.pagefnd.requests, r.panel.bytes/r.pagefnd.bytes, r.page.bytes/r.pagefnd.bytes)
		}
	}

	fmt.Printf("\nFrom the last key press to the results of the whole query drawn (the next frame), typing a key every %d ms, browser cache off; median and slowest of %d:\n\n", keyGap.Milliseconds(), latencyRuns)
	fmt.Println("| query | parcours header box | parcours /search/ |")
	fmt.Println("|---|---|---|")
	for _, q := range qs {
		box, boxMax, err := medianLatency(browser, srv.URL, firstPage(outDir), "#site-search-q", "form.search-form .search-list", q)
		if err != nil {
			log.Fatal(err)
		}
		page, pageMax, err := medianLatency(browser, srv.URL, "/search/", "#search-page-q", "#search-page-list", q)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("| %s | %d ms (slowest %d) | %d ms (slowest %d) |\n", q, box.Milliseconds(), boxMax.Milliseconds(), page.Milliseconds(), pageMax.Milliseconds())
	}
}

func gzippedSize(dir, name string) int64 {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		// Fingerprinted name: find it.
		matches, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(name, ".js")+".*.js")))
		if len(matches) == 0 {
			return 0
		}
		if data, err = os.ReadFile(matches[0]); err != nil {
			return 0
		}
	}
	return int64(len(gzipBytes(data)))
}

// firstPage is a content page to type into the header box from.
func firstPage(outDir string) string {
	for _, s := range []string{"guides", "cases", "irritants"} {
		es, _ := os.ReadDir(filepath.Join(outDir, s))
		for _, e := range es {
			if e.IsDir() {
				if _, err := os.Stat(filepath.Join(outDir, s, e.Name(), "index.html")); err == nil {
					return "/" + s + "/" + e.Name() + "/"
				}
			}
		}
	}
	return "/"
}

// quality counts the committed queries whose expected pages are in the top
// 3 of each engine, parcours through searchtest.Search on the built index and
// Pagefind through its JS API in Chromium.
func quality(outDir, queriesFile string) {
	qs := readQueries(queriesFile)
	var files []indexfile.File
	idx := filepath.Join(outDir, "search", "index")
	filepath.WalkDir(idx, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(idx, p)
			files = append(files, indexfile.File{Path: filepath.ToSlash(rel), Data: data})
		}
		return err
	})
	srv := serve(outDir)
	defer srv.Close()
	browser, stop := newBrowser()
	defer stop()
	if err := chromedp.Do(browser, chromedp.Navigate(srv.URL+"/__pagefind/")); err != nil {
		log.Fatal(err)
	}
	ours, theirs := 0, 0
	fmt.Printf("\n| query | expected | parcours top 3 | Pagefind top 3 |\n|---|---|---|---|\n")
	for _, q := range qs {
		r, err := searchtest.Search(files, q.Query, nil)
		if err != nil {
			log.Fatal(err)
		}
		top := r.Top(3)
		pf, err := chromedp.Run(browser, chromedp.Evaluate[[]string](`(async () => {
			const pf = await import("/pagefind/pagefind.js");
			const r = await pf.search(`+browsertest.JSString(q.Query)+`);
			const docs = await Promise.all(r.results.slice(0, 3).map(x => x.data()));
			return docs.map(d => d.url);
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			log.Fatal(err)
		}
		okOurs, okTheirs := containsAll(top, q.Want), containsAll(pf, q.Want)
		if okOurs {
			ours++
		}
		if okTheirs {
			theirs++
		}
		fmt.Printf("| %s | %s | %s %s | %s %s |\n", q.Query, strings.Join(q.Want, " "),
			mark(okOurs), strings.Join(top, " "), mark(okTheirs), strings.Join(pf, " "))
	}
	fmt.Printf("\nqueries with their expected pages in the top 3: parcours %d/%d, Pagefind %d/%d\n", ours, len(qs), theirs, len(qs))
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func containsAll(got, want []string) bool {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}

// readQueries reads the quality file.
func readQueries(name string) []searchtest.QualityQuery {
	f, err := os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	qs, err := searchtest.ReadQueries(f)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	return qs
}
