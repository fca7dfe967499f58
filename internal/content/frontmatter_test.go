package content

import (
	"strings"
	"testing"
)

// TestFrontmatterErrorLines checks that a decoding error in each format is
// reported at the line of the Markdown file, frontmatter delimiters and
// leading blank lines counted.
func TestFrontmatterErrorLines(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"yaml", "---\ntitle: x\ndate: 2024-05-12\n  bad: indent\n---\n", "content/a.md:4:1: invalid frontmatter"},
		{"yaml after blank lines", "\n\n---\ntitle: x\n  bad: indent\n---\n", "content/a.md:5:"},
		{"toml", "+++\ntitle = 'x'\ntags = [\n+++\n", "content/a.md:3:9: invalid frontmatter"},
		{"toml bad value", "+++\ntitle = 'x'\n\ndate = 2024-13-45\n+++\n", "content/a.md:4:"},
		{"toml after blank lines", "\n+++\ntitle = \n+++\n", "content/a.md:3:"},
		{"toml duplicate key", "+++\ntitle = 'x'\ntitle = 'y'\n+++\n", "content/a.md:3:1: invalid frontmatter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("content/a.md", "a.md", []byte(tt.src))
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics %v, want 1", len(ds), ds)
			}
			if got := ds[0].Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want it to start with %q", got, tt.want)
			}
		})
	}
}

// TestTOMLDates checks that TOML's date types, which go-toml decodes to its
// own types, reach the page as dates.
func TestTOMLDates(t *testing.T) {
	for _, date := range []string{"2024-05-12", "2024-05-12T10:30:00", "2024-05-12T10:30:00+02:00"} {
		p, ds := Parse("content/a.md", "a.md", []byte("+++\ntitle = 'x'\ndate = "+date+"\n+++\n"))
		if len(ds) != 0 {
			t.Fatalf("date = %s: %v", date, ds)
		}
		if got := p.Date.Format("2006-01-02"); got != "2024-05-12" {
			t.Errorf("date = %s: got %s", date, got)
		}
	}
}
