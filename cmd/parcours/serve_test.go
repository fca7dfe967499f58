package main

import (
	"testing"
)

func TestOverlayText(t *testing.T) {
	tests := []struct {
		name, toml  string
		lang, title string
	}{
		{"French site", "language = \"fr\"\n", "fr", "Le site n’a pas encore été construit"},
		{"English site", "language = \"en\"\n", "en", "The site has not built yet"},
		{"a language the theme lacks", "language = \"de\"\n", "en", "The site has not built yet"},
		{"a broken configuration", "language = \n", "fr", "Le site n’a pas encore été construit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := overlayText(site(t, map[string]string{"parcours.toml": tt.toml}))
			if text["lang"] != tt.lang || text["overlay_unbuilt"] != tt.title {
				t.Errorf("got lang %q, title %q; want %q, %q", text["lang"], text["overlay_unbuilt"], tt.lang, tt.title)
			}
		})
	}
}
