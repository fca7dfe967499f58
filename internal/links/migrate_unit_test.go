package links

import (
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/urls"
)

// TestDotFolders checks that a file in a dot-folder resolves and is
// published only once a published page references it, and that nothing
// else of a dot-folder is.
func TestDotFolders(t *testing.T) {
	site := &content.Site{
		Pages: []*content.Page{
			page("guides/a.md", "A", nil),
			page("guides/b.md", "B", func(p *content.Page) { p.Draft = true }),
		},
		Files:  []string{"guides/plan.png"},
		Hidden: []string{".gitbook/assets/used.png", ".gitbook/assets/by-draft.png", ".gitbook/assets/unused.png", ".attachments/board.png"},
	}
	ix := New(site, urls.New("https://x.org/", false), nil, Options{})
	a, b := ix.For(site.Pages[0]), ix.For(site.Pages[1])
	tests := []struct {
		r          *Resolver
		dest, want string
		err        string
	}{
		{a, "../.gitbook/assets/used.png", "/.gitbook/assets/used.png", ""},
		{a, "/.gitbook/assets/used.png", "/.gitbook/assets/used.png", ""},
		{a, "board.png", "/.attachments/board.png", ""},
		{b, "../.gitbook/assets/by-draft.png", "/.gitbook/assets/by-draft.png", ""},
		{a, "../.git/config", "", "not found"},
		{a, "../.env", "", "not found"},
	}
	for _, tt := range tests {
		got, err := tt.r.Link(tt.dest, true, markdown.Pos{Line: 1, Col: 1})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: got %q, %v; want an error with %q", tt.dest, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.dest, got, err, tt.want)
		}
	}
	// The draft is not published, so neither is what only it references.
	if got := strings.Join(ix.Hidden(), " "); got != ".attachments/board.png .gitbook/assets/used.png" {
		t.Errorf("published dot-folder files: %q", got)
	}
	// A later build that reuses a's conversion publishes the same files.
	again := New(site, urls.New("https://x.org/", false), nil, Options{})
	again.Replay(site.Pages[0], a.Recorded())
	if got := strings.Join(again.Hidden(), " "); got != ".attachments/board.png .gitbook/assets/used.png" {
		t.Errorf("after a replay, published dot-folder files: %q", got)
	}
}

// TestJekyllPermalinks checks the .html addresses a Jekyll site writes.
func TestJekyllPermalinks(t *testing.T) {
	site := &content.Site{Pages: []*content.Page{
		page("guides/setup.md", "Setup", nil),
		page("guides/deploy.md", "Deploy", nil),
		page("guides/index.md", "Guides", nil),
		page("posts/2019-03-04-release.md", "Release", nil),
		page("posts/2020-05-01-release.md", "Release again", nil),
		page("posts/2019-03-05-launch.md", "Launch", nil),
	}}
	ix := New(site, urls.New("https://x.org/", false), nil, Options{})
	r := ix.For(site.Pages[1]) // guides/deploy.md
	tests := []struct{ dest, want, err string }{
		{"setup.html", "/guides/setup/", ""},
		{"/guides/setup.html#install", "/guides/setup/#install", ""},
		{"index.html", "/guides/", ""},
		{"/2019/03/launch.html", "/posts/2019-03-05-launch/", ""},
		{"/blog/2019/03/05/launch.html", "/posts/2019-03-05-launch/", ""},
		{"/launch.html", "/posts/2019-03-05-launch/", ""},
		{"/2019/03/release.html", "/posts/2019-03-04-release/", ""},
		{"/2020/release.html", "/posts/2020-05-01-release/", ""},
		{"/release.html", "", "it could be content/posts/2019-03-04-release.md or content/posts/2020-05-01-release.md"},
		{"/2019/04/launch.html", "", "no page is published at /2019/04/launch.html"},
		{"setpu.html", "", `did you mean "guides/setup.md"?`},
	}
	for _, tt := range tests {
		got, err := r.Link(tt.dest, false, markdown.Pos{Line: 1, Col: 1})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: got %q, %v; want an error with %q", tt.dest, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.dest, got, err, tt.want)
		}
	}
}
