package publish

import (
	"fmt"
	"regexp"
	"strings"

	minifylib "github.com/tdewolff/minify/v2"
	mincss "github.com/tdewolff/minify/v2/css"
	minhtml "github.com/tdewolff/minify/v2/html"
	minjs "github.com/tdewolff/minify/v2/js"
	minsvg "github.com/tdewolff/minify/v2/svg"
	minxml "github.com/tdewolff/minify/v2/xml"
)

var minifier = func() *minifylib.M {
	m := minifylib.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", mincss.Minify)
	m.AddFunc("application/javascript", minjs.Minify)
	m.AddFunc("image/svg+xml", minsvg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), minxml.Minify)
	return m
}()

// minify shrinks a file by its type; other files are returned as they are.
func minify(name string, data []byte) ([]byte, error) {
	var mime string
	switch {
	case strings.HasSuffix(name, ".html"):
		mime = "text/html"
	case strings.HasSuffix(name, ".css"):
		mime = "text/css"
	case strings.HasSuffix(name, ".js"):
		mime = "application/javascript"
	case strings.HasSuffix(name, ".svg"):
		mime = "image/svg+xml"
	case strings.HasSuffix(name, ".xml"):
		mime = "application/xml"
	default:
		return data, nil
	}
	out, err := minifier.Bytes(mime, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}
