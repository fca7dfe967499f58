package markdown

import (
	"errors"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/parcours/parcours/internal/diag"
)

// BrokenLink is the error a Resolver returns for a link or [[wiki link]] it
// lets through: the page is converted with the link marked as broken (the
// class broken-link and a title saying so), and the problem is returned
// among the result's warnings rather than its errors.
type BrokenLink struct{ Err error }

func (e *BrokenLink) Error() string { return e.Err.Error() }

func (e *BrokenLink) Unwrap() error { return e.Err }

// BrokenClass is the class of a broken link in the page, for the theme.
const BrokenClass = "broken-link"

// brokenHref stands, in a link's destination, for a reference let through,
// until markBroken gives the link its class and title. No destination holds
// a NUL byte, so it cannot be mistaken for one.
const brokenHref = "\x00broken:"

// tolerant turns the resolver's BrokenLink errors into warnings and marked
// destinations; its other errors pass.
type tolerant struct {
	Resolver
	c      *conversion
	broken int
}

func (t *tolerant) Link(dest string, image bool, pos Pos) (string, error) {
	href, err := t.Resolver.Link(dest, image, pos)
	if t.warned(pos, err) {
		return brokenHref + dest, nil
	}
	return href, err
}

func (t *tolerant) Wiki(target string, pos Pos) (string, string, error) {
	href, title, err := t.Resolver.Wiki(target, pos)
	if t.warned(pos, err) {
		return brokenHref, "", nil
	}
	return href, title, err
}

func (t *tolerant) warned(pos Pos, err error) bool {
	var b *BrokenLink
	if !errors.As(err, &b) {
		return false
	}
	t.c.res.Warnings = append(t.c.res.Warnings, diag.At(t.c.page.Path, pos.Line, pos.Col, "%v", b.Err))
	t.broken++
	return true
}

// markBroken gives the links let through their class and title, and their
// destination back as the author wrote it.
func markBroken(doc ast.Node, title string) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			markDest(n, &n.Destination, &n.Title, title)
		case *ast.Image:
			markDest(n, &n.Destination, &n.Title, title)
		case *Embed:
			if d, ok := strings.CutPrefix(n.Src, brokenHref); ok {
				n.Src, n.Broken = d, title
			}
		case *WikiLink:
			if n.Href == brokenHref {
				n.Href, n.Resolved, n.Broken = "", false, title
			}
		}
		return ast.WalkContinue, nil
	})
}

func markDest(n ast.Node, dest, title *[]byte, text string) {
	d, ok := strings.CutPrefix(string(*dest), brokenHref)
	if !ok {
		return
	}
	*dest, *title = []byte(d), []byte(text)
	n.SetAttributeString("class", []byte(BrokenClass))
}
