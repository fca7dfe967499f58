// Package urls writes the links of a page: absolute under the site's base
// path, or, with --relative-urls, relative to the page and ending in
// index.html so that the site works opened from disk.
package urls

import (
	"net/url"
	"strings"
)

// Maker turns site paths (/cases/qonto/, /css/site.css#x) into hrefs.
type Maker struct {
	// Base is the path of baseURL ("/" or "/sub/").
	Base string
	// Relative makes every href relative to the page that holds it.
	Relative bool
}

// New returns a Maker for a base URL.
func New(baseURL string, relative bool) Maker {
	base := "/"
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		base = u.Path
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return Maker{Base: base, Relative: relative}
}

// Href returns the href of target, a site path starting with "/", written in
// the page at site path from (a folder URL such as /cases/qonto/ or a file
// such as /404.html). Anything else (external URLs, #fragments) is returned
// as it is.
func (m Maker) Href(from, target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	if !m.Relative {
		return m.Base + target[1:]
	}
	path, suffix := target, ""
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		path, suffix = target[:i], target[i:]
	}
	if strings.HasSuffix(path, "/") {
		path += "index.html"
	}
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	fromParts := strings.Split(strings.Trim(fromDir, "/"), "/")
	if fromDir == "/" {
		fromParts = nil
	}
	toParts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	i := 0
	for i < len(fromParts) && i < len(toParts)-1 && fromParts[i] == toParts[i] {
		i++
	}
	rel := strings.Repeat("../", len(fromParts)-i) + strings.Join(toParts[i:], "/")
	return rel + suffix
}

// Abs returns the absolute URL of a site path, for canonical links, feeds
// and sitemaps, which need one whatever the link style.
// The path is percent-encoded: a sitemap, a feed or a redirect rule takes
// the URL as it is written.
func Abs(baseURL, target string) string {
	return strings.TrimSuffix(baseURL, "/") + "/" + Escape(strings.TrimPrefix(target, "/"))
}

// Escape percent-encodes a path (spaces, non-ASCII letters…), leaving a
// ?query or #fragment after it as it is.
func Escape(p string) string {
	suffix := ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, suffix = p[:i], p[i:]
	}
	return (&url.URL{Path: p}).EscapedPath() + suffix
}
