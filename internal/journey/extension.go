package journey

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/markdown"
)

// Extension draws ```journey fenced blocks in place: a goldmark Extender
// whose AST transformer parses each block's YAML (problems at their line in
// the Markdown file), resolves its irritants through the page's
// markdown.Resolver and swaps the block for a journey node, which its node
// renderer writes. Each journey is attached to the page's markdown.Result
// (see In) for its exports. Pages converted with it must go through
// markdown.Converter, whose Env gives the page.
type Extension struct {
	// T gives the UI strings of the pages' language (see Options.T).
	T func(key string) string
	// Lang is the pages' language tag.
	Lang string
	// Lanes are the lanes the site declares ([journey] lanes), labelled
	// in Lang.
	Lanes []Lane
	// PNG: a .png of each map is written beside its other exports, and
	// linked (see Options.PNG).
	PNG bool
	// Render writes a figure's HTML; the build gives the theme's
	// partials/journey.html.
	Render func(*Figure) ([]byte, error)
}

// Extend registers the transformer and the renderer.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(gmparser.WithASTTransformers(util.Prioritized(transformer{e}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}

// Block is a journey of a page with the options its exports are drawn with.
type Block struct {
	*Journey
	Options Options
	// html is the figure as the page holds it, drawn by render (see
	// Compare).
	html   string
	render func(*Figure) ([]byte, error)
}

// In returns the journeys of a converted page, in document order.
func In(res *markdown.Result) []*Block {
	var out []*Block
	for _, a := range res.Attached {
		if b, ok := a.(*Block); ok {
			out = append(out, b)
		}
	}
	return out
}

// kindJourney is the node kind of a drawn journey block.
var kindJourney = ast.NewNodeKind("Journey")

// node replaces a ```journey fenced block.
type node struct {
	ast.BaseBlock
	block *Block
}

func (n *node) Kind() ast.NodeKind { return kindJourney }

func (n *node) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.block.ID}, nil)
}

// Sections gives search one section per stage, linked to the stage.
func (n *node) Sections() []markdown.Section {
	j := n.block.Journey
	var out []markdown.Section
	for _, ph := range j.Phases {
		for _, st := range ph.Stages {
			out = append(out, markdown.Section{Anchor: j.StageAnchor(&st), Heading: j.Title + " › " + ph.Name + " › " + st.Name, Text: stageText(st, n.block.Options)})
		}
	}
	return out
}

var _ markdown.Sectioned = (*node)(nil)

// stageText is what search indexes of a stage: its lanes' items, a middle
// dot between two so that an excerpt shows them apart (as table cells).
func stageText(s Stage, o Options) string { return strings.Join(s.Texts(o), " · ") }

type transformer struct{ e *Extension }

// Transform swaps every ```journey block for its drawing, in document
// order. A block that does not parse stays a code block, its problems
// reported.
func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc gmparser.Context) {
	env := markdown.EnvOf(pc)
	if env == nil {
		return
	}
	src := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
			if string(f.Language(src)) == "journey" {
				blocks = append(blocks, f)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	ids := map[string]bool{}
	for _, f := range blocks {
		if n := t.draw(env, f, src, ids); n != nil {
			f.Parent().ReplaceChild(f.Parent(), f, n)
		}
	}
}

// draw parses a block, resolves its irritants and renders it; ids are the
// journey IDs seen so far in the page.
func (t transformer) draw(env *markdown.Env, f *ast.FencedCodeBlock, src []byte, ids map[string]bool) ast.Node {
	var yaml []byte
	for i := 0; i < f.Lines().Len(); i++ {
		seg := f.Lines().At(i)
		yaml = append(yaml, seg.Value(src)...)
	}
	start := env.Pos(f.Info.Segment.Start).Line + 1
	if f.Lines().Len() > 0 {
		start = env.Pos(f.Lines().At(0).Start).Line
	}
	path := env.Path()
	j, ds := ParseWith(path, yaml, start, 0, t.e.Lanes)
	env.Report(ds...)
	if j == nil {
		return nil
	}
	if ids[j.ID] {
		env.Report(diag.At(path, j.Line, 1, "journey id %q is used twice in this page: give one of them an id: line", j.ID))
	}
	ids[j.ID] = true
	type link struct{ href, label string }
	links := map[string]link{}
	for _, ph := range j.Phases {
		for _, st := range ph.Stages {
			for _, ref := range st.Irritants {
				pos := markdown.Pos{Line: ref.Line, Col: ref.Col}
				href, title, err := env.Resolver().Irritant(ref.Text, pos)
				if err != nil {
					env.Report(diag.At(path, pos.Line, pos.Col, "%v", err))
					continue
				}
				links[ref.Text] = link{href, title}
			}
		}
	}
	b := &Block{Journey: j, Options: Options{
		BaseName: j.ID,
		Irritant: func(ref string) (string, string, bool) {
			l, ok := links[ref]
			return l.href, l.label, ok
		},
		T:    t.e.T,
		Lang: t.e.Lang,
		PNG:  t.e.PNG,
	}, render: t.e.Render}
	html, err := t.e.Render(j.Figure(b.Options))
	if err != nil {
		env.Report(diag.At(path, j.Line, 1, "render journey: %v", err))
		return nil
	}
	b.html = string(html)
	env.Attach(b)
	return &node{block: b}
}

type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindJourney, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*node).block.html)
		}
		return ast.WalkSkipChildren, nil
	})
}
