package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

func TestServeFiles(t *testing.T) {
	s := startSite(t, 0, basicSite)
	tests := []struct {
		path, status, ctype string
		want                string
		script              bool
	}{
		{"/", "200", "text/html; charset=utf-8", "Home", true},
		{"/a/", "200", "text/html; charset=utf-8", "Alpha", true},
		{"/cases/b/", "200", "text/html; charset=utf-8", "Bravo", true},
		{"/cases/b/index.html", "200", "text/html; charset=utf-8", "Bravo", true},
		{"/css/site.css", "200", "text/css; charset=utf-8", "color: black", false},
		{"/nope/", "404", "text/html; charset=utf-8", "Missing", true},
		{"/nope.css", "404", "text/html; charset=utf-8", "Missing", true},
		// Sources are not served, only the build's output.
		{"/parcours.toml", "404", "text/html; charset=utf-8", "Missing", true},
		{"/content/a.md", "404", "text/html; charset=utf-8", "Missing", true},
	}
	for _, tt := range tests {
		r := s.get(tt.path)
		if got := strconv.Itoa(r.status); got != tt.status {
			t.Errorf("GET %s: status %s, want %s", tt.path, got, tt.status)
		}
		if got := r.header.Get("Content-Type"); got != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, got, tt.ctype)
		}
		if got := r.header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, got)
		}
		if !strings.Contains(r.body, tt.want) {
			t.Errorf("GET %s: body %q lacks %q", tt.path, r.body, tt.want)
		}
		if got := strings.Contains(r.body, "data-parcours-live"); got != tt.script {
			t.Errorf("GET %s: reload script present = %v, want %v", tt.path, got, tt.script)
		}
	}

	r := s.get("/a?x=1")
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/a/?x=1" {
		t.Errorf("GET /a: %d to %q, want 301 to /a/?x=1", r.status, r.header.Get("Location"))
	}
	resp, err := http.Post(s.base+"/a/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /a/: status %d, want 405", resp.StatusCode)
	}
}

// TestTraversal sends raw request lines, since an HTTP client would clean
// some of them before they reach the server.
func TestTraversal(t *testing.T) {
	s := startSite(t, 0, basicSite)
	// Files beside and inside the site root that must never be served.
	secret := "TOP-SECRET-" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(filepath.Join(filepath.Dir(s.root), "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	s.write("parcours.toml", "title = \""+secret+"\"\n")
	for _, target := range []string{
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/a/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/..%2Fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"/.%2e/secret.txt",
		"/%252e%252e/secret.txt",
		"/%252e%252e%252fsecret.txt",
		"/..\\secret.txt",
		"/..%5csecret.txt",
		"/a/..%5c..%5csecret.txt",
		"//../secret.txt",
		"/./a/",
		"/a//",
		"/a%00/",
		"/__parcours/../../secret.txt",
		"/__parcours/x",
		"/../parcours.toml",
		"/%2e%2e/site/parcours.toml",
		"/....//secret.txt",
	} {
		status, body := rawGet(t, s.srv.Addr(), target)
		if status != http.StatusBadRequest && status != http.StatusForbidden && status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400, 403 or 404", target, status)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "root:") {
			t.Errorf("GET %s: served a file outside the site: %q", target, body)
		}
	}
}

func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestEditReloads(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, hello := s.settle()
	if hello.Version != 1 || len(hello.Errors) != 0 || hello.Server == "" {
		t.Fatalf("hello = %+v, want version 1 without errors", hello)
	}
	s.write("content/a.md", "Alpha two")
	ev := next(t, ch)
	if ev.Kind != "reload" || ev.Version != 2 || !slices.Equal(ev.Changed, []string{"a/index.html"}) {
		t.Fatalf("after edit: %+v, want reload of version 2 changing a/index.html", ev)
	}
	if r := s.get("/a/"); !strings.Contains(r.body, "Alpha two") {
		t.Errorf("after edit, /a/ = %q", r.body)
	}
	if !strings.Contains(s.log.String(), "rebuilt in ") {
		t.Errorf("log lacks the rebuild time:\n%s", s.log.String())
	}
}

func TestCSSChangeSwaps(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	s.write("static/css/site.css", "h1 { color: red }\n")
	if ev := next(t, ch); ev.Kind != "css" || !slices.Equal(ev.Changed, []string{"css/site.css"}) {
		t.Fatalf("after CSS edit: %+v, want css changing css/site.css", ev)
	}
	// A save that changes nothing sends nothing: the next event is the
	// following edit's.
	s.write("static/css/site.css", "h1 { color: red }\n")
	s.write("content/a.md", "Alpha two")
	if ev := next(t, ch); ev.Kind != "reload" || !slices.Equal(ev.Changed, []string{"a/index.html"}) {
		t.Fatalf("after a no-op save and an edit: %+v", ev)
	}
}

// TestHalfWrittenFile saves a file whose YAML is cut short, then fixes it.
func TestHalfWrittenFile(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	s.write("content/a.md", "---\ntitle: BROKEN")
	ev := next(t, ch)
	want := `content/a.md:2:8: cannot parse "title: BROKEN"`
	if ev.Kind != "errors" || !slices.Equal(ev.Errors, []string{want}) || ev.Version != 1 {
		t.Fatalf("after a broken save: %+v, want errors [%s] at version 1", ev, want)
	}
	r := s.get("/a/")
	if r.status != 200 || !strings.Contains(r.body, "Alpha") {
		t.Errorf("while broken, /a/ = %d %q, want the last good page", r.status, r.body)
	}
	// A page loaded while broken shows the errors at once.
	if !strings.Contains(r.body, `content/a.md:2:8: cannot parse \"title: BROKEN\"`) {
		t.Errorf("while broken, the page's script lacks the errors: %q", r.body)
	}
	if !strings.Contains(s.log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, s.log.String())
	}
	s.write("content/a.md", "---\ntitle: Fixed")
	ev = next(t, ch)
	if ev.Kind != "reload" || len(ev.Errors) != 0 || ev.Version != 2 {
		t.Fatalf("after the fix: %+v, want a reload without errors", ev)
	}
	if r := s.get("/a/"); strings.Contains(r.body, "BROKEN") || !strings.Contains(r.body, "title: Fixed") {
		t.Errorf("after the fix, /a/ = %q", r.body)
	}
}

// TestConfigBrokenThenFixed saves the config the way many editors do:
// written beside it, then renamed over it.
func TestConfigBrokenThenFixed(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	replace := func(body string) {
		s.write(".parcours.toml.tmp", body)
		if err := os.Rename(s.path(".parcours.toml.tmp"), s.path("parcours.toml")); err != nil {
			t.Fatal(err)
		}
	}
	replace("title = \"Test\"\nBROKEN = [\n")
	if ev := next(t, ch); ev.Kind != "errors" || len(ev.Errors) != 1 || !strings.HasPrefix(ev.Errors[0], "parcours.toml:2:1: ") {
		t.Fatalf("after breaking the config: %+v", ev)
	}
	replace("title = \"Test\"\n")
	// The output is what it was before the break: nothing to reload, but
	// the overlay must go.
	if ev := next(t, ch); ev.Kind != "ok" || len(ev.Errors) != 0 || ev.Version != 1 {
		t.Fatalf("after fixing the config: %+v, want ok without errors", ev)
	}
}

func TestFolderDeletedAndRecreated(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	if err := os.RemoveAll(s.path("content/cases")); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Kind != "reload" || !slices.Contains(ev.Changed, "cases/b/index.html") {
		t.Fatalf("after deleting the folder: %+v", ev)
	}
	if r := s.get("/cases/b/"); r.status != 404 {
		t.Errorf("deleted page: status %d, want 404", r.status)
	}
	s.write("content/cases/deep/c.md", "Charlie")
	if ev := next(t, ch); ev.Kind != "reload" || !slices.Contains(ev.Changed, "cases/deep/c/index.html") {
		t.Fatalf("after recreating the folder: %+v", ev)
	}
	// The recreated folders are watched: an edit inside them is seen.
	s.write("content/cases/deep/c.md", "Charlie two")
	if ev := next(t, ch); ev.Kind != "reload" || !slices.Equal(ev.Changed, []string{"cases/deep/c/index.html"}) {
		t.Fatalf("after editing in the recreated folder: %+v", ev)
	}

	// The same with a watched folder at the root.
	if err := os.RemoveAll(s.path("content")); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Kind != "reload" {
		t.Fatalf("after deleting content/: %+v", ev)
	}
	s.write("content/a.md", "Alpha again")
	if ev := next(t, ch); ev.Kind != "reload" || !slices.Contains(ev.Changed, "a/index.html") {
		t.Fatalf("after recreating content/: %+v", ev)
	}
	s.write("content/a.md", "Alpha three")
	if ev := next(t, ch); !slices.Equal(ev.Changed, []string{"a/index.html"}) {
		t.Fatalf("after editing in the recreated content/: %+v", ev)
	}
	if r := s.get("/a/"); !strings.Contains(r.body, "Alpha three") {
		t.Errorf("/a/ = %q", r.body)
	}
}

func TestFolderMovedAway(t *testing.T) {
	files := map[string]string{"content/cases/sub/d.md": "Delta"}
	s := startSite(t, 0, files)
	ch, _ := s.settle()
	if err := os.Rename(s.path("content/cases"), s.path("content/studies")); err != nil {
		t.Fatal(err)
	}
	ev := next(t, ch)
	if !slices.Contains(ev.Changed, "studies/sub/d/index.html") || !slices.Contains(ev.Changed, "cases/sub/d/index.html") {
		t.Fatalf("after moving the folder: %+v", ev)
	}
	s.write("content/studies/sub/d.md", "Delta two")
	if ev := next(t, ch); !slices.Equal(ev.Changed, []string{"studies/sub/d/index.html"}) {
		t.Fatalf("after editing in the moved folder: %+v", ev)
	}
}

func TestFileRenamed(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	if err := os.Rename(s.path("content/a.md"), s.path("content/z.md")); err != nil {
		t.Fatal(err)
	}
	ev := next(t, ch)
	if ev.Kind != "reload" || !slices.Equal(ev.Changed, []string{"a/index.html", "z/index.html"}) || ev.Sources != 2 {
		t.Fatalf("after the rename: %+v, want one reload for both names", ev)
	}
	if r := s.get("/a/"); r.status != 404 {
		t.Errorf("old name: status %d, want 404", r.status)
	}
	if r := s.get("/z/"); r.status != 200 || !strings.Contains(r.body, "Alpha") {
		t.Errorf("new name: %d %q", r.status, r.body)
	}
}

// TestBurst changes 500 files at once, as a git checkout does, and expects
// one build. The quiet window is long so that a slow machine writing the
// files does not split the burst.
func TestBurst(t *testing.T) {
	files := maps.Clone(basicSite)
	for i := range 500 {
		files["content/many/p"+strconv.Itoa(i)+".md"] = "Page " + strconv.Itoa(i)
	}
	s := startSite(t, 300*time.Millisecond, files)
	ch, _ := s.settle()
	before := s.builds.Load()
	for i := range 500 {
		s.write("content/many/p"+strconv.Itoa(i)+".md", "Page "+strconv.Itoa(i)+" changed")
	}
	ev := next(t, ch)
	if ev.Sources != 500 || len(ev.Changed) != 500 {
		t.Fatalf("after 500 changes: a build for %d sources changing %d files, want 500 and 500", ev.Sources, len(ev.Changed))
	}
	if got := s.builds.Load() - before; got != 1 {
		t.Errorf("500 changes caused %d builds, want 1", got)
	}
}

// TestEditorSave replays the saves of common editors; each must cause one
// build, for the saved file alone.
func TestEditorSave(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	saves := map[string]func(){
		"vim": func() {
			s.write("content/4913", "")
			os.Remove(s.path("content/4913"))
			s.write("content/.a.md.swp", "swap")
			os.Rename(s.path("content/a.md"), s.path("content/a.md~"))
			s.write("content/a.md", "Alpha by vim")
			os.Chmod(s.path("content/a.md"), 0o644)
			os.Remove(s.path("content/a.md~"))
			os.Remove(s.path("content/.a.md.swp"))
		},
		"emacs": func() {
			s.write("content/.#a.md", "lock")
			s.write("content/#a.md#", "autosave")
			s.write("content/a.md", "Alpha by emacs")
			os.Remove(s.path("content/#a.md#"))
			os.Remove(s.path("content/.#a.md"))
		},
		"atomic": func() {
			s.write("content/a.md.tmp", "Alpha by rename")
			os.Rename(s.path("content/a.md.tmp"), s.path("content/a.md"))
		},
		"jetbrains": func() {
			s.write("content/a.md___jb_tmp___", "Alpha by IDE")
			os.Rename(s.path("content/a.md"), s.path("content/a.md___jb_old___"))
			os.Rename(s.path("content/a.md___jb_tmp___"), s.path("content/a.md"))
			os.Remove(s.path("content/a.md___jb_old___"))
		},
	}
	for _, name := range []string{"vim", "emacs", "atomic", "jetbrains"} {
		before := s.builds.Load()
		saves[name]()
		ev := next(t, ch)
		if ev.Kind != "reload" || ev.Sources != 1 || !slices.Equal(ev.Changed, []string{"a/index.html"}) {
			t.Errorf("%s save: %+v, want one reload for content/a.md", name, ev)
		}
		if got := s.builds.Load() - before; got != 1 {
			t.Errorf("%s save caused %d builds, want 1", name, got)
		}
	}
}

// TestIgnoredFiles writes only editor litter, then a real change: had the
// litter caused a build, it would show as an event of its own or as extra
// sources in the change's.
func TestIgnoredFiles(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	before := s.builds.Load()
	for _, name := range []string{"content/.a.md.swp", "content/a.md~", "content/#a.md#", "content/4913",
		"content/.hidden/x.md", "static/.DS_Store", "drafts/x.md", "README.md"} {
		s.write(name, "litter")
	}
	s.write("content/a.md", "Alpha two")
	if ev := next(t, ch); ev.Sources != 1 || !slices.Equal(ev.Changed, []string{"a/index.html"}) {
		t.Fatalf("litter and an edit: %+v, want a build for the edit alone", ev)
	}
	if got := s.builds.Load() - before; got != 1 {
		t.Errorf("litter and an edit caused %d builds, want 1", got)
	}
}

func TestUnreadableFile(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	if err := os.Chmod(s.path("content/a.md"), 0); err != nil {
		t.Fatal(err)
	}
	ev := next(t, ch)
	if ev.Kind != "errors" || len(ev.Errors) != 1 || !strings.Contains(ev.Errors[0], "content/a.md: permission denied") {
		t.Fatalf("after chmod 000: %+v", ev)
	}
	if r := s.get("/a/"); r.status != 200 || !strings.Contains(r.body, "Alpha") {
		t.Errorf("while unreadable, /a/ = %d %q", r.status, r.body)
	}
	if err := os.Chmod(s.path("content/a.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Kind != "ok" || len(ev.Errors) != 0 {
		t.Fatalf("after chmod 644: %+v", ev)
	}
}

func TestFirstBuildFails(t *testing.T) {
	files := map[string]string{"content/a.md": "BROKEN"}
	s := startSite(t, 0, files)
	ch, hello := s.settle()
	if hello.Version != 0 || !slices.Equal(hello.Errors, []string{`content/a.md:1:1: cannot parse "BROKEN"`}) {
		t.Fatalf("hello = %+v", hello)
	}
	// Every address shows the problems, in the page itself and with the
	// script that reloads it once the site builds.
	for _, path := range []string{"/", "/a/", "/a", "/nope/deep/page/", "/css/site.css", "/favicon.ico"} {
		r := s.get(path)
		for _, want := range []string{`<html lang="en">`, "<h1>The site has not built yet</h1>", `<li>content/a.md:1:1: cannot parse &#34;BROKEN&#34;</li>`, "data-parcours-unbuilt", "data-parcours-live"} {
			if !strings.Contains(r.body, want) {
				t.Errorf("before any good build, %s = %d, body lacks %q:\n%s", path, r.status, want, r.body)
			}
		}
		if r.status != http.StatusServiceUnavailable || r.header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("before any good build, %s = %d %s, want 503 text/html", path, r.status, r.header.Get("Content-Type"))
		}
	}
	s.write("content/a.md", "Alpha")
	if ev := next(t, ch); ev.Kind != "reload" || ev.Version != 1 || len(ev.Errors) != 0 {
		t.Fatalf("after the fix: %+v", ev)
	}
	if r := s.get("/a/"); r.status != 200 {
		t.Errorf("after the fix, /a/ status %d", r.status)
	}
}

// TestOverlayLanguage: the overlay and the page of a site that never built
// speak the site's language, from the strings Config.Overlay gives.
func TestOverlayLanguage(t *testing.T) {
	tests := []struct {
		name  string
		text  map[string]string
		lang  string
		title string
	}{
		{"French", map[string]string{"lang": "fr", "overlay_unbuilt": "Le site n’a pas encore été construit", "overlay_unbuilt_hint": "Corrigez ces problèmes.", "overlay_failed_one": "La construction a échoué : 1 erreur"}, "fr", "Le site n’a pas encore été construit"},
		{"no strings", nil, "en", "The site has not built yet"},
		{"a theme without the keys", map[string]string{"lang": "de"}, "en", "The site has not built yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, 0, map[string]string{"content/a.md": "BROKEN"})
			s.overlay = func() map[string]string { return tt.text }
			s.start(0)
			t.Cleanup(func() { s.stop() })
			_, hello := s.settle()
			if !maps.Equal(hello.Text, tt.text) {
				t.Errorf("hello text = %v, want %v", hello.Text, tt.text)
			}
			r := s.get("/a/")
			for _, want := range []string{`<html lang="` + tt.lang + `">`, "<h1>" + tt.title + "</h1>"} {
				if !strings.Contains(r.body, want) {
					t.Errorf("body lacks %q:\n%s", want, r.body)
				}
			}
		})
	}
}

func TestBuildPanics(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	s.write("content/a.md", "PANIC")
	ev := next(t, ch)
	if ev.Kind != "errors" || !slices.Equal(ev.Errors, []string{"build panicked: boom"}) {
		t.Fatalf("after a panicking build: %+v", ev)
	}
	s.write("content/a.md", "Alpha two")
	if ev := next(t, ch); ev.Kind != "reload" {
		t.Fatalf("after a good build: %+v", ev)
	}
}

func TestBusyPort(t *testing.T) {
	tests := []struct {
		name string
		free int // index of the one port left free among portTries, -1 for none
	}{
		{"next port free", 1},
		{"last port free", portTries - 1},
		{"all busy", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port, lns := holdPorts(t, portTries)
			if tt.free >= 0 {
				lns[tt.free].Close()
			}
			var log strings.Builder
			srv, err := New(Config{Port: port, Build: func() (*output.Memory, error) { return output.NewMemory(), nil }, Log: &log})
			if tt.free < 0 {
				want := fmt.Sprintf("ports %d to %d on 127.0.0.1 are all busy; choose another with --port", port, port+portTries-1)
				if err == nil || err.Error() != want {
					t.Fatalf("New: got %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer srv.ln.Close()
			want := net.JoinHostPort("127.0.0.1", strconv.Itoa(port+tt.free))
			if srv.Addr() != want {
				t.Errorf("Addr = %s, want %s", srv.Addr(), want)
			}
			if msg := fmt.Sprintf("port %d is busy; using %d instead\n", port, port+tt.free); log.String() != msg {
				t.Errorf("log = %q, want %q", log.String(), msg)
			}
		})
	}
}

// holdPorts listens on n consecutive ports of 127.0.0.1 until the test
// ends, and returns the first and the listeners.
func holdPorts(t *testing.T, n int) (int, []net.Listener) {
	t.Helper()
	for range 100 {
		first, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := first.Addr().(*net.TCPAddr).Port
		lns := []net.Listener{first}
		for i := 1; i < n; i++ {
			ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+i)))
			if err != nil {
				break
			}
			lns = append(lns, ln)
		}
		if len(lns) == n {
			t.Cleanup(func() {
				for _, ln := range lns {
					ln.Close()
				}
			})
			return port, lns
		}
		for _, ln := range lns {
			ln.Close()
		}
	}
	t.Fatalf("found no %d consecutive free ports", n)
	return 0, nil
}

func TestInject(t *testing.T) {
	state := Event{Kind: "hello", Server: "s", Version: 3, Errors: []string{"a.md:1:1: </script><b>x</b>"}}
	for _, page := range []string{
		"<html><body><p>x</p></body></html>",
		"<HTML><BODY><p>x</p></BODY></HTML>",
		"<p>no body tag",
		"<body><p>a literal &lt;/body&gt; and a </body> in text</p></body>",
	} {
		got := string(inject([]byte(page), state))
		i := strings.Index(got, "<script data-parcours-live>")
		if i < 0 || strings.Count(got, "</script>") != 1 {
			t.Errorf("inject(%q) = %q, want one script", page, got)
			continue
		}
		if strings.Contains(got, "</script><b>") {
			t.Errorf("inject(%q): the errors closed the script: %q", page, got)
		}
		if rest := got[strings.Index(got, "</script>")+len("</script>"):]; strings.Contains(page, "body>") &&
			strings.ToLower(rest) != "</body></html>" && rest != "</body>" {
			t.Errorf("inject(%q): script not before the last </body>: %q", page, got)
		}
	}
}

func TestMessages(t *testing.T) {
	err := &diag.Errors{List: []diag.Diagnostic{diag.At("a.md", 2, 3, "bad"), diag.At("b.md", 0, 0, "worse")}}
	if got := messages(err); !slices.Equal(got, []string{"a.md:2:3: bad", "b.md: worse"}) {
		t.Errorf("messages = %q", got)
	}
	if got := messages(errors.New("disk full")); !slices.Equal(got, []string{"disk full"}) {
		t.Errorf("messages = %q", got)
	}
}

// TestRenameOneBuild checks that a rename, two file events, gives one
// build whose batch holds both names.
func TestRenameOneBuild(t *testing.T) {
	s := startSite(t, 0, basicSite)
	ch, _ := s.settle()
	if err := os.Rename(s.path("content/a.md"), s.path("content/z.md")); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Kind != "reload" || ev.Version != 2 || ev.Sources != 2 {
		t.Fatalf("after the rename: %+v, want a reload from 2 sources", ev)
	}
	if n := s.builds.Load(); n != 2 {
		t.Errorf("%d builds, want the first and the rebuild", n)
	}
}

func TestHostHeader(t *testing.T) {
	s := startSite(t, 0, basicSite)
	for host, want := range map[string]int{
		s.srv.Addr():          200,
		"localhost:1313":      200,
		"[::1]:1313":          200,
		"app.localhost":       200,
		"evil.example.com":    403,
		"evil.example.com:80": 403,
		"127.0.0.1.nip.io":    403,
		"192.168.1.10:1313":   403,
	} {
		req, _ := http.NewRequest(http.MethodGet, s.base+"/a/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestURL(t *testing.T) {
	build := func() (*output.Memory, error) { return output.NewMemory(), nil }
	for bind, want := range map[string]string{"127.0.0.1": "http://127.0.0.1:", "0.0.0.0": "http://127.0.0.1:"} {
		srv, err := New(Config{Bind: bind, Build: build})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(srv.URL(), want) {
			t.Errorf("bind %s: URL %s, want %s…", bind, srv.URL(), want)
		}
		srv.ln.Close()
	}
	srv, err := New(Config{Build: build})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.ln.Close()
	if host, _, _ := net.SplitHostPort(srv.Addr()); host != "127.0.0.1" {
		t.Errorf("default bind listens on %s, want 127.0.0.1 only", srv.Addr())
	}
}

// TestLoopbackBinds checks that every way of naming the loopback interface
// keeps the Host check (a DNS-rebinding page must not read drafts) and
// prints no warning, and that only a bind other machines reach warns.
func TestLoopbackBinds(t *testing.T) {
	build := func() (*output.Memory, error) { return output.NewMemory(), nil }
	binds := []struct {
		bind     string
		loopback bool
	}{
		{"127.0.0.1", true},
		{"localhost", true},
		{"127.0.0.2", true},
		{"::1", true},
		{"0.0.0.0", false},
	}
	for _, b := range binds {
		var log strings.Builder
		srv, err := New(Config{Root: t.TempDir(), Bind: b.bind, Build: build, Log: &log})
		if err != nil {
			if b.bind == "::1" {
				t.Logf("no IPv6 loopback here: %v", err)
				continue
			}
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ctx) }()
		req, _ := http.NewRequest(http.MethodGet, "http://"+srv.Addr()+"/", nil)
		req.Host = "evil.example.com"
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cancel()
		<-done
		if refused := resp.StatusCode == http.StatusForbidden; refused != b.loopback {
			t.Errorf("--bind %s: a foreign Host got status %d; loopback=%v", b.bind, resp.StatusCode, b.loopback)
		}
		if warned := strings.Contains(log.String(), "other machines"); warned == b.loopback {
			t.Errorf("--bind %s: log %q; a warning belongs only to non-loopback binds", b.bind, log.String())
		}
	}
}
