// Command lhserve serves a built site for scripts/lighthouse as a static
// host would: files as they are, gzip-compressed when the browser accepts
// it, so that Lighthouse measures the site rather than the server.
//
// usage: go run ./scripts/lhserve DIR ADDR
package main

import (
	"compress/gzip"
	"fmt"
	"net/http"
	"os"
	"strings"
)

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.gz.Write(b) }

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: lhserve DIR ADDR")
		os.Exit(2)
	}
	files := http.FileServer(http.Dir(os.Args[1]))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
	if err := http.ListenAndServe(os.Args[2], handler); err != nil {
		fmt.Fprintln(os.Stderr, "lhserve:", err)
		os.Exit(1)
	}
}
