// Package markdown turns a page's Markdown body into HTML with goldmark.
//
// It knows nothing of the link graph: links, [[wiki links]] and images are
// resolved through the Resolver the caller gives for each page, by an AST
// transformer that runs before anything reads the tree. Besides the HTML it
// returns what later stages need: the headings with their IDs, the plain
// text per section for search, and every problem at its line in the file.
//
// It knows nothing of journeys either: features such as ```journey blocks
// are goldmark extensions given in Options.Extensions. An extension reaches
// the page being converted through EnvOf (its path, positions, resolver,
// diagnostics), attaches what later stages need to the Result, and gives
// search its text by making its nodes Sectioned.
package markdown

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/parcours/parcours/internal/diag"
)

// Pos is a position in the Markdown file, 1-based.
type Pos struct{ Line, Col int }

// Resolver resolves the references of one page. Each method returns the
// href to write; an error is reported at pos as the page's problem.
type Resolver interface {
	// Link resolves the destination of a Markdown link or image.
	Link(dest string, image bool, pos Pos) (href string, err error)
	// Wiki resolves a [[target]] short link and gives the target's title.
	Wiki(target string, pos Pos) (href, title string, err error)
	// Irritant resolves an irritant named in a journey stage.
	Irritant(ref string, pos Pos) (href, title string, err error)
}

// Sectioned is a block node that brings its own search sections, such as a
// journey's stages; the text before it and after it are sections apart.
type Sectioned interface {
	ast.Node
	Sections() []Section
}

// Heading is a heading of the page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Section is the plain text under a heading (Anchor "" for the text before
// the first heading), for the search index.
type Section struct {
	Anchor, Heading, Text string
}

// Result is a converted page.
type Result struct {
	HTML     string
	Headings []Heading
	Sections []Section
	// Attached holds, in document order, what extensions attached to the
	// page with Env.Attach (a journey extension's journeys).
	Attached []any
	// Summary is the first paragraph as plain text, for pages without a
	// description.
	Summary string
	// Warnings are the links the resolver let through broken (see
	// BrokenLink).
	Warnings []diag.Diagnostic
}

// Options configure a Converter.
type Options struct {
	// Unsafe lets raw HTML through; otherwise it is shown escaped.
	Unsafe bool
	// BrokenTitle gives, in a page's language, the title of a link let
	// through broken.
	BrokenTitle func(lang string) string
	// Extensions gives the extensions of pages written in lang, which may
	// differ by language (UI strings).
	Extensions func(lang string) []goldmark.Extender
	// T gives the theme's string key in lang: the title of an admonition
	// that has none of its own.
	T func(lang, key string) string
	// Lenient, as [links] broken = "warn" asks, makes the blocks of other
	// tools that are not converted (Hugo shortcodes, Liquid tags, embeds
	// of pages) warnings rather than errors.
	Lenient bool
}

// Converter converts pages; it is safe for concurrent use.
type Converter struct {
	byLang map[string]goldmark.Markdown
	opts   Options
}

// New returns a Converter.
func New(opts Options) *Converter {
	c := &Converter{byLang: map[string]goldmark.Markdown{}, opts: opts}
	for _, lang := range []string{"fr", "en"} {
		c.byLang[lang] = c.build(lang)
	}
	return c
}

func (c *Converter) build(lang string) goldmark.Markdown {
	typo := extension.NewTypographer()
	if lang == "fr" {
		typo = extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftDoubleQuote:  "«&nbsp;",
			extension.RightDoubleQuote: "&nbsp;»",
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.Apostrophe:       "’",
		}))
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{lang: lang, unsafe: c.opts.Unsafe, t: func(key string) string { return c.t(lang, key) }}, 100)),
	}
	if c.opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, typo, wikiExtension{}, embedExtension{}, foreignExtension{}, admonitionExtension{}, linkExtension{}}
	if c.opts.Extensions != nil {
		exts = append(exts, c.opts.Extensions(lang)...)
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

func (c *Converter) brokenTitle(lang string) string {
	if c.opts.BrokenTitle != nil {
		return c.opts.BrokenTitle(lang)
	}
	return "broken link"
}

// t gives a theme string, or its key made readable when there is no theme.
func (c *Converter) t(lang, key string) string {
	if c.opts.T != nil {
		return c.opts.T(lang, key)
	}
	_, k, _ := strings.Cut(key, "_")
	return strings.ToUpper(k[:1]) + k[1:]
}

// Page is what Convert needs to know of the page.
type Page struct {
	Path     string // for diagnostics
	Body     []byte
	BodyLine int // line of the file where Body starts
	Lang     string
}

// output is a conversion's HTML buffer with the buffered writer goldmark
// wants, pooled together: goldmark wraps any other writer in a new 4 KB
// bufio.Writer per page.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var outPool = sync.Pool{New: func() any {
	o := &output{}
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

// Convert renders a page's body. Problems are returned as diagnostics; the
// HTML is produced anyway, with unresolved references left as text.
func (c *Converter) Convert(p Page, r Resolver) (*Result, []diag.Diagnostic) {
	md, ok := c.byLang[p.Lang]
	if !ok {
		md = c.byLang["en"]
	}
	conv := &conversion{page: p, src: p.Body, lines: lineStarts(p.Body), last: lastPos{line: -1}, res: &Result{},
		unsafe: c.opts.Unsafe, lenient: c.opts.Lenient, brokenTitle: func() string { return c.brokenTitle(p.Lang) }}
	t := &tolerant{Resolver: r, c: conv}
	conv.resolver = t
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	ctx.Set(envKey, &Env{c: conv})
	doc := md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(ctx))
	conv.walk(doc)
	if t.broken > 0 {
		markBroken(doc, c.brokenTitle(p.Lang))
	}
	out := outPool.Get().(*output)
	out.buf.Reset()
	out.w.Reset(&out.buf)
	defer outPool.Put(out)
	if err := md.Renderer().Render(out.w, p.Body, doc); err != nil {
		conv.diags = append(conv.diags, diag.At(p.Path, 0, 0, "render markdown: %v", err))
	}
	out.w.Flush()
	conv.res.HTML = out.buf.String()
	return conv.res, conv.diags
}

// lineStarts indexes the byte offsets where lines begin.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos returns the position in the Markdown file of a byte offset in the
// page's body. The column is counted from the last position asked for when
// that was earlier on the same line, as it is when references are visited
// in order: 200,000 links on one line would otherwise count that line's
// runes 200,000 times.
func (c *conversion) pos(offset int) Pos {
	lo, hi := 0, len(c.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.lines[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	offset = min(offset, len(c.src))
	from, col := c.lines[lo], 1
	if c.last.line == lo && c.last.offset <= offset && c.last.offset >= from {
		from, col = c.last.offset, c.last.col
	}
	col += utf8.RuneCount(c.src[from:offset])
	c.last = lastPos{line: lo, offset: offset, col: col}
	return Pos{Line: c.page.BodyLine + lo, Col: col}
}

// firstOffset finds the source offset of the first text inside n, or -1.
func firstOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if o := firstOffset(ch); o >= 0 {
			return o
		}
	}
	return -1
}
