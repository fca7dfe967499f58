// Package gitinfo reads, for enableGitInfo, the date of each file's last
// commit. It runs git once for the whole site: one git log over the
// history, where running it per page cost a process per page.
package gitinfo

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// sep starts each commit of the log, a byte no date or path holds.
const sep = "\x1e"

// LastCommits returns the date of the last commit that touched each file
// under dir, by path relative to dir with slashes (content/cases/x.md).
// Files never committed are absent. dir must lie in a git work tree.
func LastCommits(dir string) (map[string]time.Time, error) {
	// core.quotePath=false keeps accented names as they are, and
	// --relative gives paths from dir rather than from the repository's
	// top, so they match the pages' paths.
	cmd := exec.Command("git", "-c", "core.quotePath=false", "log", "--relative", "--name-only",
		"--no-renames", "--format="+sep+"%cI", "--", ".")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git log in %s: %w: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	return parse(string(out))
}

// parse reads the log, newest commit first: the first date met for a
// path is its last change.
func parse(log string) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	for _, commit := range strings.Split(log, sep) {
		lines := strings.Split(strings.TrimSpace(commit), "\n")
		if lines[0] == "" {
			continue
		}
		when, err := time.Parse(time.RFC3339, lines[0])
		if err != nil {
			return nil, fmt.Errorf("git log: commit date %q: %w", lines[0], err)
		}
		for _, name := range lines[1:] {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if _, seen := dates[name]; !seen {
				dates[name] = when
			}
		}
	}
	return dates, nil
}
