package markdown

import (
	"bytes"
	"io"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"

	"github.com/parcours/parcours/internal/diag"
)

// KindResolvedHTML is the node kind of raw HTML whose links were resolved.
var KindResolvedHTML = ast.NewNodeKind("ResolvedHTML")

// resolvedInline and resolvedBlock stand for raw HTML, inline or a block,
// in which a link or an image was rewritten to the address it resolves to.
type resolvedInline struct {
	ast.BaseInline
	HTML string
}

type resolvedBlock struct {
	ast.BaseBlock
	HTML string
}

func (n *resolvedInline) Kind() ast.NodeKind { return KindResolvedHTML }
func (n *resolvedBlock) Kind() ast.NodeKind  { return KindResolvedHTML }

func (n *resolvedInline) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (n *resolvedBlock) Dump(source []byte, level int)  { ast.DumpHelper(n, source, level, nil, nil) }

func (r *nodeRenderer) resolvedHTML(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		switch n := node.(type) {
		case *resolvedInline:
			_, _ = w.WriteString(n.HTML)
		case *resolvedBlock:
			_, _ = w.WriteString(n.HTML)
		}
	}
	return ast.WalkSkipChildren, nil
}

// htmlPiece maps a stretch of the raw HTML, as tokenized, back to the
// Markdown source: a block's lines inside a list or quote are not
// contiguous there.
type htmlPiece struct{ at, src int }

// rawHTML handles a raw HTML node: its links are resolved when the site
// lets raw HTML through, and otherwise the page is warned, once, that it
// is shown as text.
func (c *conversion) rawHTML(n ast.Node, segs []text.Segment) {
	if len(segs) == 0 {
		return
	}
	if !c.unsafe {
		if !c.warnedHTML {
			c.warnedHTML = true
			p := c.pos(segs[0].Start)
			c.res.Warnings = append(c.res.Warnings, diag.At(c.page.Path, p.Line, p.Col,
				"raw HTML shown as text; set unsafeHTML = true in parcours.toml to let it through, or write it in Markdown"))
		}
		return
	}
	var buf bytes.Buffer
	pieces := make([]htmlPiece, 0, len(segs))
	for _, s := range segs {
		pieces = append(pieces, htmlPiece{at: buf.Len(), src: s.Start})
		buf.Write(s.Value(c.src))
	}
	srcOf := func(at int) int {
		i := len(pieces) - 1
		for i > 0 && pieces[i].at > at {
			i--
		}
		return pieces[i].src + at - pieces[i].at
	}
	var out strings.Builder
	changed := false
	z := nethtml.NewTokenizer(bytes.NewReader(buf.Bytes()))
	at := 0
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			if z.Err() != io.EOF {
				return
			}
			break
		}
		raw := z.Raw()
		start := at
		at += len(raw)
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		if c.resolveTag(&tok, c.pos(srcOf(start))) {
			changed = true
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
	if !changed {
		return
	}
	var repl ast.Node = &resolvedInline{HTML: out.String()}
	if n.Type() == ast.TypeBlock {
		repl = &resolvedBlock{HTML: out.String()}
	}
	c.replace = append(c.replace, [2]ast.Node{n, repl})
}

// resolveTag resolves the href of an <a> or the src of an <img> as a
// Markdown link, and reports whether the tag changed.
func (c *conversion) resolveTag(tok *nethtml.Token, p Pos) bool {
	key, image := "", false
	switch tok.Data {
	case "a":
		key = "href"
	case "img":
		key, image = "src", true
	default:
		return false
	}
	for i, a := range tok.Attr {
		if a.Namespace != "" || a.Key != key {
			continue
		}
		href, err := c.resolver.Link(a.Val, image, p)
		if err != nil {
			c.errorAt(p, err)
			return false
		}
		if d, ok := strings.CutPrefix(href, brokenHref); ok {
			tok.Attr[i].Val = d
			tok.Attr = append(tok.Attr, nethtml.Attribute{Key: "class", Val: BrokenClass}, nethtml.Attribute{Key: "title", Val: c.brokenTitle()})
			return true
		}
		if href == a.Val {
			return false
		}
		tok.Attr[i].Val = href
		return true
	}
	return false
}

// rawSegments gives the source of a raw HTML node, inline or a block.
func rawSegments(n ast.Node) []text.Segment {
	switch n := n.(type) {
	case *ast.RawHTML:
		return n.Segments.Sliced(0, n.Segments.Len())
	case *ast.HTMLBlock:
		segs := n.Lines().Sliced(0, n.Lines().Len())
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
		return segs
	}
	return nil
}
