package build

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parcours/parcours/internal/corpus"
	"github.com/parcours/parcours/internal/markdown"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
)

// BenchmarkRenderLayouts times the theme alone, layout by layout, on the
// 1,000-page corpus of the mix the Hugo comparison uses: what a page of
// each kind costs in templates, without Markdown, search or the disk.
// Each sub-benchmark renders every view of its layout once per iteration.
func BenchmarkRenderLayouts(b *testing.B) {
	root := filepath.Join(b.TempDir(), "site")
	if _, err := corpus.GenerateMix(root, 1000, 42, corpus.Hugo); err != nil {
		b.Fatal(err)
	}
	s, err := load(&Session{opts: Options{Root: root}})
	if err != nil {
		b.Fatal(err)
	}
	s.resolve()
	if err := s.list.Err(); err != nil {
		b.Fatal(err)
	}
	rs := s.renderSite()
	var css bytes.Buffer
	if err := markdown.Stylesheet(&css); err != nil {
		b.Fatal(err)
	}
	pub := publish.New(output.NewMemory(), false, nil)
	if rs.Assets, err = pub.Assets(nil, map[string][]byte{"css/syntax.css": css.Bytes()}, true); err != nil {
		b.Fatal(err)
	}
	byLayout := map[string][]int{}
	outs := s.m.Outputs(rs)
	for i, o := range outs {
		if o.View != nil {
			byLayout[o.Layout] = append(byLayout[o.Layout], i)
		}
	}
	for _, layout := range slices.Sorted(maps.Keys(byLayout)) {
		b.Run(layout, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				for _, i := range byLayout[layout] {
					if _, err := s.theme.Render(layout, outs[i].View); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(byLayout[layout])), "µs/page")
		})
	}
}
