package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikiLink is the node kind of a [[target|label]] short link.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is a [[target]] or [[target|label]] short link. The conversion
// walk resolves it and fills Href and Title before rendering.
type WikiLink struct {
	ast.BaseInline
	Target, Label string
	Offset        int // of the opening [[ in the source
	Href, Title   string
	Resolved      bool
	// Broken, when set, is the title of a link let through broken (see
	// BrokenLink).
	Broken string
	// Embed is set for an Obsidian page embed, ![[Other note]], which
	// parcours shows as a link.
	Embed bool
}

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": n.Target, "Label": n.Label}, nil)
}

type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'['} }

// Parse takes [[…]] on one line; anything else is left to the link parser.
func (wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '[' {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[]") {
		return nil
	}
	target, label := inner, []byte(nil)
	if i := bytes.IndexByte(inner, '|'); i >= 0 {
		target, label = inner[:i], inner[i+1:]
	}
	n := &WikiLink{
		Target: string(bytes.TrimSpace(target)),
		Label:  string(bytes.TrimSpace(label)),
		Offset: seg.Start,
	}
	block.Advance(2 + end + 2)
	return n
}

type wikiExtension struct{}

// Extend registers the parser ahead of goldmark's link parser, which also
// triggers on "[".
func (wikiExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikiParser{}, 199)))
}
