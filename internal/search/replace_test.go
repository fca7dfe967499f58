package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

// TestReplaceEqualsRebuild checks that replacing documents in a Builder
// writes the same files as adding the new documents to a fresh one.
func TestReplaceEqualsRebuild(t *testing.T) {
	docs := []analysis.Document{
		{URL: "/a/", Title: "Onboarding client", Kind: "guide", Body: "la résiliation des contrats", Facets: map[string][]string{"tools": {"Salesforce"}}},
		{URL: "/b/", Title: "Qonto", Kind: "case", Body: "adoption du module", Sections: []analysis.Section{{Anchor: "x", Heading: "Phase 1", Text: "diagnostic"}}, Facets: map[string][]string{"tools": {"Gsheet", "Salesforce"}}},
		{URL: "/c/", Title: "Attente", Kind: "irritant", Body: "délais de réponse"},
	}
	changed := analysis.Document{URL: "/b/", Title: "Qonto et Finance Management", Kind: "case", Body: "activation des nouveaux clients", Facets: map[string][]string{"tools": {"Tableau"}}}
	an := analysis.NewAnalyzer("fr")
	var analysed []*analysis.Analyzed
	b := NewBuilder("fr")
	for _, d := range docs {
		x := an.Analyze(d)
		analysed = append(analysed, x)
		b.AddAnalyzed(x)
	}
	if _, err := b.Files(); err != nil { // fills the caches Replace must clear
		t.Fatal(err)
	}
	b.Replace(1, analysed[1], an.Analyze(changed))
	got, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	fresh := NewBuilder("fr")
	for _, d := range []analysis.Document{docs[0], changed, docs[2]} {
		fresh.Add(d)
	}
	want, _ := fresh.Files()
	if len(got) != len(want) {
		t.Fatalf("got %d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs after Replace:\n%s\nwant\n%s", want[i].Path, got[i].Data, want[i].Data)
		}
	}
}

// TestReplaceBlocksEqualRebuild edits documents of a builder whose lists
// are cached in blocks, many times over, and compares its files with a
// fresh builder's after each edit: words come and go in lists, pages grow
// and shrink (which moves the average length), blocks empty and fill,
// facet values come and go. Every third edit goes to a builder restored
// from the last one's state, as a warm build's.
func TestReplaceBlocksEqualRebuild(t *testing.T) {
	words := strings.Fields("client parcours contrat onboarding délai réponse support équipe module activation")
	doc := func(n, seed int) analysis.Document {
		var body []string
		for k := 0; k < 3+seed%7; k++ {
			body = append(body, words[(seed*7+k*k+n)%len(words)])
		}
		if seed%3 == 0 {
			body = append(body, strings.Repeat("module ", seed%5))
		}
		return analysis.Document{URL: fmt.Sprintf("/p%d/", n), Title: words[n%len(words)], Kind: "guide", Body: strings.Join(body, " "),
			Facets: map[string][]string{"tools": {words[seed%4]}}}
	}
	const n = 40
	docs := make([]analysis.Document, n)
	for i := range docs {
		docs[i] = doc(i, i)
	}
	an := analysis.NewAnalyzer("fr")
	b := NewBuilder("fr")
	b.blockMin, b.blockDocs, b.partDocs = 3, 4, 7
	b.SetSplitPostings(5)
	analysed := make([]*analysis.Analyzed, n)
	for i, d := range docs {
		analysed[i] = an.Analyze(d)
		b.AddAnalyzed(analysed[i])
	}
	if _, err := b.Files(); err != nil {
		t.Fatal(err)
	}
	blocked, restored, undecoded := 0, 0, 0
	for edit := 1; edit <= 60; edit++ {
		if edit%3 == 0 {
			var e cache.Encoder
			var parts [][]byte
			if !b.AppendState(&e, func(p []byte, _ uint64) { parts = append(parts, slices.Clone(p)) }) {
				t.Fatal("the builder kept no state")
			}
			if len(parts) < 3 {
				t.Fatalf("the state came in %d parts: the test checks nothing of reading them in turn", len(parts))
			}
			var err error
			if b, err = Restore(cache.NewDecoder(e.B), partsOf(parts)); err != nil {
				t.Fatal(err)
			}
			restored++
		}
		i := (edit * 13) % n
		docs[i] = doc(i, edit*5+i)
		got := replaceDoc(t, b, an, analysed, i, docs[i])
		for _, l := range b.lists {
			if l.raw != nil {
				undecoded++
			}
		}
		sameAsFresh(t, fmt.Sprintf("edit %d", edit), got, docs, func(b *Builder) { b.SetSplitPostings(5) })
	}
	split := 0
	for _, l := range b.lists {
		if l.blocked {
			blocked++
		}
		if l.head != nil {
			split++
		}
	}
	if split == 0 {
		t.Fatal("no list was split: the test checks nothing of heads")
	}
	if blocked == 0 {
		t.Fatal("no list was cached in blocks: the test checks nothing")
	}
	if restored == 0 || undecoded == 0 {
		t.Fatal("no restored list stayed undecoded: the test checks nothing of Restore")
	}
}

// TestReplaceReusesFiles edits a builder with small shards and many
// split lists, whose words are common or rare, many times over, and
// compares its files with a fresh builder's after each edit: terms
// vanish from the middle of a shard and come back, tail files fill and
// empty, so that the split lists after them move to another, while most
// files stay as they were and are reused.
func TestReplaceReusesFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	common := strings.Fields("client parcours contrat onboarding délai réponse support équipe module activation tableau relance facture agence")
	word := func() string {
		w := make([]byte, 9)
		for k := range w {
			w[k] = byte('a' + rng.IntN(26))
		}
		return string(w)
	}
	var rare []string
	for range 60 {
		rare = append(rare, word())
	}
	body := func() string {
		var words []string
		for range 5 + rng.IntN(30) {
			// Squaring leans toward the first words: lists of every length.
			words = append(words, common[rng.IntN(len(common))*rng.IntN(len(common))/len(common)])
		}
		// Rare words, spread over the terms: their lists empty and fill,
		// and one word met once.
		for range rng.IntN(4) {
			words = append(words, rare[rng.IntN(len(rare))])
		}
		if rng.IntN(2) == 0 {
			words = append(words, word())
		}
		return strings.Join(words, " ")
	}
	// Facets come, go and change value, each alone on a page at times.
	facets := func() map[string][]string {
		f := map[string][]string{}
		for _, name := range []string{"tools", "sectors"} {
			if rng.IntN(3) > 0 {
				f[name] = []string{common[rng.IntN(4)]}
			}
		}
		return f
	}
	setup := func(b *Builder) {
		b.SetShardBytes(120)
		b.SetSplitPostings(6)
	}
	const n = 50
	docs := make([]analysis.Document, n)
	an := analysis.NewAnalyzer("fr")
	analysed := make([]*analysis.Analyzed, n)
	b := NewBuilder("fr")
	setup(b)
	for i := range docs {
		docs[i] = analysis.Document{URL: fmt.Sprintf("/p%d/", i), Title: fmt.Sprintf("Page %d", i), Body: body(), Facets: facets()}
		analysed[i] = an.Analyze(docs[i])
		b.AddAnalyzed(analysed[i])
	}
	if _, err := b.Files(); err != nil {
		t.Fatal(err)
	}
	reused, made := 0, 0
	for edit := n; edit < n+240; edit++ {
		i := rng.IntN(n)
		words := strings.Fields(docs[i].Body)
		switch {
		case edit < n+80:
			docs[i].Body, docs[i].Facets = body(), facets()
		case edit >= n+160:
			// A page repeats one of its words: the same terms, of other
			// frequencies.
			w := words[rng.IntN(len(words))]
			docs[i].Body += strings.Repeat(" "+w, 1+rng.IntN(6))
		case len(words) > 1:
			// A word the page holds twice takes the place of another it
			// holds: the same terms, of other frequencies, which keeps
			// every list's length.
			for j, w := range words {
				if strings.Count(" "+docs[i].Body+" ", " "+w+" ") > 1 {
					words[j] = words[(j+1)%len(words)]
					break
				}
			}
			docs[i].Body = strings.Join(words, " ")
		}
		last := slices.Concat(b.shardFiles, b.tailFiles)
		got := replaceDoc(t, b, an, analysed, i, docs[i])
		for _, f := range slices.Concat(b.shardFiles, b.tailFiles) {
			if slices.ContainsFunc(last, func(o listFile) bool { return &o.data[0] == &f.data[0] }) {
				reused++
			} else {
				made++
			}
		}
		sameAsFresh(t, fmt.Sprintf("edit %d", edit), got, docs, setup)
	}
	if reused == 0 || made == 0 {
		t.Fatalf("%d shard and tail files reused, %d made again: the test checks nothing", reused, made)
	}
	t.Logf("%d shard and tail files reused, %d made again", reused, made)
}

// TestCutsFollowLengths adds words of the site to pages, which makes some
// lists' entries grow or only their weights change, and takes a page's
// own word away, which empties its list, under many shard sizes: wherever
// that moves a cut, the files reused must still be those a fresh builder
// writes.
func TestCutsFollowLengths(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	words := strings.Fields("client parcours contrat onboarding délai réponse support équipe module activation")
	for size := 40; size <= 240; size += 5 {
		docs := make([]analysis.Document, 30)
		for i := range docs {
			var body []string
			for range 4 + rng.IntN(12) {
				body = append(body, words[rng.IntN(len(words))])
			}
			// And a word of its own, which an edit may take away.
			own := make([]byte, 8)
			for k := range own {
				own[k] = byte('a' + rng.IntN(26))
			}
			body = append(body, string(own))
			docs[i] = analysis.Document{URL: fmt.Sprintf("/p%d/", i), Title: "Page", Body: strings.Join(body, " ")}
		}
		an := analysis.NewAnalyzer("fr")
		b := NewBuilder("fr")
		b.SetShardBytes(size)
		analysed := make([]*analysis.Analyzed, len(docs))
		for i, d := range docs {
			analysed[i] = an.Analyze(d)
			b.AddAnalyzed(analysed[i])
		}
		if _, err := b.Files(); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			i := rng.IntN(len(docs))
			w := strings.Fields(docs[i].Body)
			if own := w[len(w)-1]; rng.IntN(3) == 0 && !slices.Contains(words, own) {
				// The page's own word goes: its list empties, and the
				// lists after it move.
				docs[i].Body = strings.Join(w[:len(w)-1], " ")
			} else {
				// Words of the site, the page's or not: a list may gain
				// a posting, and its entry grow.
				docs[i].Body += strings.Repeat(" "+words[rng.IntN(len(words))], 1+rng.IntN(3))
			}
			got := replaceDoc(t, b, an, analysed, i, docs[i])
			sameAsFresh(t, fmt.Sprintf("shards of %d bytes", size), got, docs, func(b *Builder) { b.SetShardBytes(size) })
		}
	}
}

// replaceDoc gives b document i's new version d in place of analysed[i],
// which it updates, and returns the files b then writes.
func replaceDoc(t *testing.T, b *Builder, an *analysis.Analyzer, analysed []*analysis.Analyzed, i int, d analysis.Document) []indexfile.File {
	t.Helper()
	x := an.Analyze(d)
	b.Replace(i, analysed[i], x)
	analysed[i] = x
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameAsFresh fails the test unless got, the files of a builder that was
// edited, are those a fresh builder, set up by setup, writes for docs.
func sameAsFresh(t *testing.T, what string, got []indexfile.File, docs []analysis.Document, setup func(*Builder)) {
	t.Helper()
	fresh := NewBuilder("fr")
	setup(fresh)
	for _, d := range docs {
		fresh.Add(d)
	}
	want, err := fresh.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: got %d files, want %d", what, len(got), len(want))
	}
	for k := range want {
		if got[k].Path != want[k].Path || !bytes.Equal(got[k].Data, want[k].Data) {
			t.Fatalf("%s: %s differs:\n%s\nwant\n%s", what, want[k].Path, got[k].Data, want[k].Data)
		}
	}
}

// partsOf hands parts to Restore.
func partsOf(parts [][]byte) func(int) ([]byte, bool) {
	return func(i int) ([]byte, bool) {
		if i >= len(parts) {
			return nil, false
		}
		return parts[i], true
	}
}

// TestRestoreRefusesDamage: a state whose parts are missing, cut short or
// out of order is refused, not half read.
func TestRestoreRefusesDamage(t *testing.T) {
	b := NewBuilder("fr")
	b.partDocs = 2
	for i := range 9 {
		b.Add(analysis.Document{URL: fmt.Sprintf("/p%d/", i), Title: fmt.Sprintf("Page %d", i), Body: strings.Repeat("client contrat délai ", i+1) + fmt.Sprint("mot", i)})
	}
	if _, err := b.Files(); err != nil {
		t.Fatal(err)
	}
	var e cache.Encoder
	var parts [][]byte
	b.AppendState(&e, func(p []byte, _ uint64) { parts = append(parts, slices.Clone(p)) })
	if len(parts) < 4 {
		t.Fatalf("%d parts, want several", len(parts))
	}
	if _, err := Restore(cache.NewDecoder(e.B), partsOf(parts)); err != nil {
		t.Fatalf("the whole state: %v", err)
	}
	last := len(parts) - 1
	tests := []struct {
		name  string
		parts [][]byte
	}{
		{"a part missing", parts[:last]},
		{"the last part cut short", append(slices.Clone(parts[:last]), parts[last][:len(parts[last])-1])},
		{"two parts swapped", append([][]byte{parts[1], parts[0]}, parts[2:]...)},
	}
	for _, tt := range tests {
		_, err := Restore(cache.NewDecoder(e.B), partsOf(tt.parts))
		if err == nil {
			t.Errorf("%s: restored", tt.name)
		}
	}
}

func TestSeparator(t *testing.T) {
	for _, tt := range [][3]string{{"abc", "abd", "abd"}, {"abc", "b", "b"}, {"a", "abc", "ab"}, {"client", "clients", "clients"}, {"é", "ü", "ü"}} {
		if got := separator(tt[0], tt[1]); got != tt[2] {
			t.Errorf("separator(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}
