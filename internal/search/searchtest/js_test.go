package searchtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/browsertest"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

// coreJS is the browser's ranking; tests run in this package's folder,
// three levels below the repository root.
var coreJS = filepath.Join("..", "..", "..", "themes", "default", "static", "js", "search-core.js")

// sampleDocs adds to Docs every page of the example site.
func sampleDocs(t *testing.T) []analysis.Document {
	t.Helper()
	docs := Docs()
	root := filepath.Join("..", "..", "..")
	heading := regexp.MustCompile(`(?m)^#{2,3} (.+)$`)
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(data), "\n---", 2)
		if len(parts) != 2 {
			return nil
		}
		rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
		doc := analysis.Document{URL: "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/", Kind: strings.TrimSuffix(strings.Split(filepath.ToSlash(rel), "/")[0], "s")}
		for _, l := range strings.Split(parts[0], "\n") {
			if v, ok := strings.CutPrefix(l, "title: "); ok {
				doc.Title = strings.Trim(v, `"`)
			}
		}
		body := parts[1]
		locs := heading.FindAllStringSubmatchIndex(body, -1)
		end := len(body)
		if len(locs) > 0 {
			end = locs[0][0]
		}
		doc.Body = body[:end]
		for i, l := range locs {
			next := len(body)
			if i+1 < len(locs) {
				next = locs[i+1][0]
			}
			h := body[l[2]:l[3]]
			doc.Sections = append(doc.Sections, analysis.Section{Anchor: strings.ToLower(strings.ReplaceAll(h, " ", "-")), Heading: h, Text: body[l[1]:next]})
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil || len(docs) == len(Docs()) {
		t.Fatalf("no page of the example site read: %v", err)
	}
	return docs
}

// TestJSSearchMatchesGo runs queries through search-core.js's Index over the
// files Files wrote and compares the ranked hits and facet counts with
// Search.
func TestJSSearchMatchesGo(t *testing.T) {
	browsertest.Node(t)
	files := Files(t, sampleDocs(t))
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	type query struct {
		Q      string
		Filter map[string][]string
		Top    int // as the header box asks: SearchTop's hits
	}
	queries := []query{
		{Q: "onboarding"}, {Q: "onboa"}, {Q: "résultats"}, {Q: "resultat"},
		{Q: "parcours client"}, {Q: "client"}, {Q: "cl"}, {Q: "c"}, {Q: "adoptio"},
		{Q: "Salesforce adoption"}, {Q: "le la les"}, {Q: ""}, {Q: "<img src=x onerror=alert(1)>"},
		{Q: `"churn" .* (a|b) [x] \d+ $^`}, {Q: strings.Repeat("onboarding rétention ", 100)},
		{Q: "onboarding", Filter: map[string][]string{"tools": {"Salesforce"}}},
		{Q: "client", Filter: map[string][]string{"kind": {"case"}, "sectors": {"Banque"}}},
		{Q: "renouvellement contrat "}, {Q: "zzzz"},
	}
	// The header box's searches: a common word ranks its list's head.
	for _, q := range []string{"onboarding", "client", "clients ", "parcours", "cl", "résiliatio", "parcours client", "zzzz", "le"} {
		queries = append(queries, query{Q: q, Top: indexfile.HeadPostings})
	}
	var got []*Result
	browsertest.RunNode(t, coreJS, `
const fs = require('fs'), path = require('path');
const dir = `+browsertest.JSString(dir+"/")+`;
(async () => {
  const out = [];
  for (const q of input) {
    const tails = [];
    const ix = new S.Index(dir, url => {
      const file = url.slice(dir.length).replace(/\?.*$/, '');
      if (file.startsWith('p/')) tails.push(+file.split(/[/.]/)[1]);
      new Function('parcoursSearch', fs.readFileSync(path.join(dir, file), 'utf8'))(ix.sink);
      return Promise.resolve();
    });
    const r = await ix.search(q.Q, q.Top);
    const facets = q.Top ? [] : await ix.facets();
    const f = S.refine(q.Top ? r.hits.slice(0, q.Top) : r.hits, facets, q.Filter || {});
    const hits = [];
    for (const h of f.hits) {
      const d = await ix.doc(h.doc, h.loc);
      hits.push({Doc: h.doc, URL: d.url, Anchor: d.anchor, Title: d.title, Heading: d.heading, Score: h.score});
    }
    const counts = {};
    for (const k in f.counts) counts[k] = f.counts[k].map(c => ({Value: c.value, Count: c.count}));
    out.push({Hits: hits, Total: r.total, Facets: counts, Terms: r.terms, Tails: tails});
  }
  process.stdout.write(JSON.stringify(out));
})();`, queries, &got)
	headOnly := 0
	for i, q := range queries {
		want, err := Search(files, q.Q, q.Filter)
		if q.Top > 0 {
			want, err = SearchTop(files, q.Q, q.Top)
			want.Hits, want.Facets = want.Hits[:min(q.Top, len(want.Hits))], map[string][]FacetCount{}
		}
		if err != nil {
			t.Fatal(err)
		}
		g := got[i]
		if slices.Sort(want.Tails); !slices.Equal(slices.Sorted(slices.Values(g.Tails)), slices.Compact(want.Tails)) || g.Total != want.Total {
			t.Errorf("%.40q: search-core.js loads tails %v and counts %d, Go %v and %d", q.Q, g.Tails, g.Total, want.Tails, want.Total)
		}
		if q.Top > 0 && len(want.Tails) == 0 && want.Total > len(want.Hits) {
			headOnly++
		}
		if len(g.Hits) != len(want.Hits) || len(g.Terms) != len(want.Terms) {
			t.Errorf("%.40q: search-core.js finds %d hits (terms %q), Go %d (terms %q)", q.Q, len(g.Hits), g.Terms, len(want.Hits), want.Terms)
			continue
		}
		for k := range want.Hits {
			if g.Hits[k] != want.Hits[k] {
				t.Errorf("%.40q hit %d: search-core.js %+v, Go %+v", q.Q, k, g.Hits[k], want.Hits[k])
			}
		}
		for k := range want.Terms {
			if g.Terms[k] != want.Terms[k] {
				t.Errorf("%.40q: search-core.js terms %q, Go %q", q.Q, g.Terms, want.Terms)
				break
			}
		}
		gf, _ := json.Marshal(g.Facets)
		wf, _ := json.Marshal(want.Facets)
		if string(gf) != string(wf) {
			t.Errorf("%.40q: search-core.js facets %s, Go %s", q.Q, gf, wf)
		}
	}
	if headOnly == 0 {
		t.Error("no header search ranked a head alone: the test checks nothing of split lists")
	}
}
