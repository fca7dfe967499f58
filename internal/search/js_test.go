package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// node returns the node binary, skipping the test when there is none unless
// PARCOURS_BROWSER=1 says the client must be tested.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("PARCOURS_BROWSER") == "1" {
			t.Fatalf("node not found and PARCOURS_BROWSER=1: %v", err)
		}
		t.Skip("node not found")
	}
	return p
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func searchJS(t *testing.T) string {
	return filepath.Join(repoRoot(t), "themes", "default", "static", "js", "search-core.js")
}

// runNode runs script with search.js loaded as S, feeding it input as JSON
// on stdin and decoding its JSON stdout into out.
func runNode(t *testing.T, script string, input, out any) {
	t.Helper()
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	// Reading the script here makes go test's cache notice when it changes.
	if _, err := os.ReadFile(searchJS(t)); err != nil {
		t.Fatal(err)
	}
	prog := "const S = require(" + jsonString(searchJS(t)) + ");\n" +
		"const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" + script
	cmd := exec.Command(node(t), "-e", prog)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node output: %v", err)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var wordRE = regexp.MustCompile(`[\p{L}\p{M}\p{Nd}’']+`)

// corpusText returns the seeds and the example site's Markdown, and the
// vocabularies Snowball is tested on, when they are present.
func corpusText(t *testing.T) (lines []string, vocab map[string][]string) {
	t.Helper()
	root := repoRoot(t)
	var files []string
	seeds, _ := filepath.Glob(filepath.Join(root, "..", "shared", "seeds", "*.txt"))
	files = append(files, seeds...)
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	vocab = map[string][]string{}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output(); err == nil {
		dir := strings.TrimSpace(string(out))
		in := regexp.MustCompile(`\{"([^"]+)", "`)
		for lang, path := range map[string]string{"fr": "french_vocab/vocab_test.go", "en": "english_vocab/vocab_test.go"} {
			data, err := os.ReadFile(filepath.Join(dir, path))
			if err != nil {
				continue
			}
			for _, m := range in.FindAllStringSubmatch(string(data), -1) {
				vocab[lang] = append(vocab[lang], m[1])
			}
		}
	}
	return lines, vocab
}

// TestJSNormalizeMatchesGo checks that search.js normalises every word and
// every line of the seeds and example site, and Snowball's test
// vocabularies, exactly as Normalize does.
func TestJSNormalizeMatchesGo(t *testing.T) {
	node(t)
	lines, vocab := corpusText(t)
	wordSet := map[string]bool{}
	for _, l := range lines {
		for _, w := range wordRE.FindAllString(l, -1) {
			wordSet[w] = true
		}
	}
	for _, ws := range vocab {
		for _, w := range ws {
			wordSet[w] = true
		}
	}
	for _, m := range stopWords {
		for w := range m {
			wordSet[w] = true
		}
	}
	for w := range elisions {
		wordSet[w+"’avis"] = true
	}
	words := make([]string, 0, len(wordSet))
	for w := range wordSet {
		words = append(words, w)
	}
	slices.Sort(words)
	texts := append(slices.Clone(words), lines...)
	texts = append(texts, badInputs()...)
	if len(words) < 1000 {
		t.Logf("only %d distinct words", len(words))
	}

	type job struct {
		Lang  string
		Texts []string
	}
	var jobs []job
	for _, lang := range []string{"fr", "en", "de"} {
		jobs = append(jobs, job{lang, texts})
	}
	var got [][][]string
	runNode(t, `process.stdout.write(JSON.stringify(input.map(j => j.Texts.map(x => S.normalize(j.Lang, x)))));`, jobs, &got)
	checked := 0
	for i, j := range jobs {
		for k, text := range j.Texts {
			want := Normalize(j.Lang, text)
			if !slices.Equal(got[i][k], want) && !(len(want) == 0 && len(got[i][k]) == 0) {
				t.Errorf("%s %q: search.js gives %q, Go gives %q", j.Lang, text, got[i][k], want)
			}
			checked++
		}
	}
	t.Logf("checked %d texts (%d distinct words) in 3 languages", checked, len(words))
}

// TestJSStemmersMatchSnowball checks the stemmer ports on unfolded words too,
// which exercises the accented branches of the French algorithm.
func TestJSStemmersMatchSnowball(t *testing.T) {
	node(t)
	_, vocab := corpusText(t)
	if len(vocab) == 0 {
		t.Skip("Snowball vocabularies not found")
	}
	var got map[string][]string
	runNode(t, `const out = {}; for (const l in input) out[l] = input[l].map(w => S.stem(l, w)); process.stdout.write(JSON.stringify(out));`, vocab, &got)
	for lang, words := range vocab {
		for i, w := range words {
			if strings.ContainsAny(w, "'’") {
				continue // tokens never hold apostrophes; search.js does not port their handling
			}
			var want string
			switch {
			case len(w) <= 2:
				want = w
			case lang == "fr":
				want = french.Stem(w, true)
			default:
				want = english.Stem(w, true)
			}
			if got[lang][i] != want {
				t.Errorf("%s %q: search.js stems to %q, Snowball to %q", lang, w, got[lang][i], want)
			}
		}
	}
}

// TestJSSearchMatchesGo runs queries through search.js's Index over the
// files Files wrote and compares the ranked hits and facet counts with
// Search.
func TestJSSearchMatchesGo(t *testing.T) {
	node(t)
	files := sampleFiles(t, sampleDocs(t))
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
	var got []*Result
	runNode(t, `
const fs = require('fs'), path = require('path');
const dir = `+jsonString(dir+"/")+`;
(async () => {
  const out = [];
  for (const q of input) {
    const ix = new S.Index(dir, url => {
      const file = url.slice(dir.length).replace(/\?.*$/, '');
      new Function('parcoursSearch', fs.readFileSync(path.join(dir, file), 'utf8'))(ix.sink);
      return Promise.resolve();
    });
    const r = await ix.search(q.Q);
    const facets = await ix.facets();
    const f = S.refine(r.hits, facets, q.Filter || {});
    const hits = [];
    for (const h of f.hits) {
      const d = await ix.doc(h.doc, h.loc);
      hits.push({Doc: h.doc, URL: d.url, Anchor: d.anchor, Title: d.title, Heading: d.heading, Score: h.score});
    }
    const counts = {};
    for (const k in f.counts) counts[k] = f.counts[k].map(c => ({Value: c.value, Count: c.count}));
    out.push({Hits: hits, Facets: counts, Terms: r.terms});
  }
  process.stdout.write(JSON.stringify(out));
})();`, queries, &got)
	for i, q := range queries {
		want, err := Search(files, q.Q, q.Filter)
		if err != nil {
			t.Fatal(err)
		}
		g := got[i]
		if len(g.Hits) != len(want.Hits) || len(g.Terms) != len(want.Terms) {
			t.Errorf("%.40q: search.js finds %d hits (terms %q), Go %d (terms %q)", q.Q, len(g.Hits), g.Terms, len(want.Hits), want.Terms)
			continue
		}
		for k := range want.Hits {
			if g.Hits[k] != want.Hits[k] {
				t.Errorf("%.40q hit %d: search.js %+v, Go %+v", q.Q, k, g.Hits[k], want.Hits[k])
			}
		}
		for k := range want.Terms {
			if g.Terms[k] != want.Terms[k] {
				t.Errorf("%.40q: search.js terms %q, Go %q", q.Q, g.Terms, want.Terms)
				break
			}
		}
		gf, _ := json.Marshal(g.Facets)
		wf, _ := json.Marshal(want.Facets)
		if string(gf) != string(wf) {
			t.Errorf("%.40q: search.js facets %s, Go %s", q.Q, gf, wf)
		}
	}
}
