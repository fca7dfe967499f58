package build

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestLastUpdatedAndEditLink builds a site kept in git: a page without
// lastmod shows its file's last commit, one with lastmod shows lastmod, and
// each links to its source under editURL.
func TestLastUpdatedAndEditLink(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	words := strings.Repeat("mot ", 650)
	root := writeSite(t, map[string]string{
		"parcours.toml":         "title = \"T\"\nlanguage = \"fr\"\nenableGitInfo = true\neditURL = \"https://git.example.org/kb/edit/main/\"\n",
		"content/cases/git.md":  "---\ntitle: Git\ndate: 2024-01-02\n---\n" + words + "\n",
		"content/cases/both.md": "---\ntitle: Both\ndate: 2024-01-02\nlastmod: 2024-06-30\n---\nCourt.\n",
	})
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "site"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=a",
			"GIT_COMMITTER_EMAIL=a@example.org", "GIT_COMMITTER_DATE=2025-03-04T12:00:00Z", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	m, err := buildTo(t, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page string
		want []string
	}{
		{"cases/git/index.html", []string{`mis à jour le <time datetime="2025-03-04">4 mars 2025</time>`, "3 min de lecture",
			`href="https://git.example.org/kb/edit/main/content/cases/git.md"`, `"dateModified":"2025-03-04"`}},
		{"cases/both/index.html", []string{`<time datetime="2024-06-30">30 juin 2024</time>`, "1 min de lecture",
			`href="https://git.example.org/kb/edit/main/content/cases/both.md"`}},
	}
	for _, tt := range tests {
		b, _ := m.Get(tt.page)
		for _, w := range tt.want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %s: %s", tt.page, w, b)
			}
		}
	}
	if b, _ := m.Get("cases/index.html"); strings.Contains(string(b), "/edit/main/") {
		t.Error("a section page made by parcours links to a source file it does not have")
	}
}

func TestGitInfoOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root := writeSite(t, map[string]string{"parcours.toml": "enableGitInfo = true\n", "content/a.md": "A\n"})
	if cmd := exec.Command("git", "rev-parse"); func() bool { cmd.Dir = root; return cmd.Run() == nil }() {
		t.Skip("the temporary folder lies inside a git repository")
	}
	_, err := buildTo(t, Options{Root: root})
	if err == nil || !strings.Contains(err.Error(), "parcours.toml") || !strings.Contains(err.Error(), "enableGitInfo") {
		t.Errorf("error %v, want one at parcours.toml naming enableGitInfo", err)
	}
}
