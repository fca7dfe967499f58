package server

import (
	"slices"
	"testing"

	"github.com/parcours/parcours/internal/ospath"
)

// An event's path is the OS's: on Windows it has back-slashes and a drive
// letter, and case may differ from the root's as the user typed it.
func TestRelevantIn(t *testing.T) {
	tests := []struct {
		style      ospath.Style
		root, name string
		rel        string
		ok         bool
	}{
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/cases/qonto/index.md", "content/cases/qonto/index.md", true},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/parcours.toml", "parcours.toml", true},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/static", "static", true},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/public/index.html", "public/index.html", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.a.md.swp", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.gitbook/assets/map.png", "content/.gitbook/assets/map.png", true},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.gitbook/assets/.map.png.swp", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.obsidian/workspace.json", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.hidden/x.md", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/.git/index", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site/content/drafts~/a.md", "", false},
		{ospath.Unix, "/home/ana/site", "/home/ana/site2/content/a.md", "", false},

		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\content\cases\qonto\index.md`, "content/cases/qonto/index.md", true},
		{ospath.Windows, `C:\Users\ana\site`, `c:\users\ana\site\content\guides\a.md`, "content/guides/a.md", true},
		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\parcours.toml`, "parcours.toml", true},
		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\themes\default\static\css\main.css`, "themes/default/static/css/main.css", true},
		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\content\cases\a.md~`, "", false},
		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\content\a.md___jb_tmp___`, "", false},
		{ospath.Windows, `C:\Users\ana\site`, `C:\Users\ana\site\public\index.html`, "public/index.html", false},
		{ospath.Windows, `C:\Users\ana\site`, `D:\Users\ana\site\content\a.md`, "", false},
		{ospath.Windows, `\\fileserver\playbooks`, `\\fileserver\playbooks\content\a.md`, "content/a.md", true},
	}
	for _, tt := range tests {
		rel, ok := relevantIn(tt.style, tt.root, tt.name)
		if rel != tt.rel || ok != tt.ok {
			t.Errorf("relevantIn(%q, %q) = %q, %v; want %q, %v", tt.root, tt.name, rel, ok, tt.rel, tt.ok)
		}
	}
}

// TestBatchChanged: a batch names its paths, sorted, unless events were
// lost or it is the first build, when which files changed is unknown.
func TestBatchChanged(t *testing.T) {
	tests := []struct {
		name  string
		added []string
		want  []string
	}{
		{"first build", nil, nil},
		{"two saves", []string{"content/b.md", "content/a.md", "content/b.md"}, []string{"content/a.md", "content/b.md"}},
		{"events lost", []string{"content/a.md", ""}, nil},
	}
	for _, tt := range tests {
		var b batch
		for _, p := range tt.added {
			b.add(p)
		}
		if got := b.changed(); !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
