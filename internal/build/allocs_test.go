package build

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/corpus"
)

// allocBaseline holds the allocations of one cold build of the 1,000-page
// corpus, as testing.Benchmark counts them: a count, unlike a time, does
// not depend on how busy the machine is, so CI can hold it.
const allocBaseline = "testdata/allocs-1000.txt"

// allocSlack is how far a change may raise the count before the guard
// fails; the count varies a little with the scheduling of the workers.
const allocSlack = 1.3

var updateAllocs = flag.Bool("update-allocs", false, "rewrite "+allocBaseline+" with the count measured now")

// TestAllocationGuard fails when a cold build of the 1,000-page corpus
// allocates more than allocSlack times the committed baseline. It takes a
// few seconds, so it runs where .ci/run sets PARCOURS_ALLOC_GUARD=1 (or with
// -update-allocs, after a change that lowers the count for good).
func TestAllocationGuard(t *testing.T) {
	if os.Getenv("PARCOURS_ALLOC_GUARD") != "1" && !*updateAllocs {
		t.Skip("set PARCOURS_ALLOC_GUARD=1 to measure the allocations of a 1,000-page build")
	}
	root := filepath.Join(t.TempDir(), "site")
	if _, err := corpus.Generate(root, 1000, 42); err != nil {
		t.Fatal(err)
	}
	// Written nowhere: the guard counts the pipeline's allocations, not
	// the file system's.
	var buildErr error
	res := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := Run(Options{Root: root}, discard{}); err != nil {
				buildErr = err
				b.FailNow()
			}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	got := res.AllocsPerOp()
	t.Logf("%d allocations per build (%d runs), %d bytes", got, res.N, res.AllocedBytesPerOp())
	if *updateAllocs {
		data := fmt.Sprintf("# allocations of one cold build of the 1,000-page corpus (full mix, seed 42),\n# from go test ./internal/build -run AllocationGuard -update-allocs\n%d\n", got)
		if err := os.WriteFile(allocBaseline, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := readBaseline(allocBaseline)
	if err != nil {
		t.Fatal(err)
	}
	if limit := int64(float64(want) * allocSlack); got > limit {
		t.Errorf("a 1,000-page build allocates %d times, more than %.1f × the baseline %d (%s): find what allocates (go test -bench Build1000 -memprofile), or rewrite the baseline with -update-allocs if the rise is deliberate", got, allocSlack, want, allocBaseline)
	}
}

// readBaseline reads the count of a baseline file: its first line that is
// not a comment.
func readBaseline(name string) (int64, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			n, err := strconv.ParseInt(line, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s: no count", name)
}
