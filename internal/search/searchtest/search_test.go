package searchtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

func find(t *testing.T, files []indexfile.File, q string, filter map[string][]string) *Result {
	t.Helper()
	r, err := Search(files, q, filter)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func urls(r *Result) []string {
	var u []string
	for _, h := range r.Hits {
		u = append(u, h.URL)
	}
	return u
}

func TestSearch(t *testing.T) {
	files := Files(t, Docs())
	tests := []struct {
		name, q string
		filter  map[string][]string
		first   string // the best hit, "" for none
		anchor  string // the best hit's anchor
		all     []string
	}{
		{name: "title outranks body", q: "onboarding", first: "/guides/onboarding/"},
		{name: "prefix of the last word", q: "onboa", first: "/guides/onboarding/"},
		{name: "prefix only on the last word", q: "onboa client", first: ""},
		{name: "finished word is not a prefix", q: "onboa ", first: ""},
		{name: "half-typed word falls back to its stem", q: "résiliatio", first: "/irritants/resiliation-compliquee/"},
		{name: "plural finds singular", q: "adhérents ", first: "/journeys/mutuelle/"},
		{name: "accents do not matter", q: "resiliation", first: "/irritants/resiliation-compliquee/"},
		{name: "client field outranks body", q: "qonto", first: "/cases/qonto/"},
		{name: "heading hit links to the heading", q: "résultats obtenus", first: "/cases/qonto/", anchor: "resultats-obtenus"},
		{name: "journey stage links to the journey", q: "devis immédiat", first: "/journeys/mutuelle/", anchor: "parcours-adherent"},
		{name: "remedies and verbatims are indexed", q: "appeler", first: "/irritants/resiliation-compliquee/"},
		{name: "all words must match", q: "salesforce renouvellement", all: []string{"/guides/salesforce-en-detail/"}},
		{name: "filter by tool", q: "salesforce", filter: map[string][]string{"tools": {"Salesforce"}, "kind": {"case"}}, all: []string{"/cases/qonto/"}},
		{name: "empty query", q: ""},
		{name: "only stop words", q: "le la les et à"},
		{name: "2,000 characters", q: strings.Repeat("x", 2000)},
		{name: "HTML metacharacters", q: `<img src=x onerror=alert(1)>`},
		{name: "regex metacharacters", q: `.*+?^${}()|[]\`},
		{name: "quotes", q: `"qonto"`, first: "/cases/qonto/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := find(t, files, tt.q, tt.filter)
			if tt.all != nil {
				if got := urls(r); !slices.Equal(got, tt.all) {
					t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.all)
				}
				return
			}
			if tt.first == "" {
				if strings.HasPrefix(tt.name, "prefix only") || strings.HasPrefix(tt.name, "finished") {
					if slices.Contains(urls(r), "/guides/onboarding/") {
						t.Errorf("Search(%q) = %q: a word that is not last matched as a prefix", tt.q, urls(r))
					}
					return
				}
				if len(r.Hits) != 0 {
					t.Errorf("Search(%.40q) = %q, want nothing", tt.q, urls(r))
				}
				return
			}
			if len(r.Hits) == 0 || r.Hits[0].URL != tt.first {
				t.Fatalf("Search(%q) = %q, want %s first", tt.q, urls(r), tt.first)
			}
			if r.Hits[0].Anchor != tt.anchor {
				t.Errorf("Search(%q) links to #%s, want #%s", tt.q, r.Hits[0].Anchor, tt.anchor)
			}
		})
	}
}

func TestSearchAccentInsensitive(t *testing.T) {
	files := Files(t, Docs())
	for _, pair := range [][2]string{{"résiliation", "resiliation"}, {"équipes", "EQUIPES"}, {"Adhérent", "adherent"}} {
		a, b := find(t, files, pair[0], nil), find(t, files, pair[1], nil)
		if !slices.Equal(urls(a), urls(b)) || len(a.Hits) == 0 {
			t.Errorf("%q finds %q, %q finds %q", pair[0], urls(a), pair[1], urls(b))
		}
	}
}

func TestSearchTermInEveryPage(t *testing.T) {
	b := search.NewBuilder("fr")
	for i, body := range []string{"playbook court", "playbook playbook playbook long long long long", "playbook"} {
		b.Add(analysis.Document{URL: "/p" + string(rune('a'+i)) + "/", Title: "Page", Body: body})
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	r := find(t, files, "playbook", nil)
	if len(r.Hits) != 3 {
		t.Fatalf("found %d pages, want 3", len(r.Hits))
	}
	if r.Hits[0].Score <= 0 {
		t.Errorf("a term in every page scores %d; it must still rank", r.Hits[0].Score)
	}
	if r.Hits[0].URL != "/pc/" {
		t.Errorf("best hit %s, want /pc/ (the page that is only that word)", r.Hits[0].URL)
	}
}

func TestSearchUnknownLanguage(t *testing.T) {
	b := search.NewBuilder("de")
	b.Add(analysis.Document{URL: "/a/", Title: "Kündigungen", Body: "die Kundenreise"})
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := find(t, files, "kundigungen", nil); len(r.Hits) != 1 {
		t.Errorf("folded query found %d pages, want 1", len(r.Hits))
	}
	if r := find(t, files, "die", nil); len(r.Hits) != 1 {
		t.Errorf("without a stop word list, %q must be found", "die")
	}
	if r := find(t, files, "Kündigung ", nil); len(r.Hits) != 0 {
		t.Errorf("without a stemmer, a singular does not find a plural")
	}
}

func TestSearchPageWithNoText(t *testing.T) {
	b := search.NewBuilder("fr")
	b.Add(analysis.Document{URL: "/empty/"})
	b.Add(analysis.Document{URL: "/a/", Title: "Adoption"})
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := find(t, files, "adoption", nil); !slices.Equal(urls(r), []string{"/a/"}) {
		t.Errorf("Search = %q", urls(r))
	}
}

func TestFacets(t *testing.T) {
	files := Files(t, Docs())
	all := find(t, files, "résiliation", nil)
	want := map[string][]FacetCount{
		"kind":    {{"irritant", 1}, {"journey", 1}},
		"scopes":  {{"Achat", 1}, {"Rétention", 2}},
		"sectors": {{"Assurance", 2}, {"Banque", 1}},
	}
	for name, w := range want {
		if got := all.Facets[name]; !slices.Equal(got, w) {
			t.Errorf("facet %s = %v, want %v", name, got, w)
		}
	}
	narrowed := find(t, files, "résiliation", map[string][]string{"sectors": {"Banque"}})
	if len(narrowed.Hits) != 1 || narrowed.Facets["sectors"][0] != (FacetCount{"Assurance", 1}) {
		t.Errorf("filter by sector: %q, %v", urls(narrowed), narrowed.Facets)
	}
	if r := find(t, files, "résiliation", map[string][]string{"tools": {"Nope"}}); len(r.Hits) != 0 {
		t.Errorf("an unknown facet value must filter everything out, got %q", urls(r))
	}
}

func TestEmptyIndex(t *testing.T) {
	files, err := search.NewBuilder("fr").Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := find(t, files, "rien", nil); len(r.Hits) != 0 {
		t.Errorf("empty index found %q", urls(r))
	}
}

// TestSearchTopIsSearch checks that the header box's search, which ranks
// a common word's head without its tail, shows Search's first hits and
// counts all of them, on the example site with short lists split.
func TestSearchTopIsSearch(t *testing.T) {
	files := Files(t, sampleDocs(t))
	const top = indexfile.HeadPostings
	headOnly := 0
	for _, q := range []string{"onboarding", "onboa", "client", "clients ", "parcours", "par", "cl", "c", "résiliatio", "adoption", "salesforce",
		"parcours client", "le", "", "zzzz", "qonto", "cartographie", "irritant", "équipe", "contrat"} {
		want := find(t, files, q, nil)
		got, err := SearchTop(files, q, top)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || got.Total != len(want.Hits) {
			t.Errorf("%q: SearchTop counts %d, Search %d (%d hits)", q, got.Total, want.Total, len(want.Hits))
		}
		n := min(top, len(want.Hits))
		if len(got.Hits) < n || !slices.Equal(got.Hits[:n], want.Hits[:n]) {
			t.Errorf("%q: SearchTop's first hits %+v, Search's %+v", q, got.Hits[:min(n, len(got.Hits))], want.Hits[:n])
		}
		if len(got.Tails) == 0 && len(got.Hits) < len(want.Hits) {
			headOnly++
		}
	}
	if headOnly == 0 {
		t.Error("no query ranked a head alone: the test checks nothing of split lists")
	}
}

// TestPrefixTails checks that a half-typed word whose other terms' split
// lists lie in more than maxPrefixTails tail files matches its own term
// alone, and all of them when they lie in fewer.
func TestPrefixTails(t *testing.T) {
	words := "contrat contrata contratb contratc contratd contrate contratf"
	for _, tt := range []struct {
		shardBytes int
		want       []string
	}{
		{shardBytes: 100, want: []string{"contrat"}},
		{shardBytes: 4000, want: strings.Fields(words)},
	} {
		b := search.NewBuilder("und") // neither stemmed nor stop words
		b.SetShardBytes(tt.shardBytes)
		b.SetSplitPostings(indexfile.HeadPostings)
		for i := range 60 {
			b.Add(analysis.Document{URL: fmt.Sprintf("/p%d/", i), Title: "Page", Body: words})
		}
		files, err := b.Files()
		if err != nil {
			t.Fatal(err)
		}
		shards, tails := 0, 0
		for _, f := range files {
			shards += strings.Count(f.Path, "t/")
			tails += strings.Count(f.Path, "p/")
		}
		if shards > maxPrefixShards || tails > maxPrefixTails == (len(tt.want) > 1) {
			t.Fatalf("shards of %d bytes: %d shards and %d tail files, which do not test the tail files alone", tt.shardBytes, shards, tails)
		}
		if r := find(t, files, "contrat", nil); !slices.Equal(r.Terms, tt.want) {
			t.Errorf("shards of %d bytes: contrat matches %q, want %q", tt.shardBytes, r.Terms, tt.want)
		}
	}
}
