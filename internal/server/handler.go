package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// EventsPath is where pages listen for build events. Its prefix is reserved:
// a site file under /__parcours/ is never served.
const EventsPath = "/__parcours/events"

const reservedPrefix = "/__parcours/"

// Handler serves the current tree, the event stream and nothing else.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "unknown host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
		return
	}
	name, ok := fileName(r.URL.Path, r.URL.EscapedPath())
	if !ok || strings.HasPrefix(r.URL.Path, reservedPrefix) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if st := s.snapshot(); st.Version == 0 && len(st.Errors) > 0 {
		// No build has succeeded yet: there is no page to show, so every
		// address shows what stands in the way.
		body := inject(unbuilt(st), st)
		h.Set("Content-Type", types[".html"])
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method == http.MethodGet {
			w.Write(body)
		}
		return
	}
	tree := s.tree.Load()
	body, found := tree.Get(name)
	if !found && !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		// A folder asked for without its slash: send the browser to the
		// canonical URL, so relative links in the page resolve as built.
		if _, dir := tree.Get(name + "/index.html"); dir {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
		name = "404.html"
		if body, found = tree.Get(name); !found {
			body = []byte(fallback404)
		}
	}
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		body = inject(body, s.snapshot())
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// hostAllowed refuses, on a loopback address, requests naming another
// host: a web page whose domain was made to resolve to 127.0.0.1 (DNS
// rebinding) could otherwise read the unpublished drafts the preview serves.
func (s *Server) hostAllowed(host string) bool {
	if !s.loopback {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	hip := net.ParseIP(host)
	return hip != nil && hip.IsLoopback()
}

// fileName maps a URL path to a name in the tree, or refuses it. The tree
// cannot hold a name outside the site, but a preview server is probed like
// any other, so anything that is not a plain path is refused outright: dot
// segments in any spelling (the decoded path shows /../ for %2e%2e/),
// encoded separators (..%2f), doubled slashes, backslashes, NUL, and
// encodings left after one decoding (%252e), which only a traversal attempt
// produces.
func fileName(decoded, escaped string) (string, bool) {
	if !strings.HasPrefix(decoded, "/") || strings.ContainsAny(decoded, "\\\x00") {
		return "", false
	}
	for _, sep := range []string{"%2f", "%5c"} {
		if strings.Contains(strings.ToLower(escaped), sep) {
			return "", false
		}
	}
	for _, enc := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(strings.ToLower(decoded), enc) {
			return "", false
		}
	}
	name := decoded[1:]
	dir := name == "" || strings.HasSuffix(name, "/")
	trimmed := strings.TrimSuffix(name, "/")
	if trimmed != "" {
		for seg := range strings.SplitSeq(trimmed, "/") {
			if seg == "" || seg == "." || seg == ".." {
				return "", false
			}
		}
	}
	if dir {
		return path.Join(trimmed, "index.html"), true
	}
	return name, true
}

// types fixes the content types of the files a site is made of, so that
// they do not depend on the machine's mime tables.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".pdf":   "application/pdf",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".wasm":  "application/wasm",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// fallback404 stands in for a site without 404.html, or before the first
// good build; it carries the reload script like any page.
const fallback404 = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><main><h1>Not found</h1><p>No page at this address. It appears here as soon as a build writes it.</p></main></body></html>
`

// inject places the reload script, with the server's current state, before
// the last </body>, or at the end of a page that has none.
func inject(page []byte, state Event) []byte {
	data, err := json.Marshal(state)
	if err != nil {
		// An Event always marshals; a page without live reload beats a 500.
		return page
	}
	// json.Marshal escapes <, > and &, so the state cannot close the script.
	script := "<script data-parcours-live>" + reloadJS + "(" + string(data) + ");</script>"
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

func lastIndexFold(b []byte, sub string) int {
	for i := len(b) - len(sub); i >= 0; i-- {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(sub)], []byte(sub)) {
			return i
		}
	}
	return -1
}

// heartbeat keeps idle event streams open through proxies and lets the
// server notice pages that went away.
const heartbeat = 20 * time.Second

func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	c, hello := s.subscribe()
	defer s.unsubscribe(c)
	// retry makes the browser reconnect within half a second after a restart
	// instead of its default of several seconds.
	fmt.Fprint(w, "retry: 500\n\n")
	if err := sendEvent(w, hello); err != nil {
		return
	}
	flusher.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case ev, ok := <-c:
			if !ok {
				return
			}
			if err := sendEvent(w, ev); err != nil {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		}
		flusher.Flush()
	}
}

func sendEvent(w http.ResponseWriter, ev Event) error {
	data, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "data: %s\n\n", data)
	return err
}
