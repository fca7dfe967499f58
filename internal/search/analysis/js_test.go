package analysis

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"

	"github.com/parcours/parcours/internal/browsertest"
)

// coreJS is the browser's normaliser; tests run in this package's folder,
// three levels below the repository root.
var coreJS = filepath.Join("..", "..", "..", "themes", "default", "static", "js", "search-core.js")

var wordRE = regexp.MustCompile(`[\p{L}\p{M}\p{Nd}’']+`)

// badInputs are the texts every part of search must survive.
func badInputs() []string {
	return []string{
		"", "   ", "le la les", "the and of", strings.Repeat("onboarding ", 200)[:2000],
		strings.Repeat("x", 2000), `<img src=x onerror=alert(1)>`, `.*+?^${}()|[]\`, `"rétention" 'churn' « NPS »`,
		"\u2028\u2029\x00", "l’", "qu’", "ǅ ﬁ ẞ",
	}
}

// corpusText returns the lines of testdata/*.txt and of the example site's
// Markdown, and the vocabularies Snowball is tested on, when the module
// cache holds them.
func corpusText(t *testing.T) (lines []string, vocab map[string][]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txt: %v", err)
	}
	err = filepath.WalkDir(filepath.Join("..", "..", "..", "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
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

// TestJSNormalizeMatchesGo checks that search-core.js normalises every word
// and every line of the test text and the example site, and Snowball's test
// vocabularies, exactly as Normalize does.
func TestJSNormalizeMatchesGo(t *testing.T) {
	browsertest.Node(t)
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
	browsertest.RunNode(t, coreJS, `process.stdout.write(JSON.stringify(input.map(j => j.Texts.map(x => S.normalize(j.Lang, x)))));`, jobs, &got)
	checked := 0
	for i, j := range jobs {
		for k, text := range j.Texts {
			want := Normalize(j.Lang, text)
			if !slices.Equal(got[i][k], want) && !(len(want) == 0 && len(got[i][k]) == 0) {
				t.Errorf("%s %q: search-core.js gives %q, Go gives %q", j.Lang, text, got[i][k], want)
			}
			checked++
		}
	}
	t.Logf("checked %d texts (%d distinct words) in 3 languages", checked, len(words))
}

// TestJSStemmersMatchSnowball checks the stemmer ports on unfolded words too,
// which exercises the accented branches of the French algorithm.
func TestJSStemmersMatchSnowball(t *testing.T) {
	browsertest.Node(t)
	_, vocab := corpusText(t)
	if len(vocab) == 0 {
		t.Skip("Snowball vocabularies not found")
	}
	var got map[string][]string
	browsertest.RunNode(t, coreJS, `const out = {}; for (const l in input) out[l] = input[l].map(w => S.stem(l, w)); process.stdout.write(JSON.stringify(out));`, vocab, &got)
	for lang, words := range vocab {
		for i, w := range words {
			if strings.ContainsAny(w, "'’") {
				continue // tokens never hold apostrophes; search-core.js does not port their handling
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
				t.Errorf("%s %q: search-core.js stems to %q, Snowball to %q", lang, w, got[lang][i], want)
			}
		}
	}
}
