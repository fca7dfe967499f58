// Package browsertest starts headless Chromium for the tests that need a real
// browser (search, live reload, overlay, accessibility, screenshots), and
// node for those that run the theme's scripts outside a page.
//
// Locally, a test skips when no Chromium is installed. Under
// PARCOURS_BROWSER=1, which .ci/run sets after installing Debian's chromium,
// a missing browser fails the test instead, so CI never passes by skipping.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path returns the Chromium executable to use, or "" when there is none.
func Path() string {
	if p := os.Getenv("PARCOURS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// AllocatorOptions are the flags of every headless Chromium the tests and
// scripts start: no sandbox (CI runs as root), no GPU, a fresh profile in
// profileDir, nothing fetched in the background, one window size, so that
// pages lay out and load the same way every time.
func AllocatorOptions(path, profileDir string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profileDir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
}

// New starts a headless browser for the test and returns a context for
// chromedp actions; the browser stops when the test ends. The context carries
// a generous deadline so that a hung page fails the test instead of the run.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		if os.Getenv("PARCOURS_BROWSER") == "1" {
			t.Fatal("PARCOURS_BROWSER=1 but no Chromium found (install Debian's chromium package)")
		}
		t.Skip("no Chromium installed; set PARCOURS_BROWSER=1 to make this a failure")
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), AllocatorOptions(path, t.TempDir())...)
	bctx, cancelCtx := chromedp.NewContext(actx)
	// The first Do starts the browser; it must run on a context without a
	// deadline, or the deadline would stop the whole browser (see Run's doc).
	if err := chromedp.Do(bctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// Wait is how long WaitJS waits for a condition.
const Wait = 15 * time.Second

// WaitJS evaluates expr until it is true. A navigation or reload in between
// makes an evaluation fail, which only means trying again.
func WaitJS(t testing.TB, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(Wait)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still false after %s: %s (last error: %v)", Wait, expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Eval evaluates expr in the page and fails the test on an error.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// JSString quotes s as a JavaScript string literal, for the expressions
// the tests and scripts evaluate in the page.
func JSString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
