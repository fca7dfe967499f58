package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parcours/parcours/internal/diag"
)

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name, rel, src string
		want           string // a substring of the one diagnostic expected
	}{
		{"unterminated quote", "cases/a.md", "---\ntitle: \"Qonto\nscopes: [a]\n---\nbody\n", "content/cases/a.md:2:8: invalid frontmatter: this quote is never closed"},
		{"unterminated quote in a list", "cases/a.md", "---\ntitle: Q\ntools:\n  - 'Gsheet\n  - Tableau\n---\n", "content/cases/a.md:4:5: invalid frontmatter: this quote is never closed"},
		{"tab indentation", "cases/a.md", "---\ntitle: x\nscopes:\n\t- a\n---\n", "content/cases/a.md:4:1: found character that cannot start any token: YAML does not allow tabs"},
		{"list given a string", "cases/a.md", "---\ntitle: x\nscopes: Expansion\n---\n", "content/cases/a.md:3:9: scopes must be a list: scopes: [Expansion]"},
		{"date no date", "cases/a.md", "---\ntitle: x\ndate: hier\n---\n", "content/cases/a.md:3:7: date is not a date: write it as date: 2024-05-12"},
		{"not utf8", "cases/a.md", "---\ntitle: caf\xe9\n---\n", "content/cases/a.md:2:11: file is not valid UTF-8"},
		{"no closing", "cases/a.md", "---\ntitle: x\nbody\n", "content/cases/a.md:1:1: frontmatter opened with --- has no closing --- line"},
		{"slug with slash", "cases/a.md", "---\ntitle: x\nslug: a/b\n---\n", "content/cases/a.md:3:1: slug \"a/b\" must be one path segment"},
		{"slug dotdot", "cases/a.md", "---\ntitle: x\nslug: ..\n---\n", "must be one path segment"},
		{"severity out of range", "irritants/a.md", "---\ntitle: x\nseverity: 9\n---\n", "content/irritants/a.md:3:11: severity must be between 1 and 5, got 9"},
		{"frequency out of range", "irritants/a.md", "---\ntitle: x\nfrequency: 0\n---\n", "content/irritants/a.md:3:12: frequency must be between 1 and 5, got 0: frequency: 3"},
		{"frequency text", "irritants/a.md", "---\ntitle: x\nfrequency: souvent\n---\n", "content/irritants/a.md:3:12: frequency must be a whole number: frequency: 3"},
		{"remedy impact out of range", "irritants/a.md", "---\ntitle: x\nremedies:\n  - text: Appeler\n    impact: 7\n---\n", "content/irritants/a.md:5:13: impact must be a whole number from 1 to 5, got 7: impact: 3"},
		{"remedies a string", "irritants/a.md", "---\ntitle: x\nremedies: Appeler\n---\n", "content/irritants/a.md:3:11: remedies must be a list"},
		{"kpi misspelt field", "irritants/a.md", "---\ntitle: x\nkpis:\n  - {name: Délai, valeur: 3}\n---\n", `content/irritants/a.md:4:19: unknown field "valeur" in a KPI (did you mean "value"?)`},
		{"severity text", "irritants/a.md", "---\ntitle: x\nseverity: high\n---\n", "severity must be a whole number: severity: 3"},
		{"bad audience", "a.md", "---\ntitle: x\naudience: everyone\n---\n", "audience must be public or internal"},
		{"draft not bool", "a.md", "---\ntitle: x\ndraft: maybe\n---\n", "draft must be true or false"},
		{"duplicate key", "a.md", "---\ntitle: x\ntitle: y\n---\n", "content/a.md:3:1"},
		{"persona goals not a list", "personas/a.md", "---\ntitle: x\ngoals: Être remboursée\n---\n", "content/personas/a.md:3:8: goals must be a list: goals: [Être remboursée]"},
		{"journey persona a mapping", "journeys/a.md", "---\ntitle: x\npersona: {name: a}\n---\n", "content/journeys/a.md:3:10: persona must be text"},
		{"frontmatter a list", "a.md", "---\n- a\n- b\n---\n", "frontmatter must be a set of key: value lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ds := Parse("content/"+tt.rel, tt.rel, []byte(tt.src))
			if p != nil {
				t.Errorf("got a page, want it refused")
			}
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics %v, want 1", len(ds), ds)
			}
			if got := ds[0].Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	tests := []struct {
		name, rel, src string
		check          func(t *testing.T, p *Page)
	}{
		{"seed name is client", "cases/qonto.md", "---\nname: Qonto\ntitle: T\ndate: 2024-05-12\nscopes:\n  - Expansion\n---\n\n## La mission\n", func(t *testing.T, p *Page) {
			if p.Client != "Qonto" || p.Kind != KindCase || p.URL != "/cases/qonto/" || p.BodyLine != 8 {
				t.Errorf("got client %q kind %q url %q bodyLine %d", p.Client, p.Kind, p.URL, p.BodyLine)
			}
			if !p.Date.Equal(time.Date(2024, 5, 12, 0, 0, 0, 0, time.UTC)) || len(p.Scopes) != 1 {
				t.Errorf("got date %v scopes %v", p.Date, p.Scopes)
			}
		}},
		{"crlf and bom", "guides/g.md", "\xef\xbb\xbf---\r\ntitle: Guide\r\ntags: [a, b]\r\n---\r\nbody\r\n", func(t *testing.T, p *Page) {
			if p.Title != "Guide" || len(p.Tags) != 2 || string(p.Body) != "body\n" {
				t.Errorf("got %q %v %q", p.Title, p.Tags, p.Body)
			}
		}},
		{"cr only, as old Mac editors save", "guides/g.md", "---\rtitle: Guide\rtags: [a, b]\r---\rbody\rmore\r", func(t *testing.T, p *Page) {
			if p.Title != "Guide" || len(p.Tags) != 2 || string(p.Body) != "body\nmore\n" || p.BodyLine != 5 {
				t.Errorf("got %q %v %q line %d", p.Title, p.Tags, p.Body, p.BodyLine)
			}
		}},
		{"toml", "a.md", "+++\ntitle = \"T\"\ndate = 2024-05-12\ntags = [\"x\"]\n+++\nbody\n", func(t *testing.T, p *Page) {
			if p.Title != "T" || p.Date.Year() != 2024 || len(p.Tags) != 1 || p.Kind != KindPage {
				t.Errorf("got %+v", p)
			}
		}},
		{"json", "a.md", "{\n  \"title\": \"J\",\n  \"weight\": 3\n}\nbody\n", func(t *testing.T, p *Page) {
			if p.Title != "J" || p.Weight != 3 {
				t.Errorf("got %q %d", p.Title, p.Weight)
			}
		}},
		{"bundle", "cases/qonto/index.md", "---\ntitle: Q\n---\n", func(t *testing.T, p *Page) {
			if p.Slug != "qonto" || p.URL != "/cases/qonto/" || p.BundleDir != "cases/qonto" {
				t.Errorf("got %q %q %q", p.Slug, p.URL, p.BundleDir)
			}
		}},
		{"explicit slug and unknown field kept", "guides/x.md", "---\ntitle: X\nslug: autre\ncustom: 42\n---\n", func(t *testing.T, p *Page) {
			if p.URL != "/guides/autre/" || p.Params["custom"] != 42 {
				t.Errorf("got %q %v", p.URL, p.Params["custom"])
			}
		}},
		{"section", "cases/_index.md", "---\ntitle: Cas\n---\n", func(t *testing.T, p *Page) {
			if p.Kind != KindSection || p.URL != "/cases/" {
				t.Errorf("got %q %q", p.Kind, p.URL)
			}
		}},
		{"irritant refs keep positions", "cases/a.md", "---\ntitle: A\nirritants:\n  - manque-de-clarte\n---\n", func(t *testing.T, p *Page) {
			if len(p.Irritants) != 1 || p.Irritants[0].Line != 4 || p.Irritants[0].Col != 5 {
				t.Errorf("got %+v", p.Irritants)
			}
		}},
		{"remedies and kpis as strings and maps", "irritants/a.md", "---\ntitle: A\nremedies:\n  - Appeler\n  - {text: Rappeler, impact: 3, effort: 1, status: done}\nkpis:\n  - Délai\n  - {name: Taux, value: 12, target: 5, unit: \"%\"}\n---\n", func(t *testing.T, p *Page) {
			if len(p.Remedies) != 2 || p.Remedies[0].Text != "Appeler" || !reflect.DeepEqual(p.Remedies[1], Opportunity{Text: "Rappeler", Impact: 3, Effort: 1, Status: "done", Line: 5, Col: 5}) {
				t.Errorf("got remedies %+v", p.Remedies)
			}
			if len(p.KPIs) != 2 || p.KPIs[1].String() != "Taux : 12\u202f% → 5\u202f%" {
				t.Errorf("got kpis %+v", p.KPIs)
			}
		}},
		{"persona page", "personas/claire.md", "---\ntitle: Claire\nrole: Adhérente\nsector: Assurance\nquote: Vite.\ngoals: [a, b]\nfrustrations: [c]\nneeds: [d]\nchannels: [web]\nimage: c.png\n---\n", func(t *testing.T, p *Page) {
			if p.Kind != KindPersona || p.URL != "/personas/claire/" || p.Role != "Adhérente" || p.Sector != "Assurance" || p.Quote != "Vite." || p.Image != "c.png" {
				t.Errorf("got kind %q url %q role %q sector %q quote %q image %q", p.Kind, p.URL, p.Role, p.Sector, p.Quote, p.Image)
			}
			if len(p.Goals) != 2 || len(p.Frustrations) != 1 || len(p.Needs) != 1 || len(p.Channels) != 1 {
				t.Errorf("got goals %v frustrations %v needs %v channels %v", p.Goals, p.Frustrations, p.Needs, p.Channels)
			}
		}},
		{"journey persona keeps its position", "journeys/j.md", "---\ntitle: J\npersona:  claire\n---\n", func(t *testing.T, p *Page) {
			if p.Persona != (Ref{Text: "claire", Line: 3, Col: 11}) {
				t.Errorf("got %+v", p.Persona)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ds := Parse("content/"+tt.rel, tt.rel, []byte(tt.src))
			if len(ds) > 0 {
				t.Fatalf("unexpected diagnostics: %v", ds)
			}
			tt.check(t, p)
		})
	}
}

func TestLoadFSReportsAllAndDuplicates(t *testing.T) {
	fsys := fstest.MapFS{
		"cases/a.md":           {Data: []byte("---\ntitle: A\n---\n")},
		"cases/b.md":           {Data: []byte("---\ntitle: B\nslug: a\n---\n")},
		"guides/x.md":          {Data: []byte("---\ntitle: X\nscopes: oops\n---\n")},
		"irritants/y.md":       {Data: []byte("---\ntitle: Y\nseverity: 7\n---\n")},
		"a-propos.md":          {Data: []byte("---\ndate: nope\ntitle: P\n---\n")},
		"cases/qonto/index.md": {Data: []byte("---\ntitle: Q\n---\n")},
		"cases/qonto/logo.svg": {Data: []byte("<svg/>")},
		"img/free.png":         {Data: []byte("x")},
		"cases/.a.md.swp":      {Data: []byte("x")},
	}
	var list diag.List
	site, err := LoadFS(fsys, &list)
	if err != nil {
		t.Fatal(err)
	}
	got := list.Sorted()
	if len(got) != 4 {
		t.Fatalf("got %d diagnostics, want 4: %v", len(got), got)
	}
	if !strings.Contains(got[1].Error(), "content/cases/b.md:3") || !strings.Contains(got[1].Error(), "content/cases/a.md and content/cases/b.md are both published at /cases/a/") {
		t.Errorf("duplicate slug: got %q", got[1])
	}
	var q *Page
	for _, p := range site.Pages {
		if p.Slug == "qonto" {
			q = p
		}
	}
	if q == nil || len(q.Resources) != 1 || q.Resources[0] != "cases/qonto/logo.svg" {
		t.Errorf("bundle resources: got %+v", q)
	}
	if len(site.Files) != 1 || site.Files[0] != "img/free.png" {
		t.Errorf("files: got %v", site.Files)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: x\nscopes: [a]\n---\nbody"))
	f.Add([]byte("+++\ntitle = 'x'\n+++\n"))
	f.Add([]byte("{\n\"title\": 1\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, ds := Parse("content/cases/f.md", "cases/f.md", src)
		if p == nil && len(ds) == 0 {
			t.Fatal("refused a page without saying why")
		}
	})
}

func TestFrontmatterEnd(t *testing.T) {
	tests := []struct {
		src, end string
		want     int
	}{
		{"---\ntitle: x\n---\nbody\n", "---", len("---\ntitle: x\n---\n")},
		{"\n\n---\na: 1\n  ---  \nbody", "---", len("\n\n---\na: 1\n  ---  \n")},
		{"---\na: 1\n---", "---", len("---\na: 1\n---")},
		{"---\na: 1\nno end\n", "---", len("---\na: 1\nno end\n")},
		{"{\n\"a\": 1\n}\nbody", "}", len("{\n\"a\": 1\n}\n")},
		{"plain text\n---\n", "", len("plain text\n---\n")},
	}
	for _, tt := range tests {
		start, _ := firstLine([]byte(tt.src))
		if got := frontmatterEnd([]byte(tt.src), start, tt.end); got != tt.want {
			t.Errorf("frontmatterEnd(%q, %q) = %d, want %d", tt.src, tt.end, got, tt.want)
		}
	}
}
