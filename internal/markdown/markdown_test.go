package markdown

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeResolver resolves a fixed set of targets, and fails on anything
// containing "absent" or "inconnu".
type fakeResolver struct{}

func (fakeResolver) Link(dest string, image bool, pos Pos) (string, error) {
	if strings.Contains(dest, "absent") {
		return "", errors.New("no such page")
	}
	if strings.HasSuffix(strings.SplitN(dest, "#", 2)[0], ".md") {
		return "/resolved/" + filepath.Base(dest), nil
	}
	return dest, nil
}

func (fakeResolver) Wiki(target string, pos Pos) (string, string, error) {
	if strings.Contains(target, "absent") {
		return "", "", errors.New("links to nothing")
	}
	return "/" + target + "/", "Titre de " + target, nil
}

func (fakeResolver) Irritant(ref string, pos Pos) (string, string, error) {
	if ref == "inconnu" {
		return "", "", errors.New("unknown irritant")
	}
	return "/irritants/" + ref + "/", "Irritant " + ref, nil
}

func convert(t *testing.T, name string, opts Options) (*Result, string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, ds := New(opts).Convert(Page{Path: "content/" + name, Body: src, BodyLine: 5, Lang: "fr"}, fakeResolver{})
	var diags []string
	for _, d := range ds {
		diags = append(diags, d.Error())
	}
	return res, strings.Join(diags, "\n")
}

// TestGolden compares the HTML and diagnostics of each testdata/*.md with
// its .golden file; run with -update to rewrite them after a deliberate
// change.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			res, diags := convert(t, name, Options{})
			var got bytes.Buffer
			got.WriteString(res.HTML)
			fmt.Fprintf(&got, "<!-- headings -->\n")
			for _, h := range res.Headings {
				fmt.Fprintf(&got, "%d %s %s\n", h.Level, h.ID, h.Text)
			}
			fmt.Fprintf(&got, "<!-- diagnostics -->\n%s\n", diags)
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".md")+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", golden, got.String())
			}
		})
	}
}

func TestBehaviour(t *testing.T) {
	res, diags := convert(t, "french.md", Options{})
	html := res.HTML
	for _, want := range []string{
		`id="resultats-obtenus"`, `id="resultats-obtenus-1"`, `id="mon-id"`,
		"adoption&nbsp;:", "&#x202F;;", "bravo&#x202F;!", "Vraiment&#x202F;?", "«&nbsp;Oui&nbsp;»",
		"<table>", "<del>barré</del>", `<a href="https://example.org/">`, `type="checkbox"`, "footnote",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("french.md: missing %q in\n%s", want, html)
		}
	}
	if diags != "" {
		t.Errorf("unexpected diagnostics: %s", diags)
	}

	res, _ = convert(t, "code.md", Options{})
	html = res.HTML
	if strings.Contains(html, "<script>alert") || strings.Contains(html, `<span onclick`) {
		t.Errorf("raw HTML let through without unsafeHTML:\n%s", html)
	}
	if !strings.Contains(html, "&lt;script&gt;") || !strings.Contains(html, `class="chroma"`) {
		t.Errorf("raw HTML not shown escaped, or code not highlighted:\n%s", html)
	}
	res, _ = convert(t, "code.md", Options{Unsafe: true})
	if !strings.Contains(res.HTML, "<script>alert(1)</script>") {
		t.Errorf("unsafeHTML did not let raw HTML through")
	}

	res, diags = convert(t, "links.md", Options{})
	html = res.HTML
	for _, want := range []string{`href="/resolved/qonto.md"`, `>Titre de qonto</a>`, `>une attente</a>`, `src="logo.svg"`} {
		if !strings.Contains(html, want) {
			t.Errorf("links.md: missing %q", want)
		}
	}
	for _, want := range []string{"content/links.md:8:12: no such page", "content/links.md:8:41: links to nothing"} {
		if !strings.Contains(diags, want) {
			t.Errorf("links.md: got diagnostics\n%s\nwant %q", diags, want)
		}
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"[[a|b]]", "[[", "[[]]", "[x](y.md#z)", "```journey\ntitle: t\n```", "« a » : b ; c ! d ?", "<b>x</b>"} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = c.Convert(Page{Path: "f.md", Body: []byte(src), BodyLine: 1, Lang: "fr"}, fakeResolver{})
	})
}

func BenchmarkConvert(b *testing.B) {
	src, _ := os.ReadFile("testdata/french.md")
	c := New(Options{})
	for i := 0; i < b.N; i++ {
		c.Convert(Page{Path: "f.md", Body: src, BodyLine: 1, Lang: "fr"}, fakeResolver{})
	}
}

// FuzzSpaceCollapser checks that a section's text, written in pieces, comes
// out as strings.Fields joined by single spaces.
func FuzzSpaceCollapser(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "\u00a0x\u2028y\u202f z\t\n", "é  ç\r\nà", "a\x85b"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if !utf8.ValidString(s) {
			return
		}
		cut = min(max(cut, 0), len(s))
		for cut > 0 && cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut--
		}
		var c spaceCollapser
		c.WriteString(s[:cut])
		c.Write([]byte(s[cut:]))
		if got, want := c.String(), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("%q cut at %d = %q, want %q", s, cut, got, want)
		}
		c.Space()
		c.Reset()
		if c.String() != "" {
			t.Error("Reset left text")
		}
	})
}

// TestSearchText: a table gives search its cells apart and not its column
// names, so that an excerpt shows one cell rather than a row run together.
func TestSearchText(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"table", "| Irritant | Réponse |\n|---|---|\n| Attente | Rappel sous 24 h |\n| Relance | Un seul interlocuteur |\n",
			"Attente · Rappel sous 24 h · Relance · Un seul interlocuteur"},
		{"empty cell", "| A | B |\n|---|---|\n|  | x |\n", "x"},
		{"paragraphs", "Un texte.\n\nUn autre.\n", "Un texte. Un autre."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := New(Options{}).Convert(Page{Path: "content/t.md", Body: []byte(tt.src), BodyLine: 1, Lang: "fr"}, fakeResolver{})
			if len(res.Sections) != 1 || res.Sections[0].Text != tt.want {
				t.Errorf("sections %+v, want one with text %q", res.Sections, tt.want)
			}
		})
	}
}
