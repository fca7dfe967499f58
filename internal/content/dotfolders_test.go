package content

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/parcours/parcours/internal/diag"
)

// TestDotFolders checks which files of dot-folders a load keeps aside for
// the pages that reference them: none of version control, no dot-file, no
// page.
func TestDotFolders(t *testing.T) {
	fsys := fstest.MapFS{
		"guides/a.md":                 {Data: []byte("# A\n")},
		"guides/plan.png":             {Data: []byte("png")},
		".gitbook/assets/schema.png":  {Data: []byte("png")},
		".gitbook/assets/deep/x.svg":  {Data: []byte("svg")},
		"guides/.attachments/b.jpg":   {Data: []byte("jpg")},
		".obsidian/notes.md":          {Data: []byte("# hidden\n")},
		".gitbook/assets/.DS_Store":   {Data: []byte("junk")},
		".git/config":                 {Data: []byte("[remote]")},
		"guides/.git/HEAD":            {Data: []byte("ref")},
		".hg/store":                   {Data: []byte("x")},
		".env":                        {Data: []byte("TOKEN=x")},
		"guides/.env.local":           {Data: []byte("TOKEN=x")},
		".gitbook/assets/schema.png~": {Data: []byte("swap")},
	}
	var list diag.List
	site, err := LoadFS(fsys, &list)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".gitbook/assets/deep/x.svg", ".gitbook/assets/schema.png", "guides/.attachments/b.jpg"}
	hidden := slices.Sorted(slices.Values(site.Hidden))
	if !slices.Equal(hidden, want) {
		t.Errorf("hidden files %q, want %q", hidden, want)
	}
	if !slices.Equal(site.Files, []string{"guides/plan.png"}) {
		t.Errorf("files %q, want only guides/plan.png", site.Files)
	}
	for _, p := range site.Pages {
		if p.Rel != "guides/a.md" {
			t.Errorf("page %s read from a dot-folder", p.Rel)
		}
	}
}
