package textfile_test

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/exampletest"
	"github.com/parcours/parcours/internal/output"
)

// windowsSaves are the ways Windows editors save a text file: Notepad's
// UTF-8 (with BOM), its "UTF-16 LE" and "UTF-16 BE", and CRLF line endings
// with any of them.
var windowsSaves = []struct {
	name   string
	encode func(lf []byte) []byte
}{
	{"CRLF", func(b []byte) []byte { return toCRLF(b) }},
	{"UTF-8 BOM", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), b...) }},
	{"UTF-8 BOM, CRLF", func(b []byte) []byte { return append([]byte("\xef\xbb\xbf"), toCRLF(b)...) }},
	{"UTF-16 LE BOM, CRLF", func(b []byte) []byte { return toUTF16(toCRLF(b), binary.LittleEndian) }},
	{"UTF-16 BE BOM", func(b []byte) []byte { return toUTF16(b, binary.BigEndian) }},
}

func toCRLF(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

func crlf(s string) string { return string(toCRLF([]byte(s))) }

// toUTF16 writes b as UTF-16 with its byte-order mark.
func toUTF16(b []byte, order binary.ByteOrder) []byte {
	units := utf16.Encode([]rune(string(b)))
	out := make([]byte, 2+2*len(units))
	order.PutUint16(out, 0xfeff)
	for i, u := range units {
		order.PutUint16(out[2+2*i:], u)
	}
	return out
}

// The example site saved by Windows editors (every page and parcours.toml
// in one of the encodings above, in turn) builds the same site, byte for
// byte, as the site with LF UTF-8 files.
func TestWindowsSavedSiteBuildsLikeItsLFTwin(t *testing.T) {
	example := exampletest.Root(t)
	lfRoot, winRoot := t.TempDir(), t.TempDir()
	used := map[string]int{}
	i := 0
	copyFile := func(rel string) {
		src, err := os.ReadFile(filepath.Join(example, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, []byte("\r")) || bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
			t.Fatalf("%s is not plain LF UTF-8: the twin would not be one", rel)
		}
		win := src
		if strings.HasSuffix(rel, ".md") || strings.HasSuffix(rel, ".toml") {
			save := windowsSaves[i%len(windowsSaves)]
			win = save.encode(src)
			used[save.name]++
			i++
		}
		for root, data := range map[string][]byte{lfRoot: src, winRoot: win} {
			dst := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	copyFile("parcours.toml")
	err := fs.WalkDir(os.DirFS(example), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			copyFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) != len(windowsSaves) {
		t.Fatalf("encodings used: %v; want every one of the %d", used, len(windowsSaves))
	}

	lf, win := output.NewMemory(), output.NewMemory()
	if _, err := build.Run(build.Options{Root: lfRoot}, lf); err != nil {
		t.Fatalf("LF twin: %v", err)
	}
	if _, err := build.Run(build.Options{Root: winRoot}, win); err != nil {
		t.Fatalf("Windows-saved site: %v", err)
	}
	names := lf.Names()
	if strings.Join(names, "\n") != strings.Join(win.Names(), "\n") {
		t.Fatalf("the builds wrote different files:\nLF: %v\nWindows: %v", names, win.Names())
	}
	if len(names) < 100 {
		t.Fatalf("the example site built only %d files: not the example site", len(names))
	}
	for _, n := range names {
		a, _ := lf.Get(n)
		b, _ := win.Get(n)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the LF site and the Windows-saved site", n)
		}
	}
}

// A page that cannot be read as text is refused at its first line, with the
// fix, and the site's other pages still load.
func TestUnreadablePageIsADiagnostic(t *testing.T) {
	noBOM := toUTF16([]byte("---\ntitle: X\n---\n"), binary.LittleEndian)[2:]
	p, ds := content.Parse("content/guides/x.md", "guides/x.md", noBOM)
	if p != nil || len(ds) != 1 {
		t.Fatalf("Parse = %v, %v; want no page and one diagnostic", p, ds)
	}
	const want = "content/guides/x.md:1:1: file holds NUL bytes, as UTF-16 without a byte-order mark does: save it as UTF-8"
	if got := ds[0].Error(); got != want {
		t.Errorf("diagnostic = %q, want %q", got, want)
	}
}
