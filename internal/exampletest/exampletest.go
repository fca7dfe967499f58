// Package exampletest builds the repository's own site, the example
// knowledge base, for the tests that open it in a browser. It is its own
// package because browsertest is used by stages that build itself needs
// (journey), which must not import build.
package exampletest

import (
	"path/filepath"
	"testing"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
)

// Root is the example site, which is the repository itself: tests run in
// their package's folder, two levels below it.
func Root(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// Build builds the example site to disk at dest, with or without
// --relative-urls.
func Build(t testing.TB, dest string, relative bool) {
	t.Helper()
	root := Root(t)
	d, err := output.NewDisk(root, dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(build.Options{Root: root, RelativeURLs: relative}, d); err != nil {
		d.Abort()
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}
