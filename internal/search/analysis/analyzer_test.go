package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("mot ", 100)
	tests := []struct{ in, want string }{
		{"  court\n texte  ", "court texte"},
		{strings.Repeat("a", excerptRunes), strings.Repeat("a", excerptRunes)},
		{long, strings.TrimSpace(long[:excerptRunes-1])},
	}
	for _, tt := range tests {
		if got := clip(tt.in); got != tt.want {
			t.Errorf("clip(%q…) = %q, want %q", tt.in[:min(20, len(tt.in))], got, tt.want)
		}
	}
}

// BenchmarkAnalyze times the analysis of the example site's Markdown, the
// per-word cost that dominates indexing a large site; the Analyzer is warm,
// as it is after the first pages of a build.
func BenchmarkAnalyze(b *testing.B) {
	var docs []Document
	err := filepath.WalkDir(filepath.Join("..", "..", "..", "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		docs = append(docs, Document{URL: "/" + p, Title: filepath.Base(p), Body: string(src)})
		return err
	})
	if err != nil || len(docs) == 0 {
		b.Fatal("no content to analyse", err)
	}
	words := 0
	for _, d := range docs {
		words += len(strings.Fields(d.Body))
	}
	an := NewAnalyzer("fr")
	for _, d := range docs {
		an.Analyze(d)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			an.Analyze(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*words), "ns/word")
}
