package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer overrides goldmark's HTML for text (French spacing), raw HTML
// (escaped rather than dropped, so an author sees what was not let through),
// code blocks (chroma) and wiki links.
type nodeRenderer struct {
	lang   string
	unsafe bool
	t      func(key string) string // the theme's strings in lang
	// highlighted remembers the HTML of each code block by language and
	// text: guides repeat the same snippets, and highlighting is regular
	// expressions over every character.
	highlighted sync.Map
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindFencedCodeBlock, r.code)
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(KindWikiLink, r.wiki)
	reg.Register(KindEmbed, r.embed)
	reg.Register(KindForeignTag, r.foreign)
	reg.Register(KindAdmonition, r.admonition)
	reg.Register(KindResolvedHTML, r.resolvedHTML)
	if !r.unsafe {
		reg.Register(ast.KindRawHTML, r.rawHTML)
		reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	}
}

// frenchSpacing puts the non-breaking spaces French typography wants: a
// narrow one before ; ! ? and a normal one before : and inside « ».
var frenchSpacing = strings.NewReplacer(
	" :", "&nbsp;:", " ;", "&#x202F;;", " !", "&#x202F;!", " ?", "&#x202F;?",
	"« ", "«&nbsp;", " »", "&nbsp;»",
)

func (r *nodeRenderer) text(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(src)
	switch {
	case n.IsRaw():
		_, _ = w.Write(value)
	case plain(value, r.lang == "fr"):
		// Most text needs neither escaping nor French spacing: written as
		// it is, it skips four scans and two copies.
		_, _ = w.Write(value)
	case r.lang == "fr":
		_, _ = frenchSpacing.WriteString(w, escapeText(value))
	default:
		_, _ = w.WriteString(escapeText(value))
	}
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// special marks the bytes after which text may change when escaped (\ and
// entities, and what HTML escapes), and, in French, the punctuation that
// gets a non-breaking space; « and » start with 0xC2.
var special, specialFr [256]bool

func init() {
	for _, c := range []byte("\\&<>'\"") {
		special[c], specialFr[c] = true, true
	}
	for _, c := range []byte(":;!?\xc2") {
		specialFr[c] = true
	}
}

// plain reports whether text is written as it is.
func plain(text []byte, fr bool) bool {
	set := &special
	if fr {
		set = &specialFr
	}
	for _, c := range text {
		if set[c] {
			return false
		}
	}
	return true
}

// escapeText resolves backslash escapes and entities the way goldmark does
// and escapes the result for HTML.
func escapeText(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return html.EscapeString(string(v))
}

func (r *nodeRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	if n.HasClosure() {
		_, _ = w.WriteString(html.EscapeString(string(n.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) wiki(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*WikiLink)
	label := n.Label
	if label == "" {
		label = n.Title
	}
	if label == "" {
		label = n.Target
	}
	if n.Broken != "" {
		_, _ = w.WriteString(`<span class="` + BrokenClass + `" title="` + html.EscapeString(n.Broken) + `">` + html.EscapeString(label) + "</span>")
		return ast.WalkSkipChildren, nil
	}
	if !n.Resolved {
		_, _ = w.WriteString(html.EscapeString(label))
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<a href="` + html.EscapeString(n.Href) + `">` + html.EscapeString(label) + "</a>")
	return ast.WalkSkipChildren, nil
}

// formatter writes chroma tokens with CSS classes; Stylesheet gives the
// colours for light and dark.
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))

func (r *nodeRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code bytes.Buffer
	for i := 0; i < node.Lines().Len(); i++ {
		seg := node.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := ""
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		lang = string(f.Language(src))
	}
	key := lang + "\x00" + code.String()
	if h, ok := r.highlighted.Load(key); ok {
		_, _ = w.WriteString(h.(string))
		return ast.WalkSkipChildren, nil
	}
	h := highlight(lang, code.String())
	r.highlighted.Store(key, h)
	_, _ = w.WriteString(h)
	return ast.WalkSkipChildren, nil
}

// highlight renders code with chroma's CSS classes.
func highlight(lang, code string) string {
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	var out strings.Builder
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err == nil {
		err = formatter.Format(&out, styles.Fallback, it)
	}
	if err != nil {
		return `<pre><code>` + html.EscapeString(code) + "</code></pre>\n"
	}
	return out.String()
}

// Stylesheet writes the CSS of code highlighting: a light style, and a dark
// one where the page is dark. A page is dark when the system is and the
// reader did not choose light, or when the reader chose dark; the choice
// is data-theme on <html>. The dark rules are nested (CSS nesting) under
// each of the two selectors.
func Stylesheet(w io.Writer) error {
	css, err := stylesheet()
	if err != nil {
		return err
	}
	_, err = w.Write(css)
	return err
}

// stylesheet is made once: it depends on the two styles alone, and the dev
// server's rebuild wrote it again each time.
var stylesheet = sync.OnceValues(func() ([]byte, error) {
	var light, dark bytes.Buffer
	if err := formatter.WriteCSS(&light, styles.Get("github")); err != nil {
		return nil, err
	}
	if err := formatter.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return nil, err
	}
	return fmt.Appendf(light.Bytes(), "@media (prefers-color-scheme: dark) {\n:root:not([data-theme=light]) {\n%s}\n}\n:root[data-theme=dark] {\n%s}\n", dark.Bytes(), dark.Bytes()), nil
})
