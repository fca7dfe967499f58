package config

import (
	"strings"
	"testing"
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
		{"theme path", "theme = '../x'\n", "theme must be a folder name"},
		{"not utf8", "title = '\xff'\n", "not valid UTF-8"},
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
	if cfg.BaseURL != "https://x.org/sub/" {
		t.Errorf("baseURL got %q, want a trailing slash added", cfg.BaseURL)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = 'x'\n"))
	f.Add([]byte("[a]\nb = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse("parcours.toml", data)
	})
}
