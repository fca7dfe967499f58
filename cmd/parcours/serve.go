package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	parcours "github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/render"
	"github.com/parcours/parcours/internal/server"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	var c common
	c.register(fs, true)
	bind := fs.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 serves every interface")
	port := fs.Int("port", 1313, "port; the next free one is used when it is busy")
	opts, ok := c.parse(fs, args, stderr)
	if !ok {
		return 2
	}
	opts.Serve = true
	// One session for the life of the server: each rebuild reuses what the
	// edit did not touch.
	sess := build.NewSession(opts)
	srv, err := server.New(server.Config{
		Root: c.root, Bind: *bind, Port: *port, Log: stdout, Changed: sess.Changed,
		Build: func() (*output.Memory, error) {
			m := output.NewMemory()
			_, err := sess.Build(m)
			return m, err
		},
		Overlay: func() map[string]string { return overlayText(c.root) },
	})
	if err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	return 0
}

// overlayText reads the overlay's strings from the site's theme in the
// site's language. A configuration with mistakes still gives its language
// (or the default); a theme that does not load leaves the overlay in
// English, since the overlay is how that problem is shown.
func overlayText(root string) map[string]string {
	cfg, _ := config.Load(root)
	theme, err := render.LoadTheme(root, cfg.Theme, parcours.DefaultTheme(), nil)
	if err != nil {
		return nil
	}
	lang := cfg.Language
	// A language the theme has no strings for gets its English ones, and
	// the overlay then says it is English.
	if !strings.HasPrefix(lang, "en") && theme.T(lang, server.OverlayKeys[0]) == theme.T("en", server.OverlayKeys[0]) {
		lang = "en"
	}
	text := map[string]string{"lang": lang}
	for _, k := range server.OverlayKeys {
		// T gives the key itself for a string no language has.
		if s := theme.T(lang, k); s != k {
			text[k] = s
		}
	}
	return text
}
