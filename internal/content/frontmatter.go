package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/diag"
)

// raw is a file split into its frontmatter, decoded to a YAML node tree so
// that every value keeps its line, and its body.
type raw struct {
	fm       *yaml.Node // a mapping node, or nil when the file has none
	body     []byte
	bodyLine int
}

// yamlLine finds the line yaml gives in its syntax errors ("yaml: line 3:
// …"). go.yaml.in/yaml/v3 keeps yaml.v3's API, whose parser errors are plain
// errors built with fmt: the message is the only place the line is given.
// The node tree, which carries positions, does not exist when parsing
// fails.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// split separates frontmatter and body. YAML is decoded into nodes; TOML
// (+++, with go-toml, the reader of parcours.toml too) and JSON are decoded
// by the formats registered with adrg/frontmatter and turned into nodes
// without positions finer than the frontmatter's start.
func split(path string, src []byte) (raw, []diag.Diagnostic) {
	start, delim := firstLine(src)
	fmLine := start + 2 // line of the first frontmatter line, 1-based
	var node yaml.Node
	var decodeErr error
	called := false
	yamlFmt := frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
		called = true
		decodeErr = yaml.Unmarshal(data, &node)
		return nil
	})
	var generic map[string]any
	genericFmt := func(start, end string, un func([]byte, any) error) *frontmatter.Format {
		return frontmatter.NewFormat(start, end, func(data []byte, v any) error {
			called = true
			decodeErr = un(data, &generic)
			return nil
		})
	}
	formats := []*frontmatter.Format{
		yamlFmt,
		genericFmt("+++", "+++", toml.Unmarshal),
		genericFmt(";;;", ";;;", json.Unmarshal),
	}
	if delim == "{" {
		// JSON frontmatter is an object that opens the file; it ends at the
		// line holding only "}".
		jsonFmt := genericFmt("{", "}", json.Unmarshal)
		jsonFmt.UnmarshalDelims = true
		formats = append(formats, jsonFmt)
		fmLine = start + 1
	}
	// adrg/frontmatter copies its whole input, body included, into a
	// growing buffer (a tenth of a large build's allocations): it is given
	// the file up to the closing line only, and the body is the rest of src.
	in := src[:frontmatterEnd(src, start, closing[delim])]
	body, err := frontmatter.Parse(bytes.NewReader(in), nil, formats...)
	if err != nil {
		return raw{}, []diag.Diagnostic{diag.At(path, 0, 0, "read frontmatter: %v", err)}
	}
	body = src[len(in)-len(body):]
	if !called {
		if delim == "---" || delim == "+++" || delim == ";;;" {
			return raw{}, []diag.Diagnostic{diag.At(path, start+1, 1,
				"frontmatter opened with %s has no closing %s line", delim, delim)}
		}
		return raw{body: src, bodyLine: 1}, nil
	}
	bodyLine := 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	r := raw{body: body, bodyLine: bodyLine}
	if decodeErr != nil {
		return r, []diag.Diagnostic{frontmatterError(path, src, fmLine, decodeErr)}
	}
	if generic != nil {
		r.fm = toNode(generic, fmLine)
		return r, nil
	}
	switch {
	case node.Kind == 0:
		r.fm = &yaml.Node{Kind: yaml.MappingNode, Line: fmLine}
	case node.Kind == yaml.DocumentNode && len(node.Content) == 1 && node.Content[0].Kind == yaml.MappingNode:
		r.fm = node.Content[0]
		shiftLines(r.fm, fmLine-1)
	default:
		return r, []diag.Diagnostic{diag.At(path, fmLine, 1, "frontmatter must be a set of key: value lines")}
	}
	return r, nil
}

// closing gives the line that ends a frontmatter opened by each delimiter.
var closing = map[string]string{"---": "---", "+++": "+++", ";;;": ";;;", "{": "}"}

// frontmatterEnd returns the offset just past the first line after line
// open that reads end (spaces trimmed, as adrg/frontmatter compares them),
// or len(src) when there is none.
func frontmatterEnd(src []byte, open int, end string) int {
	if end == "" {
		return len(src)
	}
	off := 0
	for n := 0; off < len(src); n++ {
		i := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if i >= 0 {
			next = off + i + 1
		}
		if n > open && string(bytes.TrimSpace(src[off:next])) == end {
			return next
		}
		off = next
	}
	return len(src)
}

// firstLine returns the 0-based index of the first non-blank line and that
// line trimmed, which is how adrg/frontmatter detects the delimiter.
func firstLine(src []byte) (int, string) {
	n := 0
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		line := src
		if i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if t := strings.TrimSpace(string(line)); t != "" {
			return n, t
		}
		n++
	}
	return n, ""
}

// frontmatterError turns a decoder's error into a diagnostic at the line of
// the Markdown file, with a hint for the mistakes authors make most.
func frontmatterError(path string, src []byte, fmLine int, err error) diag.Diagnostic {
	msg := err.Error()
	line := fmLine
	// Decoding into a yaml.Node never gives a yaml.TypeError: the errors
	// are syntax errors, or go-toml's, which carry their position.
	var te *toml.DecodeError
	if errors.As(err, &te) {
		row, col := te.Position()
		return diag.At(path, fmLine+row-1, col, "invalid frontmatter: %s", strings.TrimPrefix(msg, "toml: "))
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = fmLine + n - 1
		msg = msg[len(m[0]):]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	lines := strings.Split(string(src), "\n")
	if line-1 < len(lines) {
		text := lines[line-1]
		if strings.HasPrefix(strings.TrimLeft(text, " "), "\t") {
			return diag.At(path, line, 1, "%s: YAML does not allow tabs for indentation; indent with spaces", msg)
		}
	}
	if strings.Contains(msg, "found unexpected end of stream") || strings.Contains(msg, "did not find expected") {
		// The parser notices an open quote where the text ends; the
		// author needs the line where it was opened.
		if l, c := openQuote(lines, fmLine, line); l > 0 {
			return diag.At(path, l, c, "invalid frontmatter: this quote is never closed: close it on the same line")
		}
		msg += " (is a quote left open?)"
	}
	return diag.At(path, line, 1, "invalid frontmatter: %s", msg)
}

// openQuote finds, between lines from and to (1-based, inclusive), a value
// that opens a quote it does not close on its line, and returns its line
// and column.
func openQuote(lines []string, from, to int) (int, int) {
	for n := from; n <= to && n-1 < len(lines); n++ {
		text := lines[n-1]
		_, value, ok := strings.Cut(text, ": ")
		if !ok {
			trimmed := strings.TrimLeft(text, " ")
			if !strings.HasPrefix(trimmed, "- ") {
				continue
			}
			value = trimmed[2:]
		}
		value = strings.TrimSpace(value)
		if value == "" || (value[0] != '"' && value[0] != '\'') {
			continue
		}
		q := value[0]
		closed := false
		for i := 1; i < len(value); i++ {
			if q == '"' && value[i] == '\\' {
				i++
				continue
			}
			if value[i] == q {
				if q == '\'' && i+1 < len(value) && value[i+1] == '\'' {
					i++
					continue
				}
				closed = true
				break
			}
		}
		if !closed {
			return n, len([]rune(text[:strings.Index(text, value)])) + 1
		}
	}
	return 0, 0
}

// shiftLines moves positions from frontmatter lines to file lines.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// toNode turns TOML or JSON frontmatter into the node tree YAML gives, all at
// the frontmatter's first line, so one decoder reads every format.
func toNode(v any, line int) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Line: line, Column: 1}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1}, toNode(x[k], line))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, toNode(e, line))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, toNode(e, line))
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x, Line: line, Column: 1}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x), Line: line, Column: 1}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(x, 10), Line: line, Column: 1}
	case float64:
		if x == float64(int64(x)) {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(int64(x), 10), Line: line, Column: 1}
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(x, 'g', -1, 64), Line: line, Column: 1}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "", Line: line, Column: 1}
	case time.Time:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format(time.RFC3339), Line: line, Column: 1}
	default:
		// TOML local dates and times.
		if s, ok := x.(fmt.Stringer); ok {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s.String(), Line: line, Column: 1}
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(x), Line: line, Column: 1}
	}
}
