package gitinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// git runs git in dir with a fixed author and commit date.
func git(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org",
		"GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLastCommits commits files on three dates in a repository whose site
// lies in a subfolder, and checks each file's date and path.
func TestLastCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	git(t, repo, "2024-01-01T10:00:00Z", "init", "-q")
	write(t, site, "content/cases/a.md", "a")
	write(t, site, "content/guides/é t.md", "b")
	write(t, repo, "outside.md", "o")
	git(t, repo, "2024-01-01T10:00:00Z", "add", ".")
	git(t, repo, "2024-01-01T10:00:00Z", "commit", "-qm", "first")
	write(t, site, "content/cases/a.md", "a2")
	git(t, repo, "2024-03-05T08:30:00+01:00", "commit", "-qam", "second")
	write(t, site, "content/new.md", "not committed")

	got, err := LastCommits(site)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string // RFC 3339, "" when absent
	}{
		{"content/cases/a.md", "2024-03-05T08:30:00+01:00"},
		{"content/guides/é t.md", "2024-01-01T10:00:00Z"},
		{"content/new.md", ""},
		{"outside.md", ""},
		{"../outside.md", ""},
	}
	for _, tt := range tests {
		d, ok := got[tt.path]
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: dated %s, want no date", tt.path, d)
		case tt.want != "":
			want, _ := time.Parse(time.RFC3339, tt.want)
			if !d.Equal(want) {
				t.Errorf("%s: %s, want %s", tt.path, d, want)
			}
		}
	}
	if len(got) != 2 {
		t.Errorf("%d files dated, want 2: %v", len(got), got)
	}
}

func TestLastCommitsOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("git", "rev-parse")
	cmd.Dir = dir
	if cmd.Run() == nil {
		t.Skip("the temporary folder lies inside a git repository")
	}
	if _, err := LastCommits(dir); err == nil {
		t.Error("no error outside a git work tree")
	}
}
