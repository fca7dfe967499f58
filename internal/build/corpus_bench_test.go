package build

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/corpus"
	"github.com/parcours/parcours/internal/links"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/par"
)

// The corpus is generated in the outer benchmark, which runs once, so that
// the timed sub-benchmark (run again for each b.N) does not regenerate it.
// Select one size with an anchored pattern: -bench 'Build1000$'.

func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

// benchmarkBuild times full builds of an n-page generated site into an
// empty output folder, as Hugo's reference figures are taken.
func benchmarkBuild(b *testing.B, n int) {
	if n > 1000 && testing.Short() {
		b.Skip("large corpus skipped in -short mode")
	}
	tmp := b.TempDir()
	root := filepath.Join(tmp, "site")
	if _, err := corpus.Generate(root, n, 42); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(tmp, "public")
	moved := 0
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			w, err := output.NewDisk(root, dest)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Run(Options{Root: root}, w); err != nil {
				w.Abort()
				b.Fatal(err)
			}
			if err := w.Commit(); err != nil {
				b.Fatal(err)
			}
			// Moved aside rather than deleted: on ext4 without a journal,
			// files created just after a large deletion are slowed by the
			// allocator skipping the freed inodes, which would time the
			// previous iteration's cleanup. b.TempDir removes it all.
			b.StopTimer()
			if err := os.Rename(dest, filepath.Join(tmp, "old-"+strconv.Itoa(moved))); err != nil {
				b.Fatal(err)
			}
			moved++
			b.StartTimer()
		}
		// Pages are the generated content pages, not the list and term
		// pages the build adds, so the figure compares with Hugo's per
		// content page.
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}

func BenchmarkResolve1000(b *testing.B)  { benchmarkResolve(b, 1000) }
func BenchmarkResolve10000(b *testing.B) { benchmarkResolve(b, 10000) }

// benchmarkResolve times the resolve stage alone on an n-page site: indexing
// the pages, resolving every reference the Markdown stage asks for (links,
// [[wiki]] links, images, irritants in journeys and frontmatter), checking
// #anchors and gathering backlinks. The references are recorded from a real
// conversion first and replayed, so Markdown parsing is not timed. Issue 4
// asks that this stay linear in the number of links: ns/link at 10,000
// pages (about 100,000 links) should match the figure at 1,000.
func benchmarkResolve(b *testing.B, n int) {
	if n > 1000 && testing.Short() {
		b.Skip("large corpus skipped in -short mode")
	}
	root := b.TempDir()
	if _, err := corpus.Generate(root, n, 42); err != nil {
		b.Fatal(err)
	}
	s, err := load(&Session{opts: Options{Root: root}})
	if err != nil {
		b.Fatal(err)
	}
	pages := s.m.Pages
	conv := markdown.New(markdown.Options{})
	calls := make([][]call, len(pages))
	results := make([]*markdown.Result, len(pages))
	par.Each(len(pages), func(i int) {
		p := pages[i]
		rec := &recorder{Resolver: s.index.For(p)}
		results[i], _ = conv.Convert(markdown.Page{Path: p.Path, Body: p.Body, BodyLine: p.BodyLine, Lang: s.m.Lang(p)}, rec)
		calls[i] = rec.calls
	})
	s.m.Rendered = map[*content.Page]*markdown.Result{}
	for i, p := range pages {
		s.m.Rendered[p] = results[i]
	}
	refs := 0
	for i, p := range pages {
		refs += len(calls[i]) + len(p.Irritants)
	}
	lopts := links.Options{Drafts: s.opts.Drafts, Internal: s.opts.Internal}

	b.Run(strconv.Itoa(refs)+"links", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			ix := links.New(s.content, s.m.URLs, s.staticExists, lopts)
			for i, p := range pages {
				if err := replay(ix.For(p), calls[i]); err != nil {
					b.Fatalf("%s: %v", p.Path, err)
				}
			}
			if ds, _ := ix.CheckAnchors(s.anchors); len(ds) > 0 {
				b.Fatal(ds[0])
			}
			ix.Backlinks()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(refs*b.N), "ns/link")
	})
}

// call is one request of the Markdown stage to the resolver.
type call struct {
	kind byte // 'l' link, 'i' image, 'w' wiki link, 'j' irritant of a journey stage
	arg  string
	pos  markdown.Pos
}

// recorder resolves through the real resolver and remembers each request.
type recorder struct {
	markdown.Resolver
	calls []call
}

func (r *recorder) Link(dest string, image bool, pos markdown.Pos) (string, error) {
	k := byte('l')
	if image {
		k = 'i'
	}
	r.calls = append(r.calls, call{k, dest, pos})
	return r.Resolver.Link(dest, image, pos)
}

func (r *recorder) Wiki(target string, pos markdown.Pos) (string, string, error) {
	r.calls = append(r.calls, call{'w', target, pos})
	return r.Resolver.Wiki(target, pos)
}

func (r *recorder) Irritant(ref string, pos markdown.Pos) (string, string, error) {
	r.calls = append(r.calls, call{'j', ref, pos})
	return r.Resolver.Irritant(ref, pos)
}

// replay resolves a page's recorded requests, then its frontmatter
// irritants, as the Markdown stage does.
func replay(r *links.Resolver, calls []call) error {
	for _, c := range calls {
		var err error
		switch c.kind {
		case 'l', 'i':
			_, err = r.Link(c.arg, c.kind == 'i', c.pos)
		case 'w':
			_, _, err = r.Wiki(c.arg, c.pos)
		case 'j':
			_, _, err = r.Irritant(c.arg, c.pos)
		}
		if err != nil {
			return err
		}
	}
	if _, ds := r.Irritants(); len(ds) > 0 {
		return ds[0]
	}
	return nil
}

// BenchmarkSessionEdit1000 times what the dev server's rebuild costs after
// one edit to a case's body, the first build untimed: the figure behind
// the save-to-reload target, without the watcher's quiet window.
func BenchmarkSessionEdit1000(b *testing.B) {
	root := filepath.Join(b.TempDir(), "site")
	if _, err := corpus.Generate(root, 1000, 42); err != nil {
		b.Fatal(err)
	}
	cases, _ := filepath.Glob(filepath.Join(root, "content", "cases", "*.md"))
	if len(cases) == 0 {
		b.Fatal("no case to edit")
	}
	page := cases[len(cases)/2]
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	rel, err := filepath.Rel(root, page)
	if err != nil {
		b.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	sess := NewSession(Options{Root: root, Serve: true})
	if _, err := sess.Build(output.NewMemory()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		edited := append(append([]byte(nil), orig...), "\nUne phrase ajoutée, révision "+strconv.Itoa(n)+".\n"...)
		if err := os.WriteFile(page, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		// As the dev server's watcher does.
		sess.Changed([]string{rel})
		st, err := sess.Build(output.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Rendered), "rendered")
	}
}
