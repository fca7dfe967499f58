package server

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/corpus"
	"github.com/parcours/parcours/internal/output"
)

// TestRealSessionEqualsFreshBuild serves a generated site through the real
// build.Session, as `parcours serve` does, makes edits of every sort, and
// after each reload compares what the server holds with a fresh build of
// the same files, byte for byte: the promise of the dev server.
func TestRealSessionEqualsFreshBuild(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	if _, err := corpus.Generate(root, 40, 7); err != nil {
		t.Fatal(err)
	}
	srv, events := serveSession(t, root)
	// A fresh build of the same files, with the options serve builds with.
	opts := build.Options{Root: root, Serve: true}

	file := func(glob string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(glob)))
		if len(m) == 0 {
			t.Fatalf("no file %s in the generated site", glob)
		}
		slices.Sort(m)
		return m[0]
	}
	edit := func(path string, f func(string) string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	irritant := file("content/irritants/*.md")
	guide := file("content/guides/*.md")
	var guideText []byte
	steps := []struct {
		name string
		do   func()
		// want is the event the edit brings: reload, errors (the edit
		// breaks the build) or ok (the files are as before).
		want string
	}{
		{"a sentence added to a guide", func() {
			edit(guide, func(s string) string { return s + "\nUne phrase de plus.\n" })
		}, "reload"},
		{"an irritant renamed, which journeys and lists show", func() {
			edit(irritant, func(s string) string { return strings.Replace(s, "title: ", "title: Renommé ", 1) })
		}, "reload"},
		{"a new case", func() {
			os.WriteFile(filepath.Join(root, "content", "cases", "nouveau.md"), []byte("---\ntitle: Nouveau cas\ndate: 2030-01-02\nscopes: [Onboarding]\n---\n\n## La mission\n\nTexte.\n"), 0o644)
		}, "reload"},
		{"the new case deleted", func() { os.Remove(filepath.Join(root, "content", "cases", "nouveau.md")) }, "reload"},
		{"a guide that others link to deleted", func() {
			guideText, _ = os.ReadFile(guide)
			os.Remove(guide)
		}, "errors"},
		{"the guide back, as it was before", func() { os.WriteFile(guide, guideText, 0o644) }, "ok"},
		{"a static file added", func() {
			os.MkdirAll(filepath.Join(root, "static"), 0o755)
			os.WriteFile(filepath.Join(root, "static", "note.txt"), []byte("note\n"), 0o644)
		}, "reload"},
		{"the configuration's title changed", func() {
			edit(filepath.Join(root, "parcours.toml"), func(s string) string {
				i := strings.Index(s, "\n")
				return "title = \"Autre titre\"" + s[i:]
			})
		}, "reload"},
	}
	for _, st := range steps {
		t.Log(st.name)
		st.do()
		if st.want == "errors" {
			if ev := waitFor(t, events, "errors"); len(ev.Errors) == 0 {
				t.Errorf("after %s: an errors event with no error", st.name)
			}
			continue
		}
		fresh := output.NewMemory()
		if _, err := build.Run(opts, fresh); err != nil {
			t.Fatalf("after %s: fresh build: %v", st.name, err)
		}
		// A save seen half written is rebuilt again when the rest lands
		// (on a slow machine the quiet window can fall between the two):
		// what counts is that the server settles on the fresh build.
		deadline := time.Now().Add(wait)
		for {
			diffs := differences(srv.tree.Load(), fresh)
			if len(diffs) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("after %s, the server still differs from a fresh build: %s", st.name, strings.Join(diffs, "; "))
				break
			}
			select {
			case ev := <-events:
				if ev.Kind == "errors" {
					t.Fatalf("after %s: %v", st.name, ev.Errors)
				}
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

// differences lists what tells two trees apart.
func differences(served, fresh *output.Memory) []string {
	if !slices.Equal(served.Names(), fresh.Names()) {
		return []string{fmt.Sprintf("%d files against %d", len(served.Names()), len(fresh.Names()))}
	}
	var out []string
	for _, n := range fresh.Names() {
		a, _ := served.Get(n)
		b, _ := fresh.Get(n)
		if !bytes.Equal(a, b) {
			out = append(out, n+" differs")
		}
	}
	return out
}
