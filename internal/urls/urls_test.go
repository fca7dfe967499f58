package urls

import "testing"

func TestHref(t *testing.T) {
	tests := []struct {
		base     string
		relative bool
		from, to string
		want     string
	}{
		{"https://x.org/", false, "/cases/a/", "/guides/b/", "/guides/b/"},
		{"https://x.org/sub", false, "/cases/a/", "/guides/b/#x", "/sub/guides/b/#x"},
		{"/", true, "/cases/a/", "/guides/b/", "../../guides/b/index.html"},
		{"/", true, "/cases/a/", "/cases/a/logo.svg", "logo.svg"},
		{"/", true, "/", "/css/site.css", "css/site.css"},
		{"/", true, "/", "/", "index.html"},
		{"/", true, "/cases/a/", "/guides/b/#h", "../../guides/b/index.html#h"},
		{"/", true, "/404.html", "/cases/", "cases/index.html"},
		{"/", true, "/cases/", "/cases/page/2/", "page/2/index.html"},
		{"/", false, "/cases/a/", "https://example.org/", "https://example.org/"},
		{"/", true, "/cases/a/", "#top", "#top"},
	}
	for _, tt := range tests {
		m := New(tt.base, tt.relative)
		if got := m.Href(tt.from, tt.to); got != tt.want {
			t.Errorf("Href(%q, %q) base %q relative %v: got %q, want %q", tt.from, tt.to, tt.base, tt.relative, got, tt.want)
		}
	}
}
