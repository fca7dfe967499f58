package markdown

import (
	"bytes"
	"html"
	"path"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindEmbed is the node kind of an Obsidian image embed.
var KindEmbed = ast.NewNodeKind("Embed")

// Embed is an Obsidian image embed, ![[img.png]] or ![[img.png|300]],
// resolved like any image. An embed of a page (![[Other note]]) is a
// WikiLink with Embed set instead: parcours links to the page rather than
// copying it in.
type Embed struct {
	ast.BaseInline
	Target        string
	Width, Height string
	Offset        int // of the ! in the source
	// Src is the resolved address; Broken, when set, the title of an
	// image let through broken.
	Src, Broken string
}

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (n *Embed) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": n.Target}, nil)
}

// imageExts are the extensions Obsidian embeds as images.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true, ".bmp": true}

// embedSize is Obsidian's |300 or |300x200 after an image's name.
var embedSize = regexp.MustCompile(`^(\d+)(?:x(\d+))?$`)

type embedParser struct{}

func (embedParser) Trigger() []byte { return []byte{'!'} }

// Parse takes ![[…]] on one line; anything else is left to the image
// parser.
func (embedParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("![[")) {
		return nil
	}
	end := bytes.Index(line[3:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[3 : 3+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[]") {
		return nil
	}
	target, opt, _ := strings.Cut(string(inner), "|")
	target, opt = strings.TrimSpace(target), strings.TrimSpace(opt)
	block.Advance(3 + end + 2)
	if imageExts[strings.ToLower(path.Ext(target))] {
		n := &Embed{Target: target, Offset: seg.Start}
		if m := embedSize.FindStringSubmatch(opt); m != nil {
			n.Width, n.Height = m[1], m[2]
		}
		return n
	}
	return &WikiLink{Target: target, Label: opt, Offset: seg.Start, Embed: true}
}

type embedExtension struct{}

// Extend registers the parser ahead of goldmark's link parser, which also
// triggers on "!".
func (embedExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(embedParser{}, 198)))
}

func (r *nodeRenderer) embed(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*Embed)
	src := n.Src
	if src == "" {
		src = n.Target
	}
	alt := strings.TrimSuffix(path.Base(n.Target), path.Ext(n.Target))
	var b strings.Builder
	b.WriteString(`<img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(alt) + `"`)
	if n.Width != "" {
		b.WriteString(` width="` + n.Width + `"`)
	}
	if n.Height != "" {
		b.WriteString(` height="` + n.Height + `"`)
	}
	if n.Broken != "" {
		b.WriteString(` title="` + html.EscapeString(n.Broken) + `" class="` + BrokenClass + `"`)
	}
	b.WriteString(">")
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}
