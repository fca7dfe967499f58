package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAdmonition is the node kind of an admonition.
var KindAdmonition = ast.NewNodeKind("Admonition")

// Admonition is a GitHub alert or Obsidian callout (a blockquote opening
// with [!note]) or a GitBook {% hint %}: a styled block of one of the five
// kinds GitHub knows (note, tip, important, warning, caution).
type Admonition struct {
	ast.BaseBlock
	Style string
	Title string // "" for the kind's title in the page's language
	// Fold is "-" (folded) or "+" (unfolded) for an Obsidian callout the
	// reader can fold, "" otherwise.
	Fold string
}

// Kind implements ast.Node.
func (n *Admonition) Kind() ast.NodeKind { return KindAdmonition }

// Dump implements ast.Node.
func (n *Admonition) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Style": n.Style, "Title": n.Title, "Fold": n.Fold}, nil)
}

// admonitionTypes maps the types GitHub, Obsidian and GitBook write to the
// five kinds parcours styles; a type it does not know is a note, as
// Obsidian shows it.
var admonitionTypes = map[string]string{
	"note": "note", "abstract": "note", "summary": "note", "tldr": "note", "info": "note",
	"todo": "note", "example": "note", "quote": "note", "cite": "note",
	"question": "note", "help": "note", "faq": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"important": "important",
	"warning":   "warning", "attention": "warning",
	"caution": "caution", "danger": "caution", "error": "caution", "failure": "caution",
	"fail": "caution", "missing": "caution", "bug": "caution",
}

func admonitionType(t string) string {
	if k, ok := admonitionTypes[strings.ToLower(t)]; ok {
		return k
	}
	return "note"
}

// calloutLine is the first line of a callout: [!type], a fold mark, a
// title.
var calloutLine = regexp.MustCompile(`^\s*\[!([A-Za-z][\w-]*)\]([-+]?)[ \t]*(.*?)\s*$`)

// calloutsKey holds, in the parser context, the blockquotes found to be
// callouts, until the tree is complete and they can be replaced.
var calloutsKey = parser.NewContextKey()

// calloutParagraph recognises a callout when the paragraph that opens a
// blockquote closes, before its inlines are parsed, and takes its first
// line out of it.
type calloutParagraph struct{}

func (calloutParagraph) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	quote, ok := p.Parent().(*ast.Blockquote)
	if !ok || quote.FirstChild() != p || p.Lines().Len() == 0 {
		return
	}
	lines := p.Lines()
	first := lines.At(0)
	m := calloutLine.FindSubmatch(first.Value(reader.Source()))
	if m == nil {
		return
	}
	found, _ := pc.Get(calloutsKey).(map[*ast.Blockquote]*Admonition)
	if found == nil {
		found = map[*ast.Blockquote]*Admonition{}
		pc.Set(calloutsKey, found)
	}
	found[quote] = &Admonition{Style: admonitionType(string(m[1])), Title: string(m[3]), Fold: string(m[2])}
	if lines.Len() == 1 {
		quote.RemoveChild(quote, p)
		return
	}
	lines.SetSliced(1, lines.Len())
}

// calloutTree replaces each blockquote found to be a callout with its
// admonition.
type calloutTree struct{}

func (calloutTree) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	found, _ := pc.Get(calloutsKey).(map[*ast.Blockquote]*Admonition)
	for quote, a := range found {
		for ch := quote.FirstChild(); ch != nil; {
			next := ch.NextSibling()
			a.AppendChild(a, ch)
			ch = next
		}
		quote.Parent().ReplaceChild(quote.Parent(), quote, a)
	}
}

// hintStyles maps GitBook's hint styles to admonition kinds.
var hintStyles = map[string]string{"info": "note", "success": "tip", "warning": "warning", "danger": "caution"}

var (
	hintOpen  = regexp.MustCompile(`^\s*\{%-?\s*hint(?:\s+style\s*=\s*["']?(\w+)["']?)?\s*-?%\}\s*$`)
	hintClose = regexp.MustCompile(`^\s*\{%-?\s*endhint\s*-?%\}\s*$`)
)

// hintParser reads a GitBook {% hint style="…" %} … {% endhint %} block,
// each tag on its own line, as an admonition holding the Markdown between.
type hintParser struct{}

func (hintParser) Trigger() []byte { return []byte{'{'} }

func (hintParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := hintOpen.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	t, ok := hintStyles[strings.ToLower(string(m[1]))]
	if !ok {
		t = "note"
	}
	reader.AdvanceLine()
	return &Admonition{Style: t}, parser.HasChildren
}

func (hintParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if hintClose.Match(line) {
		reader.AdvanceLine()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (hintParser) Close(ast.Node, text.Reader, parser.Context) {}

func (hintParser) CanInterruptParagraph() bool { return true }

func (hintParser) CanAcceptIndentedLine() bool { return false }

type admonitionExtension struct{}

// Extend registers the callout recognisers after link reference
// definitions (100), and the hint parser ahead of paragraphs.
func (admonitionExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(calloutParagraph{}, 200)),
		parser.WithASTTransformers(util.Prioritized(calloutTree{}, 50)),
		parser.WithBlockParsers(util.Prioritized(hintParser{}, 850)),
	)
}

// admonition renders an admonition as a labelled aside, its title from the
// theme's strings when the page gives none; one the reader can fold holds
// a details element.
func (r *nodeRenderer) admonition(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Admonition)
	if !entering {
		if n.Fold != "" {
			_, _ = w.WriteString("</details>\n")
		}
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	title := n.Title
	if title == "" {
		title = r.t("admonition_" + n.Style)
	}
	t := html.EscapeString(title)
	var b bytes.Buffer
	b.WriteString(`<aside class="admonition admonition-` + n.Style + `" role="note" aria-label="` + t + "\">\n")
	switch n.Fold {
	case "":
		b.WriteString(`<p class="admonition-title">` + t + "</p>\n")
	case "+":
		b.WriteString(`<details open><summary class="admonition-title">` + t + "</summary>\n")
	default:
		b.WriteString(`<details><summary class="admonition-title">` + t + "</summary>\n")
	}
	_, _ = w.Write(b.Bytes())
	return ast.WalkContinue, nil
}
