package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

// wait bounds every wait for the server, only so that a hung test fails
// instead of running until the global timeout.
const wait = 20 * time.Second

// testSite is a temporary site served by a real Server with a real watcher.
type testSite struct {
	t     testing.TB
	root  string
	quiet time.Duration
	srv   *Server
	base  string
	stop  func() // stops the server and waits for Serve to return

	builds atomic.Int32
	log    syncBuffer
	// overlay is Config.Overlay.
	overlay func() map[string]string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startSite writes files (slash paths under the site root) and serves them.
func startSite(t testing.TB, quiet time.Duration, files map[string]string) *testSite {
	t.Helper()
	s := newSite(t, quiet, files)
	s.start(0)
	t.Cleanup(func() { s.stop() })
	return s
}

func newSite(t testing.TB, quiet time.Duration, files map[string]string) *testSite {
	t.Helper()
	s := &testSite{t: t, root: filepath.Join(t.TempDir(), "site"), quiet: quiet}
	for name, body := range files {
		s.write(name, body)
	}
	return s
}

// start serves the site on port, or on any free port when port is 0.
func (s *testSite) start(port int) {
	s.t.Helper()
	srv, err := New(Config{Root: s.root, Port: port, Build: s.build, Log: &s.log, Quiet: s.quiet, Overlay: s.overlay})
	if err != nil {
		s.t.Fatal(err)
	}
	s.srv = srv
	s.base = "http://" + srv.Addr()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	s.stop = sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			s.t.Errorf("Serve: %v", err)
		}
	})
}

func (s *testSite) write(name, body string) {
	s.t.Helper()
	p := filepath.Join(s.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testSite) path(name string) string {
	return filepath.Join(s.root, filepath.FromSlash(name))
}

// build stands in for the real pipeline: content/x/y.md becomes
// x/y/index.html (content/index.md the home page), static/ is copied, and a
// file or config containing BROKEN is a diagnostic at its line and column,
// and a file containing PANIC makes it panic.
// A file without read permission fails like an unreadable file, also when
// the tests run as root, who could read it anyway.
func (s *testSite) build() (*output.Memory, error) {
	s.builds.Add(1)
	out := output.NewMemory()
	var errs diag.List
	check := func(rel string, data []byte) {
		for i, line := range strings.Split(string(data), "\n") {
			if col := strings.Index(line, "BROKEN"); col >= 0 {
				errs.Addf(rel, i+1, col+1, "cannot parse %q", line)
			}
		}
	}
	if data, err := os.ReadFile(s.path("parcours.toml")); err == nil {
		check("parcours.toml", data)
	}
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && p != s.root && ignored(d.Name()) {
			return fs.SkipDir
		}
		if d.IsDir() || ignored(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o400 == 0 {
			return &fs.PathError{Op: "open", Path: rel, Err: fs.ErrPermission}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(rel, "static/"):
			return out.WriteFile(strings.TrimPrefix(rel, "static/"), data)
		case strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md"):
			if string(data) == "PANIC" {
				panic("boom")
			}
			check(rel, data)
			page := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")
			name := page + "/index.html"
			if page == "index" {
				name = "index.html"
			}
			return out.WriteFile(name, []byte(`<!doctype html><html><head><title>`+page+
				`</title><link rel="stylesheet" href="/css/site.css"></head><body><h1 id="title">`+
				html.EscapeString(strings.TrimSpace(string(data)))+
				`</h1><div style="height:4000px"></div></body></html>`))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, out.WriteFile("404.html", []byte("<!doctype html><html><body><h1>Missing</h1></body></html>"))
}

type response struct {
	status int
	header http.Header
	body   string
}

// get fetches a path without following redirects.
func (s *testSite) get(path string) response {
	s.t.Helper()
	client := &http.Client{
		Timeout:       wait,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get(s.base + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// events opens an event stream and returns its events, hello first.
func (s *testSite) events() <-chan Event {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		s.t.Fatalf("events Content-Type = %q", ct)
	}
	s.t.Cleanup(cancel)
	return readEvents(resp.Body)
}

// readEvents decodes an event stream's events until it ends; a malformed
// event is a server bug, not something a test may skip.
func readEvents(body io.ReadCloser) <-chan Event {
	ch := make(chan Event, 64)
	go func() {
		defer close(ch)
		defer body.Close()
		sc := bufio.NewScanner(body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var ev Event
			if err := json.Unmarshal([]byte(data), &ev); err != nil {
				panic(fmt.Sprintf("bad event %q: %v", data, err))
			}
			ch <- ev
		}
	}()
	return ch
}

// next returns the next event from the stream.
func next(t testing.TB, ch <-chan Event) Event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(wait):
		t.Fatal("no event")
	}
	return Event{}
}

// settle opens a stream and consumes its hello, so that what follows is
// caused by the test's own edits.
func (s *testSite) settle() (<-chan Event, Event) {
	s.t.Helper()
	ch := s.events()
	hello := next(s.t, ch)
	if hello.Kind != "hello" {
		s.t.Fatalf("first event = %+v, want hello", hello)
	}
	return ch, hello
}

var basicSite = map[string]string{
	"parcours.toml":       "title = \"Test\"\n",
	"content/index.md":    "Home",
	"content/a.md":        "Alpha",
	"content/cases/b.md":  "Bravo",
	"static/css/site.css": "h1 { color: black }\n",
}
