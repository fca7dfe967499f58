package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindForeignTag is the node kind of another tool's template tag.
var KindForeignTag = ast.NewNodeKind("ForeignTag")

// ForeignTag is a tag of another tool's templates that parcours does not
// convert: a Hugo shortcode ({{< x >}}, {{% x %}}) or a Liquid tag as
// GitBook and Jekyll write them ({% x %}). It is shown as code, as written,
// so that neither the typographer nor French spacing touches its
// arguments, and reported with what to write instead.
type ForeignTag struct {
	ast.BaseInline
	Raw    string
	Offset int
}

// Kind implements ast.Node.
func (n *ForeignTag) Kind() ast.NodeKind { return KindForeignTag }

// Dump implements ast.Node.
func (n *ForeignTag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Raw": n.Raw}, nil)
}

type foreignParser struct{}

func (foreignParser) Trigger() []byte { return []byte{'{'} }

// foreignDelims are the opening and closing marks of each kind of tag.
var foreignDelims = [][2]string{{"{{<", ">}}"}, {"{{%", "%}}"}, {"{%", "%}"}}

// Parse takes a tag on one line.
func (foreignParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	for _, d := range foreignDelims {
		if !bytes.HasPrefix(line, []byte(d[0])) {
			continue
		}
		end := bytes.Index(line[len(d[0]):], []byte(d[1]))
		if end < 0 {
			return nil
		}
		n := len(d[0]) + end + len(d[1])
		block.Advance(n)
		return &ForeignTag{Raw: string(line[:n]), Offset: seg.Start}
	}
	return nil
}

type foreignExtension struct{}

// Extend registers the parser ahead of every inline parser that could
// take part of a tag (the typographer's quotes and < >).
func (foreignExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(foreignParser{}, 99)))
}

func (r *nodeRenderer) foreign(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<code class="foreign-tag">` + html.EscapeString(node.(*ForeignTag).Raw) + "</code>")
	}
	return ast.WalkSkipChildren, nil
}

var (
	tagParts = regexp.MustCompile(`^\{\{?[<%]-?\s*(/?[\w.-]*)\s*(.*?)\s*-?[>%]\}\}?$`)
	tagArg   = regexp.MustCompile(`(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))`)
)

// tagArgs splits a tag's arguments: named ones by name, the others in
// order.
func tagArgs(s string) (named map[string]string, positional []string) {
	named = map[string]string{}
	for _, m := range tagArg.FindAllStringSubmatch(s, -1) {
		v := m[2] + m[3] + m[4]
		if m[1] != "" {
			named[strings.ToLower(m[1])] = v
		} else {
			positional = append(positional, v)
		}
	}
	return named, positional
}

// foreignProblem says what a tag is and what to write instead; "" for a
// closing tag, whose opening tag says it.
func foreignProblem(raw string) string {
	m := tagParts.FindStringSubmatch(raw)
	if m == nil {
		return fmt.Sprintf("%s is a template tag of another tool, shown as code: convert it to Markdown or remove it", raw)
	}
	name := strings.ToLower(m[1])
	if strings.HasPrefix(name, "/") || strings.HasPrefix(name, "end") {
		return ""
	}
	tool := "Hugo shortcode"
	if strings.HasPrefix(raw, "{%") {
		tool = "GitBook/Liquid tag"
	}
	named, pos := tagArgs(m[2])
	return fmt.Sprintf("%s %s is not converted and is shown as code: %s", tool, raw, foreignSuggestion(name, named, pos))
}

// pickArg returns the first of the named arguments given, else the first
// positional one, else an ellipsis for the author to fill.
func pickArg(named map[string]string, pos []string, keys ...string) string {
	for _, k := range keys {
		if v := named[k]; v != "" {
			return v
		}
	}
	if len(pos) > 0 {
		return pos[0]
	}
	return "…"
}

// foreignSuggestion is the Markdown that means what a tag named name does.
func foreignSuggestion(name string, named map[string]string, pos []string) string {
	arg := func(keys ...string) string { return pickArg(named, pos, keys...) }
	switch name {
	case "ref", "relref", "link", "post_url", "content-ref":
		return fmt.Sprintf("write a plain Markdown link, [text](%s)", arg("url", "path"))
	case "figure", "image", "img":
		alt := pickArg(named, nil, "alt", "caption", "title")
		return fmt.Sprintf("write an image, ![%s](%s)", alt, arg("src", "url"))
	case "embed", "youtube", "vimeo", "video", "tweet", "gist":
		return fmt.Sprintf("write a link, [title](%s)", arg("url", "src", "id"))
	case "highlight", "code", "raw":
		return "write a fenced code block (```)"
	case "hint", "notice", "alert", "callout", "admonition", "note", "tip", "warning", "info":
		return "write a callout, > [!note] on the first line of a blockquote"
	case "tabs", "tab", "details", "expand", "collapse", "columns", "column", "stepper", "step", "swagger":
		return "write each part under its own heading"
	case "include", "include_relative":
		return "copy the included text into the page, or link to it"
	}
	return "convert it to Markdown or remove it"
}
