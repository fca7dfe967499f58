package render

import (
	"html/template"
	"text/template/parse"
)

// bodyFields are the fields of content.Page that only a page's Markdown
// body decides. A template naming one of them can show another page's
// body, so a body edit must then re-render every page that lists it.
var bodyFields = map[string]bool{"Body": true, "BodyLine": true, "Hash": true}

// readsBody reports whether a template of the set names a field of
// bodyFields, on any value: the names are read from the parse trees, so
// that the check costs nothing per page.
func readsBody(ts ...*template.Template) bool {
	for _, t := range ts {
		for _, tt := range t.Templates() {
			if tt.Tree != nil && namesBodyField(tt.Tree.Root) {
				return true
			}
		}
	}
	return false
}

func namesBodyField(n parse.Node) bool {
	named := func(idents []string) bool {
		for _, id := range idents {
			if bodyFields[id] {
				return true
			}
		}
		return false
	}
	switch n := n.(type) {
	case nil:
		return false
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if namesBodyField(c) {
				return true
			}
		}
	case *parse.ActionNode:
		return namesBodyField(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if namesBodyField(c) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			if namesBodyField(a) {
				return true
			}
		}
	case *parse.FieldNode:
		return named(n.Ident)
	case *parse.VariableNode:
		return named(n.Ident[1:])
	case *parse.ChainNode:
		return named(n.Field) || namesBodyField(n.Node)
	case *parse.IfNode:
		return namesBodyField(n.Pipe) || namesBodyField(n.List) || namesBodyField(n.ElseList)
	case *parse.RangeNode:
		return namesBodyField(n.Pipe) || namesBodyField(n.List) || namesBodyField(n.ElseList)
	case *parse.WithNode:
		return namesBodyField(n.Pipe) || namesBodyField(n.List) || namesBodyField(n.ElseList)
	case *parse.TemplateNode:
		return namesBodyField(n.Pipe)
	case *parse.StringNode:
		// index and call reach fields by name only through maps, whose
		// keys a page's fields are not; a string is never a field.
		return false
	}
	return false
}
