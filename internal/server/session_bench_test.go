package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/corpus"
	"github.com/parcours/parcours/internal/output"
)

// BenchmarkEditToReloadRealBuild measures what an author waits for: from
// writing one page to the open page's event stream receiving the reload,
// through the real incremental build (a build.Session), quiet window
// included. Sites come from PARCOURS_BENCH_SITE_<N> when set (for example a
// folder written by internal/corpus/cmd/gencorpus), else from
// internal/corpus.
func BenchmarkEditToReloadRealBuild(b *testing.B) {
	for _, pages := range []int{1000, 10000} {
		b.Run("pages="+strconv.Itoa(pages), func(b *testing.B) {
			if pages > 1000 && testing.Short() {
				b.Skip("large site skipped in -short mode")
			}
			root := benchSite(b, pages)
			_, events := serveSession(b, root)

			cases, _ := filepath.Glob(filepath.Join(root, "content", "cases", "*.md"))
			if len(cases) == 0 {
				b.Fatal("no case to edit")
			}
			page := cases[len(cases)/2]
			orig, _ := os.ReadFile(page)
			defer os.WriteFile(page, orig, 0o644)
			var total, built []float64
			n := 0
			for b.Loop() {
				n++
				start := time.Now()
				edited := append(append([]byte(nil), orig...), []byte("\nUne phrase ajoutée, révision "+strconv.Itoa(n)+".\n")...)
				if err := os.WriteFile(page, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				ev := waitFor(b, events, "reload")
				total = append(total, float64(time.Since(start).Microseconds())/1000)
				built = append(built, ev.BuildMS)
			}
			b.ReportMetric(median(total), "median-ms")
			b.ReportMetric(median(built), "build-ms")
		})
	}
}

func benchSite(b *testing.B, pages int) string {
	if dir := os.Getenv("PARCOURS_BENCH_SITE_" + strconv.Itoa(pages)); dir != "" {
		return dir
	}
	root := filepath.Join(b.TempDir(), "site")
	if _, err := corpus.Generate(root, pages, 42); err != nil {
		b.Fatal(err)
	}
	return root
}

// serveSession serves root through a real build.Session, as `parcours
// serve` does, and returns the server and its event stream once the first
// build is done; the server stops when the test or benchmark ends.
func serveSession(tb testing.TB, root string) (*Server, <-chan Event) {
	tb.Helper()
	sess := build.NewSession(build.Options{Root: root, Serve: true})
	srv, err := New(Config{Root: root, Changed: sess.Changed, Build: func() (*output.Memory, error) {
		m := output.NewMemory()
		_, err := sess.Build(m)
		return m, err
	}})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	tb.Cleanup(func() { cancel(); <-done })
	events := subscribe(tb, ctx, srv.URL())
	waitFor(tb, events, "hello")
	return srv, events
}

func subscribe(b testing.TB, ctx context.Context, base string) <-chan Event {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	return readEvents(resp.Body)
}

// waitFor skips events until one of the kind wanted; a generous deadline
// turns a hung server into a failure rather than a hung benchmark.
func waitFor(b testing.TB, ch <-chan Event, kind string) Event {
	deadline := time.After(10 * time.Minute)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				b.Fatal("event stream closed")
			}
			if ev.Kind == kind {
				return ev
			}
			if ev.Kind == "errors" {
				b.Fatalf("build failed: %v", ev.Errors)
			}
		case <-deadline:
			b.Fatalf("no %s event", kind)
		}
	}
}
