package markdown

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkExtension resolves links, images and wiki links through the page's
// Resolver once the document is parsed, so that whatever reads the tree
// after it (the text walk, the renderers) sees resolved destinations.
type linkExtension struct{}

// Extend registers the transformer.
func (linkExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkResolver{}, 100)))
}

type linkResolver struct{}

// Transform visits references in document order, which keeps Env.Pos's
// column counting linear on long lines.
func (linkResolver) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	env := EnvOf(pc)
	if env == nil {
		return
	}
	c := env.c
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			c.resolveLink(n, &n.Destination, false)
		case *ast.Image:
			c.resolveLink(n, &n.Destination, true)
		case *WikiLink:
			p := c.pos(n.Offset)
			if n.Embed {
				c.unconverted(p, fmt.Sprintf("![[%s]] embeds a page, which parcours shows as a link: write [[%s]], or copy the text in", n.Target, n.Target))
			}
			if href, title, err := c.resolver.Wiki(n.Target, p); err != nil {
				c.errorAt(p, err)
			} else {
				n.Href, n.Title, n.Resolved = href, title, true
			}
		case *Embed:
			p := c.pos(n.Offset)
			if href, err := c.resolver.Link(n.Target, true, p); err != nil {
				c.errorAt(p, err)
			} else {
				n.Src = href
			}
		case *ForeignTag:
			if msg := foreignProblem(n.Raw); msg != "" {
				c.unconverted(c.pos(n.Offset), msg)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			c.rawHTML(n, rawSegments(n))
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, r := range c.replace {
		r[0].Parent().ReplaceChild(r[0].Parent(), r[0], r[1])
	}
}

// resolveLink resolves the destination of a link or an image, reported at
// its opening [ or ![.
func (c *conversion) resolveLink(n ast.Node, dest *[]byte, image bool) {
	back := 1
	if image {
		back = 2
	}
	p := c.pos(max(firstOffset(n)-back, 0))
	if href, err := c.resolver.Link(string(*dest), image, p); err != nil {
		c.errorAt(p, err)
	} else {
		*dest = []byte(href)
	}
}
