package config

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"github.com/parcours/parcours/internal/diag"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unknown key", "title = 'x'\ntitel = 'y'\n", `parcours.toml:2:1: unknown key "titel"; did you mean "title"?`},
		{"wrong type int", "title = 'x'\npaginate = 'a'\n", "parcours.toml:2"},
		{"wrong type list", "title = 'x'\nstages = 'a'\n", "parcours.toml:2"},
		{"syntax", "title = \n", "parcours.toml:1"},
		{"bad paginate", "paginate = 0\n", "parcours.toml:1:1: paginate must be at least 1"},
		{"bad paginate, key in another case", "title = 'x'\n\"PagiNate\" = 0\n", "parcours.toml:2:1: paginate must be at least 1"},
		{"theme path", "theme = '../x'\n", "theme must be a folder name"},
		{"not utf8", "title = '\xff'\n", "not valid UTF-8"},
		{"bad broken links", "title = 'x'\n[links]\nbroken = 'ignore'\n", `parcours.toml:3:1: [links] broken must be "error" or "warn", not "ignore"`},
		{"unknown links key", "[links]\nbrokn = 'warn'\n", `unknown key "links.brokn"; did you mean "links.broken"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("parcours.toml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := Parse("parcours.toml", []byte("\xef\xbb\xbftitle = \"Mon site\"\r\nbaseURL = \"https://x.org/sub\"\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "Mon site" || cfg.Paginate != 20 || cfg.Language != "fr" || len(cfg.Taxonomies) != 5 {
		t.Errorf("got %+v", cfg)
	}
	if cfg.Links.Broken != Error {
		t.Errorf("[links] broken got %q, want %q by default", cfg.Links.Broken, Error)
	}
	if cfg, err := Parse("parcours.toml", []byte("[links]\nbroken = \"warn\"\n")); err != nil || cfg.Links.Broken != Warn {
		t.Errorf("[links] broken = \"warn\": got %q, %v", cfg.Links.Broken, err)
	}
	if cfg.BaseURL != "https://x.org/sub/" {
		t.Errorf("baseURL got %q, want a trailing slash added", cfg.BaseURL)
	}
}

// FuzzParse checks two properties on any input: every problem found in a
// UTF-8 file is reported at one of its lines, and a configuration that
// parses comes back equal once written out with go-toml and parsed again.
func FuzzParse(f *testing.F) {
	f.Add([]byte("title = 'x'\n"))
	f.Add([]byte("[a]\nb = 1\n"))
	f.Add([]byte("title = 'x'\ntaxonomies = ['a', 'b']\npaginate = 3\nunsafeHTML = true\nbaseURL = 'https://x.org'\n"))
	f.Add([]byte("paginate = 0\ntheme = '..'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("parcours.toml", data)
		if err != nil {
			var errs *diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %T %v, want diagnostics", err, err)
			}
			if !utf8.Valid(data) {
				return
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, d := range errs.List {
				if d.Line < 1 || d.Line > lines {
					t.Errorf("%q: %q is not at a line of the file", data, d.Error())
				}
			}
			return
		}
		out, err := toml.Marshal(cfg)
		if err != nil {
			t.Fatalf("%+v does not encode: %v", cfg, err)
		}
		again, err := Parse("parcours.toml", out)
		if err != nil {
			t.Fatalf("%q parsed, but not once written out as %q: %v", data, out, err)
		}
		if !reflect.DeepEqual(cfg, again) {
			t.Errorf("%q: got %+v, then %+v once written out", data, cfg, again)
		}
	})
}
