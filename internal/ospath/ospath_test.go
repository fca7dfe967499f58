package ospath

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestRel(t *testing.T) {
	tests := []struct {
		style        Style
		base, target string
		rel          string
		ok           bool
	}{
		{Unix, "/site", "/site/content/cases/qonto/index.md", "content/cases/qonto/index.md", true},
		{Unix, "/site", "/site", ".", true},
		{Unix, "/", "/site/parcours.toml", "site/parcours.toml", true},
		{Unix, "/site", "/sites/content/a.md", "", false},
		{Unix, "/site", "/other/a.md", "", false},
		{Unix, "/site", "/", "", false},
		{Unix, "/x/site", "/x", "", false},
		// A name starting with two dots is below, not above.
		{Unix, "/x", "/x/..site", "..site", true},
		{Unix, "/site", "/Site/content/a.md", "", false},
		// On Unix a back-slash is part of a name.
		{Unix, "/site", `/site/content\a.md`, `content\a.md`, true},

		{Windows, `C:\Users\ana\site`, `C:\Users\ana\site\content\cases\qonto\index.md`, "content/cases/qonto/index.md", true},
		{Windows, `C:\Users\ana\site`, `C:\Users\ana\site`, ".", true},
		{Windows, `C:\`, `C:\site\parcours.toml`, "site/parcours.toml", true},
		{Windows, `C:\Users\ana\site`, `c:\users\ANA\Site\static\logo.svg`, "static/logo.svg", true},
		{Windows, `C:\Users\ana\site`, `C:/Users/ana/site/themes/default/css/main.css`, "themes/default/css/main.css", true},
		{Windows, `C:\Users\ana\site`, `D:\Users\ana\site\content\a.md`, "", false},
		{Windows, `C:\Users\ana\site`, `C:\Users\ana\sites\content\a.md`, "", false},
		{Windows, `C:\Users\ana\site`, `C:\Users\ana`, "", false},
		{Windows, `C:\x`, `C:\x\..site\a.md`, "..site/a.md", true},
		{Windows, `\\fileserver\playbooks\site`, `\\fileserver\playbooks\site\content\a.md`, "content/a.md", true},
		{Windows, `\\fileserver\playbooks\site`, `\\otherserver\playbooks\site\content\a.md`, "", false},
	}
	for _, tt := range tests {
		rel, ok := tt.style.Rel(tt.base, tt.target)
		if rel != tt.rel || ok != tt.ok {
			t.Errorf("%v.Rel(%q, %q) = %q, %v; want %q, %v", tt.style, tt.base, tt.target, rel, ok, tt.rel, tt.ok)
		}
		if tt.style.Contains(tt.base, tt.target) != tt.ok {
			t.Errorf("%v.Contains(%q, %q) = %v, want %v", tt.style, tt.base, tt.target, !tt.ok, tt.ok)
		}
	}
}

// Host follows the OS: paths that filepath builds here come back as the
// slash path they were built from.
func TestHostRel(t *testing.T) {
	base, err := filepath.Abs("site")
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"content/cases/qonto/index.md", "parcours.toml", "static/img/og.png"} {
		got, ok := Host.Rel(base, filepath.Join(base, filepath.FromSlash(rel)))
		if got != rel || !ok {
			t.Errorf("Host.Rel(%q, Join(…, %q)) = %q, %v", base, rel, got, ok)
		}
	}
	if (Host == Windows) != (runtime.GOOS == "windows") {
		t.Errorf("Host = %v on %s", Host, runtime.GOOS)
	}
}

func TestProblem(t *testing.T) {
	tests := []struct {
		name string
		want string // a part of the Windows problem, "" for none
	}{
		{"cases/qonto/index.html", ""},
		{"tags/aux/index.html", "reserves the name aux"},
		{"tags/Aux/index.html", "reserves the name Aux"},
		{"tags/nul/index.html", "reserves the name nul"},
		{"con.html", "reserves the name con"},
		{"guides/com1/index.html", "reserves the name com1"},
		{"guides/lpt9.txt", "reserves the name lpt9"},
		{"guides/com0/index.html", ""},
		{"guides/aux-urgences/index.html", ""},
		{"guides/auxiliaire/index.html", ""},
		{"journeys/j/a:b.svg", "forbids :"},
		{"tags/quoi?/index.html", "forbids ?"},
		{"tags/a\x01b/index.html", "control characters"},
		{"tags/etc./index.html", "ends the name etc."},
		{"tags/fin /index.html", "ends the name fin "},
	}
	for _, tt := range tests {
		if got := Unix.Problem(tt.name); got != "" {
			t.Errorf("Unix.Problem(%q) = %q, want none", tt.name, got)
		}
		got := Windows.Problem(tt.name)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("Windows.Problem(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func (s Style) String() string {
	if s.windows {
		return "Windows"
	}
	return "Unix"
}
