package search

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"tokenises on non-letters", "xx", "parcours-client/2024:NPS", []string{"parcours", "client", "2024", "nps"}},
		{"folds accents and case", "xx", "Rétention ÉQUIPE Noël", []string{"retention", "equipe", "noel"}},
		{"folds ligatures", "xx", "Œuvre cœur", []string{"oeuvre", "coeur"}},
		{"folds decomposed accents", "xx", "re\u0301sultat", []string{"resultat"}},
		{"drops elisions", "fr", "l’adoption d'un qu’il jusqu’à", []string{"adopt"}},
		{"keeps a lone letter that is no elision", "xx", "l adoption", []string{"l", "adoption"}},
		{"elision needs an apostrophe after it", "xx", "l’équipe l", []string{"equipe", "l"}},
		{"drops French stop words, folded", "fr", "le client et à même été", []string{"client"}},
		{"drops stop words Snowball's list lacks", "fr", "les clients", []string{"client"}},
		{"drops English stop words", "en", "the customer and their journey", []string{"custom", "journey"}},
		{"French plural finds singular", "fr", "clients client", []string{"client", "client"}},
		{"French stems", "fr", "irritants irritant résultats", []string{"irrit", "irrit", "resultat"}},
		{"English plural finds singular", "en", "journeys journey", []string{"journey", "journey"}},
		{"English stems", "en", "onboarding renewals", []string{"onboard", "renew"}},
		{"unknown language only folds", "de", "Kündigungen die", []string{"kundigungen", "die"}},
		{"empty", "fr", "", nil},
		{"only punctuation", "fr", " ,;:!? <>&\"' ", nil},
		{"drops very long tokens", "fr", strings.Repeat("a", 49) + " court", []string{"court"}},
		{"keeps 48-letter tokens", "xx", strings.Repeat("a", 48), []string{strings.Repeat("a", 48)}},
		{"HTML and regex metacharacters", "fr", `<img src=x onerror=alert(1)> .*[a-z]+\d$`, []string{"img", "src", "x", "onerror", "alert", "1", "z"}},
		{"quotes", "fr", `"churn" «rétention» ‘NPS’`, []string{"churn", "retent", "np"}},
		{"non-Latin scripts", "fr", "顧客 رحلة", []string{"顧客", "رحلة"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.lang, tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Normalize(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"L’adoption des clients", "the customers’ journeys", "\xff\xfe", "é\u0301œ", "qu’", strings.Repeat("é", 60)} {
		f.Add("fr", s)
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		for _, term := range Normalize(lang, text) {
			if term == "" {
				t.Fatalf("Normalize(%q, %q) returned an empty term", lang, text)
			}
		}
	})
}

func TestNumbers(t *testing.T) {
	nums := []int{0, 1, 31, 32, 33, 1023, 1024, 99999, 1 << 30}
	var enc []byte
	for _, n := range nums {
		enc = appendNum(enc, n)
	}
	got, ok := readNums(string(enc))
	if !ok || !slices.Equal(got, nums) {
		t.Errorf("readNums(%q) = %v, %v; want %v", enc, got, ok, nums)
	}
	if _, ok := readNums("g"); ok {
		t.Error("readNums accepted a number with no last digit")
	}
	if _, ok := readNums("A\""); ok {
		t.Error("readNums accepted a letter outside its alphabet")
	}
}

// badInputs are the queries every part of search must survive.
func badInputs() []string {
	return []string{
		"", "   ", "le la les", "the and of", strings.Repeat("onboarding ", 200)[:2000],
		strings.Repeat("x", 2000), `<img src=x onerror=alert(1)>`, `.*+?^${}()|[]\`, `"rétention" 'churn' « NPS »`,
		"\u2028\u2029\x00", "l’", "qu’", "ǅ ﬁ ẞ",
	}
}

// handDocs is a small knowledge base in French whose rankings tests know.
func handDocs() []Document {
	return []Document{
		{
			URL: "/cases/qonto/", Title: "Qonto améliore l’adoption du module Finance Management", Kind: "case",
			Client: "Qonto", Description: "Le leader européen de la gestion financière des PME.",
			Body:  "La mission a duré cinq semaines auprès des équipes KAM.",
			Tools: []string{"Salesforce", "Tableau"}, Quotes: []string{"Ocobo nous a permis de prendre de la hauteur."},
			Deliverables: []string{"Une cartographie du customer journey actuel."},
			Sections: []Section{
				{"la-mission", "La mission", "Accompagner Qonto dans une stratégie de Customer Success Management."},
				{"resultats-obtenus", "Résultats obtenus", "Le taux d’activation a progressé de 12 points."},
			},
			Facets: map[string][]string{"scopes": {"Expansion"}, "tools": {"Salesforce", "Tableau"}, "sectors": {"Banque"}},
		},
		{
			URL: "/guides/onboarding/", Title: "Réussir l’onboarding client", Kind: "guide",
			Description: "Les étapes d’un onboarding réussi.",
			Body:        "Un onboarding client se prépare dès la signature.",
			Tools:       []string{"Hubspot"},
			Sections: []Section{
				{"kick-off", "Le kick-off", "Réunir le sponsor et les utilisateurs clés."},
				{"formation", "Former les utilisateurs", "Des formations courtes, répétées, mesurées par le taux d’adoption."},
			},
			Facets: map[string][]string{"scopes": {"Onboarding"}, "tools": {"Hubspot"}},
		},
		{
			URL: "/journeys/mutuelle/", Title: "Parcours adhérent mutuelle", Kind: "journey",
			Body: "Le parcours d’un adhérent, du devis à la résiliation.",
			Sections: []Section{
				{"parcours-adherent", "Parcours adhérent › Avant achat › Je demande un devis", "Je compare les offres en ligne. Site web, conseiller. Un devis immédiat et lisible."},
				{"parcours-adherent", "Parcours adhérent › Après achat › Je résilie", "Résiliation compliquée par courrier recommandé."},
			},
			Facets: map[string][]string{"scopes": {"Achat", "Rétention"}, "sectors": {"Assurance"}},
		},
		{
			URL: "/irritants/resiliation-compliquee/", Title: "Résiliation compliquée", Kind: "irritant",
			Description: "Le client doit envoyer un courrier pour résilier.",
			Remedies:    []string{"Proposer la résiliation en ligne en trois clics."},
			Verbatims:   []string{"J’ai dû appeler quatre fois pour résilier mon contrat."},
			Facets:      map[string][]string{"scopes": {"Rétention"}, "sectors": {"Assurance", "Banque"}},
		},
		{URL: "/empty/", Title: "", Kind: "page"},
		{
			URL: "/guides/salesforce-en-detail/", Title: "Salesforce pour le Customer Success", Kind: "guide",
			Body:   "Configurer Salesforce pour suivre la santé des comptes clients, le renouvellement des contrats.",
			Tools:  []string{"Salesforce"},
			Facets: map[string][]string{"tools": {"Salesforce"}, "sectors": {"Logiciel"}},
		},
	}
}

// sampleDocs adds to handDocs every page of the example site, when present.
func sampleDocs(t *testing.T) []Document {
	docs := handDocs()
	root := repoRoot(t)
	heading := regexp.MustCompile(`(?m)^#{2,3} (.+)$`)
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(data), "\n---", 2)
		if len(parts) != 2 {
			return nil
		}
		rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
		doc := Document{URL: "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/", Kind: strings.TrimSuffix(strings.Split(filepath.ToSlash(rel), "/")[0], "s")}
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
			doc.Sections = append(doc.Sections, Section{Anchor: strings.ToLower(strings.ReplaceAll(h, " ", "-")), Heading: h, Text: body[l[1]:next]})
		}
		docs = append(docs, doc)
		return nil
	})
	return docs
}

// sampleFiles indexes docs with small shards, so that queries cross shard
// boundaries and prefixes span several shards.
func sampleFiles(t *testing.T, docs []Document) []File {
	b := NewBuilder("fr")
	b.shardBytes = 400
	b.SetFacetOrder("scopes", []string{"Achat", "Onboarding", "Adoption", "Rétention", "Expansion"})
	for _, d := range docs {
		b.Add(d)
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func search(t *testing.T, files []File, q string, filter map[string][]string) *Result {
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
	files := sampleFiles(t, handDocs())
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
			r := search(t, files, tt.q, tt.filter)
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
	files := sampleFiles(t, handDocs())
	for _, pair := range [][2]string{{"résiliation", "resiliation"}, {"équipes", "EQUIPES"}, {"Adhérent", "adherent"}} {
		a, b := search(t, files, pair[0], nil), search(t, files, pair[1], nil)
		if !slices.Equal(urls(a), urls(b)) || len(a.Hits) == 0 {
			t.Errorf("%q finds %q, %q finds %q", pair[0], urls(a), pair[1], urls(b))
		}
	}
}

func TestSearchTermInEveryPage(t *testing.T) {
	b := NewBuilder("fr")
	for i, body := range []string{"playbook court", "playbook playbook playbook long long long long", "playbook"} {
		b.Add(Document{URL: "/p" + string(rune('a'+i)) + "/", Title: "Page", Body: body})
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	r := search(t, files, "playbook", nil)
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
	b := NewBuilder("de")
	b.Add(Document{URL: "/a/", Title: "Kündigungen", Body: "die Kundenreise"})
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := search(t, files, "kundigungen", nil); len(r.Hits) != 1 {
		t.Errorf("folded query found %d pages, want 1", len(r.Hits))
	}
	if r := search(t, files, "die", nil); len(r.Hits) != 1 {
		t.Errorf("without a stop word list, %q must be found", "die")
	}
	if r := search(t, files, "Kündigung ", nil); len(r.Hits) != 0 {
		t.Errorf("without a stemmer, a singular does not find a plural")
	}
}

func TestSearchPageWithNoText(t *testing.T) {
	b := NewBuilder("fr")
	b.Add(Document{URL: "/empty/"})
	b.Add(Document{URL: "/a/", Title: "Adoption"})
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := search(t, files, "adoption", nil); !slices.Equal(urls(r), []string{"/a/"}) {
		t.Errorf("Search = %q", urls(r))
	}
}

func TestFacets(t *testing.T) {
	files := sampleFiles(t, handDocs())
	all := search(t, files, "résiliation", nil)
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
	narrowed := search(t, files, "résiliation", map[string][]string{"sectors": {"Banque"}})
	if len(narrowed.Hits) != 1 || narrowed.Facets["sectors"][0] != (FacetCount{"Assurance", 1}) {
		t.Errorf("filter by sector: %q, %v", urls(narrowed), narrowed.Facets)
	}
	if r := search(t, files, "résiliation", map[string][]string{"tools": {"Nope"}}); len(r.Hits) != 0 {
		t.Errorf("an unknown facet value must filter everything out, got %q", urls(r))
	}
}

func TestFilesDeterministic(t *testing.T) {
	a, b := sampleFiles(t, handDocs()), sampleFiles(t, handDocs())
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("file %d differs: %s, %s", i, a[i].Path, b[i].Path)
		}
	}
	paths := map[string]bool{}
	for _, f := range a {
		if paths[f.Path] {
			t.Errorf("%s written twice", f.Path)
		}
		paths[f.Path] = true
		if !bytes.HasPrefix(f.Data, []byte("parcoursSearch.")) {
			t.Errorf("%s does not call parcoursSearch", f.Path)
		}
	}
	if !paths["entry.js"] || !paths["t/1.js"] || !paths["d/0.js"] || !paths["f/0.js"] {
		t.Errorf("missing files in %v", paths)
	}
}

func TestFilesRejectsDocumentWithoutURL(t *testing.T) {
	b := NewBuilder("fr")
	b.Add(Document{Title: "Orphan"})
	if _, err := b.Files(); err == nil || !strings.Contains(err.Error(), "Orphan") {
		t.Errorf("Files() error = %v, want one naming the document", err)
	}
}

func TestEmptyIndex(t *testing.T) {
	files, err := NewBuilder("fr").Files()
	if err != nil {
		t.Fatal(err)
	}
	if r := search(t, files, "rien", nil); len(r.Hits) != 0 {
		t.Errorf("empty index found %q", urls(r))
	}
}

func TestSeparator(t *testing.T) {
	for _, tt := range [][3]string{{"abc", "abd", "abd"}, {"abc", "b", "b"}, {"a", "abc", "ab"}, {"client", "clients", "clients"}, {"é", "ü", "ü"}} {
		if got := separator(tt[0], tt[1]); got != tt[2] {
			t.Errorf("separator(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}

// BenchmarkAnalyze times the analysis of the example site's Markdown, the
// per-word cost that dominates indexing a large site; the Analyzer is warm,
// as it is after the first pages of a build.
func BenchmarkAnalyze(b *testing.B) {
	var docs []Document
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		docs = append(docs, Document{URL: "/" + p, Title: filepath.Base(p), Body: string(src)})
		return err
	})
	if err != nil || len(docs) == 0 {
		b.Fatal("no content to analyse", err)
	}
	words := 0
	for _, d := range docs {
		words += len(strings.Fields(d.Body))
	}
	an := NewAnalyzer("fr")
	for _, d := range docs {
		an.Analyze(d)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			an.Analyze(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
}
