package markdown

import (
	"github.com/yuin/goldmark/parser"

	"github.com/parcours/parcours/internal/diag"
)

// envKey holds the conversion's Env in goldmark's parser context.
var envKey = parser.NewContextKey()

// Env is the page being converted, as an extension's transformer sees it.
type Env struct{ c *conversion }

// EnvOf returns the Env of the conversion that pc belongs to, or nil when
// the document is not parsed by Converter.Convert.
func EnvOf(pc parser.Context) *Env {
	e, _ := pc.Get(envKey).(*Env)
	return e
}

// Path is the page's file, for diagnostics.
func (e *Env) Path() string { return e.c.page.Path }

// Lang is the language the page is written in.
func (e *Env) Lang() string { return e.c.page.Lang }

// Pos returns the position in the Markdown file of a byte offset in the
// page's body (the source goldmark parses).
func (e *Env) Pos(offset int) Pos { return e.c.pos(offset) }

// Resolver resolves the page's references.
func (e *Env) Resolver() Resolver { return e.c.resolver }

// Report adds problems of the page.
func (e *Env) Report(ds ...diag.Diagnostic) { e.c.diags = append(e.c.diags, ds...) }

// Attach keeps v in the Result's Attached, for later stages.
func (e *Env) Attach(v any) { e.c.res.Attached = append(e.c.res.Attached, v) }
