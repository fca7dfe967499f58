package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/output"
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
		Root: c.root, Bind: *bind, Port: *port, Log: stdout,
		Build: func() (*output.Memory, error) {
			m := output.NewMemory()
			_, err := sess.Build(m)
			return m, err
		},
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
