package build

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/output"
)

func TestZZProfRebuild(t *testing.T) {
	root := os.Getenv("ZZ_SITE")
	if root == "" {
		t.Skip()
	}
	cases, _ := filepath.Glob(filepath.Join(root, "content", "cases", "*.md"))
	page := cases[len(cases)/2]
	orig, _ := os.ReadFile(page)
	defer os.WriteFile(page, orig, 0o644)
	rel, _ := filepath.Rel(root, page)
	var last time.Time
	stages := map[string]time.Duration{}
	cur := ""
	prog := func(st string) {
		now := time.Now()
		if cur != "" {
			stages[cur] += now.Sub(last)
		}
		cur, last = st, now
	}
	sess := NewSession(Options{Root: root, Serve: true, Progress: prog})
	if _, err := sess.Build(output.NewMemory()); err != nil {
		t.Fatal(err)
	}
	clear(stages)
	f, _ := os.Create("/tmp/rebuild.prof")
	pprof.StartCPUProfile(f)
	n := 200
	var total time.Duration
	for i := 0; i < n; i++ {
		edited := append(append([]byte(nil), orig...), "\nUne phrase ajoutée, révision "+strconv.Itoa(i)+".\n"...)
		os.WriteFile(page, edited, 0o644)
		sess.Changed([]string{filepath.ToSlash(rel)})
		cur = ""
		start := time.Now()
		prog("start")
		if _, err := sess.Build(output.NewMemory()); err != nil {
			t.Fatal(err)
		}
		prog("")
		total += time.Since(start)
	}
	pprof.StopCPUProfile()
	f.Close()
	t.Logf("mean rebuild %v", total/time.Duration(n))
	for k, v := range stages {
		t.Logf("%s %v", k, v/time.Duration(n))
	}
}
