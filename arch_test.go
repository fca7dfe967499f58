package parcours

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// stages lists the packages under internal/ in the order of the pipeline
// (docs/architecture.md): a package may import only the ones before it, and
// the shared leaves. A package missing from both lists fails the test, so a
// new package is placed deliberately.
var stages = []string{
	"config", "content", "markdown", "journey", "links", "taxonomy",
	"render", "model", "search/analysis", "search/indexfile", "search",
	"publish", "build", "server", "archetype", "schema",
}

// leaves are shared by every stage and import no stage.
var leaves = []string{"diag", "slug", "urls", "par", "suggest", "langtag", "sitefs", "output", "ospath", "rawfile", "textfile", "version", "gitinfo", "cache", "collation"}

// tools are commands and test helpers, which may import anything.
var tools = []string{"browsertest", "exampletest", "corpus", "corpus/cmd/gencorpus", "journey/cmd/genwidths", "search/searchtest"}

const module = "github.com/parcours/parcours/internal/"

func TestImportsFollowThePipeline(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir("internal", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, "internal"+string(filepath.Separator))))
		seen[pkg] = true
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if slices.Contains(tools, pkg) {
			return nil
		}
		at := slices.Index(stages, pkg)
		if at < 0 && !slices.Contains(leaves, pkg) {
			t.Errorf("internal/%s is in no list of arch_test.go: place it among the stages or the leaves", pkg)
			return nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			dep, ok := strings.CutPrefix(p, module)
			if !ok || slices.Contains(leaves, dep) {
				continue
			}
			switch i := slices.Index(stages, dep); {
			case slices.Contains(leaves, pkg):
				t.Errorf("%s: the leaf internal/%s imports internal/%s", path, pkg, dep)
			case i < 0 || i >= at:
				t.Errorf("%s: internal/%s imports internal/%s, a later stage (or a tool): move the shared part down", path, pkg, dep)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range append(append(slices.Clone(stages), leaves...), tools...) {
		if !seen[pkg] {
			t.Errorf("arch_test.go lists internal/%s, which has no Go file", pkg)
		}
	}
}
