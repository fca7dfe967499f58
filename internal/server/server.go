// Package server is the live-reloading preview behind parcours serve.
//
// A Server builds the site into memory, serves the current tree over HTTP,
// watches the site's sources and rebuilds when they change, then tells the
// open pages what happened over server-sent events at [EventsPath]:
//
//   - a successful build whose only changes are stylesheets swaps them in
//     place, so the page keeps its state;
//   - any other change reloads the page, keeping its scroll position;
//   - a failed build keeps the last good tree served and shows its errors
//     (path:line:col: message) in an overlay that the next good build removes.
//
// The reload script is injected into HTML responses only, never into the
// tree, so what is served is otherwise byte for byte what the build wrote.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
)

// Config says what to serve and how to build it.
type Config struct {
	// Root is the site root; content/, themes/, layouts/, static/ and
	// parcours.toml under it are watched.
	Root string
	// Bind is the address to listen on, 127.0.0.1 when empty: a preview of
	// unpublished drafts is never exposed to the network unless asked.
	Bind string
	// Port is the first port to try; a busy one moves on to the next ones.
	// Zero lets the system choose a free port (tests).
	Port int
	// Build builds the site into memory, at the start and after every
	// batch of changes; an incremental build (build.Session) finds by
	// itself what the changes affect. The tree may share unchanged files
	// with the previous one; the server never modifies a tree it was
	// given. Its error may be a *diag.Errors, whose diagnostics are then
	// listed one by one.
	Build func() (*output.Memory, error)
	// Changed, when set, is told before each build which files changed
	// (slash-separated paths from the root) since the previous one, or nil
	// when that is not known (the first build, lost events), so that the
	// build may look at those alone (build.Session.Changed).
	Changed func(paths []string)
	// Log receives the URL to open, each rebuild's duration and the errors;
	// io.Discard when nil.
	Log io.Writer
	// Overlay gives the overlay's strings in the site's language (see
	// OverlayKeys), read again after each failed build since the failing
	// edit may have changed the language or the theme; nil, or a key it
	// lacks, leaves the English of the built-in client.
	Overlay func() map[string]string
	// Quiet is how long the watcher waits after the last file event before
	// rebuilding, 10 ms when zero: an editor's save raises its events
	// within a millisecond or two, and a longer burst (a checkout) that
	// outlasts the window is built again once it ends.
	Quiet time.Duration
}

// portTries is how many ports after the requested one are tried when it is
// busy, so a second preview starts without a flag but a typo does not scan
// the whole range.
const portTries = 10

// OverlayKeys are the theme's i18n keys of the overlay's strings.
var OverlayKeys = []string{"overlay_failed_one", "overlay_failed_many", "overlay_stale", "overlay_hide", "overlay_unbuilt", "overlay_unbuilt_hint"}

// Server is a running preview. Create it with New, run it with Serve.
type Server struct {
	cfg   Config
	ln    net.Listener
	start string // tells a page that the server restarted behind it
	// loopback: only this machine can connect, so the Host header is
	// checked and no warning printed.
	loopback bool

	tree    atomic.Pointer[output.Memory]
	mu      sync.Mutex // guards state
	state   Event
	clients map[chan Event]struct{}
}

// Event is what open pages receive after each build, as JSON on the event
// stream, and what a page loaded meanwhile finds embedded in its script.
type Event struct {
	// Kind is "hello" (sent first on each connection), "reload", "css" (only
	// stylesheets changed), "ok" (a good build that changed no file, which
	// clears the errors) or "errors" (the build failed).
	Kind string `json:"kind"`
	// Server identifies this server process; Version counts the good builds
	// it served. A page whose pair differs from the server's is stale.
	Server  string `json:"server"`
	Version int    `json:"version"`
	// Errors lists the failed build's problems; empty after a good build.
	Errors []string `json:"errors"`
	// Text holds the overlay's strings in the site's language, by the
	// keys of OverlayKeys, and "lang", its language.
	Text map[string]string `json:"text,omitempty"`
	// Changed lists the output files that differ from the previous tree.
	Changed []string `json:"changed,omitempty"`
	// Sources counts the distinct source paths of the batch behind the build.
	Sources int `json:"sources,omitempty"`
	// WaitMS is the time from the batch's first file event to the start of
	// the build (the quiet window), BuildMS the build's own time; with the
	// time of a write, they split the delay until a page reloads.
	WaitMS  float64 `json:"waitMs,omitempty"`
	BuildMS float64 `json:"buildMs,omitempty"`
}

// New checks the configuration and starts listening, so that a busy port is
// reported before the first build and Addr is known at once.
func New(cfg Config) (*Server, error) {
	if cfg.Build == nil {
		return nil, errors.New("server: no build function")
	}
	if cfg.Root == "" {
		cfg.Root = "."
	}
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Quiet <= 0 {
		cfg.Quiet = 10 * time.Millisecond
	}
	ln, err := listen(cfg.Bind, cfg.Port, cfg.Log)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		ln:       ln,
		loopback: isLoopback(ln.Addr()),
		start:    strconv.FormatInt(time.Now().UnixNano(), 36),
		clients:  map[chan Event]struct{}{},
	}
	s.tree.Store(output.NewMemory())
	s.state = Event{Kind: "hello", Server: s.start, Errors: []string{}}
	return s, nil
}

// isLoopback tells from the address actually listened on, not from the
// --bind text, whether only this machine can connect: "localhost",
// 127.0.0.2 and ::1 are loopback binds as much as 127.0.0.1 is.
func isLoopback(a net.Addr) bool {
	t, ok := a.(*net.TCPAddr)
	return ok && t.IP.IsLoopback()
}

func listen(bind string, port int, log io.Writer) (net.Listener, error) {
	if port == 0 {
		return net.Listen("tcp", net.JoinHostPort(bind, "0"))
	}
	for i := range portTries {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port+i)))
		if err == nil {
			if i > 0 {
				fmt.Fprintf(log, "port %d is busy; using %d instead\n", port, port+i)
			}
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("cannot listen on %s: %w", net.JoinHostPort(bind, strconv.Itoa(port+i)), err)
		}
	}
	return nil, fmt.Errorf("ports %d to %d on %s are all busy; choose another with --port", port, port+portTries-1, bind)
}

// Addr is the address the server listens on, such as 127.0.0.1:1313.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the address to open in a browser.
// On all interfaces, that is the loopback one, which every browser opens.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.Addr())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Serve watches the site, builds it, serves it and rebuilds on every change
// until ctx is done. A failing first build does not stop it: the pages show
// the errors until they are fixed. It returns nil when ctx ends, or the error
// that prevented serving or watching.
func (s *Server) Serve(ctx context.Context) error {
	defer s.ln.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Watching starts before the first build so that an edit made while it
	// runs is not lost.
	w, err := newWatcher(s.cfg.Root, s.cfg.Quiet, s.cfg.Log)
	if err != nil {
		return err
	}
	defer w.close()
	s.rebuild(batch{}, true)

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// Event streams end with ctx instead of holding up the shutdown.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()
	fmt.Fprintf(s.cfg.Log, "serving %s at %s (Ctrl+C to stop)\n", s.cfg.Root, s.URL())
	if !s.loopback {
		fmt.Fprintf(s.cfg.Log, "listening on %s: other machines on the network can read this preview, drafts included\n", s.Addr())
	}

	batches := w.run(ctx)
	for {
		select {
		case b, ok := <-batches:
			if !ok {
				return s.shutdown(srv)
			}
			s.rebuild(b, false)
		case err := <-served:
			return fmt.Errorf("server stopped: %w", err)
		case <-ctx.Done():
			return s.shutdown(srv)
		}
	}
}

func (s *Server) shutdown(srv *http.Server) error {
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return nil
}

// rebuild runs Build and tells the pages what changed.
func (s *Server) rebuild(b batch, first bool) {
	started := time.Now()
	if s.cfg.Changed != nil {
		s.cfg.Changed(b.changed())
	}
	tree, err := safeBuild(s.cfg.Build)
	took := time.Since(started)
	ev := Event{Server: s.start, Sources: len(b.paths), BuildMS: ms(took), Errors: []string{}}
	if !b.first.IsZero() {
		ev.WaitMS = ms(started.Sub(b.first))
	}
	if err != nil {
		ev.Kind = "errors"
		ev.Errors = messages(err)
		if s.cfg.Overlay != nil {
			ev.Text = s.cfg.Overlay()
		}
		fmt.Fprintf(s.cfg.Log, "build failed in %s; still serving the last good pages:\n", round(took))
		for _, m := range ev.Errors {
			fmt.Fprintln(s.cfg.Log, m)
		}
	} else {
		ev.Changed = changed(s.tree.Load(), tree)
		switch {
		case len(ev.Changed) == 0:
			ev.Kind = "ok"
		case onlyCSS(ev.Changed):
			ev.Kind = "css"
		default:
			ev.Kind = "reload"
		}
		s.tree.Store(tree)
		switch {
		case first:
			fmt.Fprintf(s.cfg.Log, "built %d files in %s\n", tree.Len(), round(took))
		default:
			fmt.Fprintf(s.cfg.Log, "rebuilt in %s (%s)\n", round(took), describe(ev.Changed))
		}
	}
	s.publish(ev)
}

// safeBuild turns a panicking build into an error, so that a bug hit by one
// odd edit shows in the overlay instead of ending the author's session.
func safeBuild(build func() (*output.Memory, error)) (tree *output.Memory, err error) {
	defer func() {
		if r := recover(); r != nil {
			tree, err = nil, fmt.Errorf("build panicked: %v", r)
		}
	}()
	tree, err = build()
	if err == nil && tree == nil {
		err = errors.New("build returned no files")
	}
	return tree, err
}

// publish records the outcome and sends it to every open page. A good build
// that changed nothing and fixed nothing is not sent: no page needs it.
func (s *Server) publish(ev Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case ev.Kind == "ok" && len(s.state.Errors) == 0:
		return
	case ev.Kind == "reload" || ev.Kind == "css":
		s.state.Version++
	}
	ev.Version = s.state.Version
	s.state.Errors = ev.Errors
	if ev.Text != nil {
		s.state.Text = ev.Text
	}
	for c := range s.clients {
		select {
		case c <- ev:
		default:
			// A page that does not read its events would make the others
			// wait; dropping it makes its browser reconnect, and the hello
			// it then gets tells it it is stale.
			delete(s.clients, c)
			close(c)
		}
	}
}

func (s *Server) subscribe() (chan Event, Event) {
	c := make(chan Event, 16)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[c] = struct{}{}
	return c, s.state
}

func (s *Server) unsubscribe(c chan Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[c]; ok {
		delete(s.clients, c)
		close(c)
	}
}

func (s *Server) snapshot() Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// messages lists a build error as the lines the overlay and the terminal show.
func messages(err error) []string {
	var de *diag.Errors
	if errors.As(err, &de) && len(de.List) > 0 {
		out := make([]string, len(de.List))
		for i, d := range de.List {
			out[i] = d.Error()
		}
		return out
	}
	return []string{err.Error()}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func round(d time.Duration) string {
	if d < time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return d.Round(10 * time.Millisecond).String()
}

func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "output unchanged"
	case 1:
		return changed[0] + " changed"
	default:
		return fmt.Sprintf("%d files changed", len(changed))
	}
}
