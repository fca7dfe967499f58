package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/parcours/parcours/internal/diag"
)

// conversion is the state of one Convert call.
type conversion struct {
	page     Page
	src      []byte
	resolver Resolver
	lines    []int
	last     lastPos // see pos
	res      *Result
	diags    []diag.Diagnostic

	section *Section
	text    spaceCollapser

	unsafe, lenient bool
	brokenTitle     func() string
	// warnedHTML is set once the page is warned of its raw HTML.
	warnedHTML bool
	// replace holds the nodes to swap once the tree is walked: raw HTML
	// whose links were rewritten.
	replace [][2]ast.Node
}

// lastPos is the last position pos computed, line as an index of lines.
type lastPos struct{ line, offset, col int }

func (c *conversion) errorAt(p Pos, err error) {
	c.diags = append(c.diags, diag.At(c.page.Path, p.Line, p.Col, "%v", err))
}

// unconverted reports a block of another tool that the page shows as it
// was written: an error, or a warning when the build is lenient.
func (c *conversion) unconverted(p Pos, msg string) {
	d := diag.At(c.page.Path, p.Line, p.Col, "%s", msg)
	if c.lenient {
		c.res.Warnings = append(c.res.Warnings, d)
		return
	}
	c.diags = append(c.diags, d)
}

// walk collects the headings and the plain text per section.
func (c *conversion) walk(doc ast.Node) {
	c.section = &Section{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			switch {
			case n.Kind() == extast.KindTableCell:
				// A search excerpt shows a cell, not a row run together.
				c.text.Unit()
			case n.Type() == ast.TypeBlock:
				c.text.Space()
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *extast.TableHeader:
			// Column names say nothing of a page and make poor excerpts.
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			c.endSection()
			id, _ := n.AttributeString("id")
			idStr := string(asBytes(id))
			t := plainText(n, c.src)
			c.res.Headings = append(c.res.Headings, Heading{Level: n.Level, ID: idStr, Text: t})
			c.section = &Section{Anchor: idStr, Heading: t}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			if c.res.Summary == "" {
				if _, inList := n.Parent().(*ast.Document); inList {
					c.res.Summary = summarize(plainText(n, c.src))
				}
			}
		case *WikiLink:
			if n.Label != "" {
				c.text.WriteString(n.Label)
			} else {
				c.text.WriteString(n.Title)
			}
		case *ast.Text:
			c.text.Write(n.Segment.Value(c.src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				c.text.Space()
			}
		case *ast.String:
			if !bytes.ContainsRune(n.Value, '&') {
				c.text.Write(n.Value)
			} else {
				c.text.Space()
			}
		case *ast.AutoLink:
			c.text.Write(n.Label(c.src))
		case *ast.CodeSpan:
			c.text.WriteString(plainText(n, c.src))
			return ast.WalkSkipChildren, nil
		case *ForeignTag, *Embed:
			return ast.WalkSkipChildren, nil
		case *Admonition:
			// A callout's own title is searched like its text.
			c.text.WriteString(n.Title)
			c.text.Space()
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			c.writeLines(n)
		case Sectioned:
			c.endSection()
			for _, s := range n.Sections() {
				c.section = &s
				c.text.WriteString(s.Text)
				c.endSection()
			}
			c.section = &Section{}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	c.endSection()
}

func asBytes(v any) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case string:
		return []byte(x)
	}
	return nil
}

func (c *conversion) writeLines(n ast.Node) {
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		c.text.Write(seg.Value(c.src))
	}
}

// endSection closes the current section, keeping it when it holds text.
func (c *conversion) endSection() {
	t := strings.TrimSuffix(c.text.String(), unitSep)
	c.text.Reset()
	if t == "" && c.section.Heading == "" {
		return
	}
	c.section.Text = t
	c.res.Sections = append(c.res.Sections, *c.section)
}

// spaceCollapser gathers a section's text with white space collapsed as it
// is written: no leading or trailing space, every run of white space one
// space, as strings.Join(strings.Fields(text), " ") would give, without a
// second copy of the text.
type spaceCollapser struct {
	b     []byte
	space bool // white space was written since the last word
}

func (c *spaceCollapser) Write(p []byte) { appendCollapsed(c, p) }

func (c *spaceCollapser) WriteString(s string) { appendCollapsed(c, s) }

// Space writes white space: a line break, or what separates two texts.
func (c *spaceCollapser) Space() { c.space = len(c.b) > 0 }

// unitSep ends a unit of text: see Unit.
const unitSep = " ·"

// Unit ends a unit of text, a table cell, which a search excerpt should not
// run into the next: a middle dot stands between them, once.
func (c *spaceCollapser) Unit() {
	if len(c.b) > 0 && !bytes.HasSuffix(c.b, []byte(unitSep)) {
		c.b = append(c.b, unitSep...)
		c.space = true
	}
}

func (c *spaceCollapser) String() string { return string(c.b) }

func (c *spaceCollapser) Reset() { c.b, c.space = c.b[:0], false }

func appendCollapsed[T string | []byte](c *spaceCollapser, s T) {
	for i := 0; i < len(s); {
		// A run of other characters is appended at once.
		j, n := i, 0
		for ; j < len(s); j += n {
			ch := s[j]
			if ch < utf8.RuneSelf {
				if ch == ' ' || '\t' <= ch && ch <= '\r' {
					n = 1
					break
				}
				n = 1
				continue
			}
			var r rune
			if r, n = utf8.DecodeRune([]byte(s[j:min(j+utf8.UTFMax, len(s))])); unicode.IsSpace(r) {
				break
			}
		}
		if j > i {
			if c.space {
				c.b = append(c.b, ' ')
				c.space = false
			}
			c.b = append(c.b, s[i:j]...)
		}
		if j < len(s) {
			c.space = len(c.b) > 0
			j += n
		}
		i = j
	}
}

// plainText returns the text inside an inline container.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if !bytes.ContainsRune(n.Value, '&') {
				b.Write(n.Value)
			} else {
				b.WriteString(typoString(n.Value))
			}
		case *WikiLink:
			if n.Label != "" {
				b.WriteString(n.Label)
			} else {
				b.WriteString(n.Title)
			}
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// typoString maps the typographer's entities back to characters for plain
// text.
func typoString(v []byte) string {
	r := strings.NewReplacer("&#x202F;", "\u202f", "&ldquo;", "“", "&rdquo;", "”", "&lsquo;", "‘",
		"&rsquo;", "’", "&hellip;", "…", "&ndash;", "–", "&mdash;", "—", "&laquo;", "«", "&raquo;", "»")
	return r.Replace(string(v))
}

// summarize cuts text to about two lines, at a word boundary.
func summarize(t string) string {
	const max = 200
	if len([]rune(t)) <= max {
		return t
	}
	r := []rune(t)[:max]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}
