package textfile_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parcours/parcours/internal/textfile"
)

func TestUTF8(t *testing.T) {
	// Accents, a ligature and a character outside the BMP (a surrogate pair
	// in UTF-16), in frontmatter and body.
	const page = "---\ntitle: Étude cœur 🙂\n---\n\n## Résultats\n\nTexte.\n"
	tests := []struct {
		name string
		src  []byte
	}{
		{"UTF-8, LF", []byte(page)},
		{"UTF-8, CRLF", []byte(crlf(page))},
		{"UTF-8 with BOM, LF", append([]byte("\xef\xbb\xbf"), page...)},
		{"UTF-8 with BOM, CRLF", append([]byte("\xef\xbb\xbf"), crlf(page)...)},
		{"UTF-16 LE with BOM, LF", toUTF16([]byte(page), binary.LittleEndian)},
		{"UTF-16 LE with BOM, CRLF", toUTF16([]byte(crlf(page)), binary.LittleEndian)},
		{"UTF-16 BE with BOM, CRLF", toUTF16([]byte(crlf(page)), binary.BigEndian)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := textfile.UTF8(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != page {
				t.Errorf("UTF8 = %q, want %q", got, page)
			}
		})
	}
}

func TestUTF8Refuses(t *testing.T) {
	le := toUTF16([]byte("title: x\n"), binary.LittleEndian)
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"UTF-16 LE without BOM", le[2:], "NUL bytes"},
		{"UTF-16 BE without BOM", toUTF16([]byte("title: x\n"), binary.BigEndian)[2:], "NUL bytes"},
		{"UTF-32 LE", []byte("\xff\xfe\x00\x00t\x00\x00\x00"), "UTF-32"},
		{"UTF-32 BE", []byte("\x00\x00\xfe\xff\x00\x00\x00t"), "UTF-32"},
		{"UTF-16 cut in the middle of a unit", le[:len(le)-1], "odd number of bytes"},
		{"UTF-16 with a lone high surrogate", []byte("\xff\xfe\x3d\xd8a\x00"), "unpaired surrogate"},
		{"UTF-16 with a lone low surrogate", []byte("\xff\xfea\x00\x00\xde"), "unpaired surrogate"},
		{"UTF-16 ending on a high surrogate", []byte("\xff\xfea\x00\x3d\xd8"), "unpaired surrogate"},
		{"UTF-16 holding a NUL character", []byte("\xff\xfea\x00\x00\x00"), "NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := textfile.UTF8(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("UTF8 = %q, %v; want an error about %s", got, err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), "save it") {
				t.Errorf("error %q does not tell how to fix the file", err)
			}
		})
	}
}

// Whatever the text, saving it as UTF-16 (either order) with CRLF line
// endings and reading it back gives the text with LF endings.
func FuzzUTF8(f *testing.F) {
	f.Add("---\ntitle: Étude\n---\nTexte 🙂\n")
	f.Add("a\r\nb\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r") {
			return
		}
		for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			got, err := textfile.UTF8(toUTF16([]byte(crlf(s)), order))
			if err != nil {
				t.Fatalf("%v: %v", order, err)
			}
			if !bytes.Equal(got, []byte(s)) {
				t.Fatalf("%v: UTF8 = %q, want %q", order, got, s)
			}
		}
	})
}
