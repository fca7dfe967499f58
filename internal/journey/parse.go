package journey

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/slug"
	"github.com/parcours/parcours/internal/suggest"
)

var (
	journeyFields = []string{"id", "title", "persona", "phases", "state", "compares"}
	phaseFields   = []string{"name", "lifecycle", "stages"}
	stageFields   = func() []string {
		out := []string{"name"}
		for _, l := range lanes {
			out = append(out, l.key)
		}
		return append(out, "id", "lifecycle")
	}()
)

// The states of a journey: the map as it is, or as it should become.
const (
	Current = "current"
	Target  = "target"
)

// maxValues bounds the values a block may hold once aliases are followed: a
// few lines of anchors can otherwise stand for millions of stages. A
// 60-stage journey holds about a thousand.
const maxValues = 20000

// parser maps positions of the block to the Markdown file and collects
// diagnostics.
type parser struct {
	custom      []lane // the site's lanes, see ParseWith
	stageFields []string
	path        string
	firstLine   int
	colOffset   int
	diags       []diag.Diagnostic
	values      int
	aliased     bool // an alias was followed, which the size error then names
}

// Parse reads the YAML of one journey block. path is the Markdown file;
// firstLine is the 1-based line in that file of the block's first YAML line
// (the line after the opening fence); colOffset is the indentation of the
// block in the file. Every problem is returned as a diagnostic at the
// Markdown file's line and column, and parsing goes on to find them all. A
// nil *Journey is returned only when nothing usable could be read.
func Parse(path string, src []byte, firstLine, colOffset int) (*Journey, []diag.Diagnostic) {
	return ParseWith(path, src, firstLine, colOffset, nil)
}

// ParseWith is Parse for a site that declares lanes of its own (see
// Lane; CheckLanes tells whether they are sound): a stage may fill them
// like the built-in list lanes, and the map draws them.
func ParseWith(path string, src []byte, firstLine, colOffset int, custom []Lane) (*Journey, []diag.Diagnostic) {
	p := &parser{path: path, firstLine: firstLine, colOffset: colOffset, stageFields: stageFields}
	if len(custom) > 0 {
		p.custom = customLanes(custom)
		p.stageFields = slices.Clone(stageFields)
		for _, l := range custom {
			p.stageFields = append(p.stageFields, l.Key)
		}
	}
	if firstLine < 1 {
		p.firstLine = 1
	}
	root, err := decode(src)
	if err != nil {
		p.syntax(err)
		return nil, p.diags
	}
	if root == nil || len(root.Content) == 0 {
		p.errAt(p.firstLine, 0, "empty journey block: give at least a title and phases")
		return nil, p.diags
	}
	doc := p.deref(root.Content[0])
	if doc.Kind != yaml.MappingNode {
		p.err(doc, "a journey block must be a mapping of %s", strings.Join(journeyFields, ", "))
		return nil, p.diags
	}
	j := &Journey{Line: p.firstLine, State: Current, custom: p.custom}
	var idNode, titleNode, phasesNode, stateNode *yaml.Node
	p.fields(doc, "journey", journeyFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			idNode = v
			j.ID = p.text(key, v)
		case "title":
			titleNode = v
			j.Title = p.text(key, v)
		case "persona":
			j.Persona = p.text(key, v)
			j.PersonaAt = p.ref(v)
		case "state":
			stateNode = v
			if st := p.text(key, v); st != "" {
				j.State = st
			}
		case "compares":
			if t := p.text(key, v); t != "" {
				j.Compares = p.ref(v)
			}
		case "phases":
			phasesNode = v
		}
	})
	if j.Title == "" {
		at := doc
		if titleNode != nil {
			at = titleNode
		}
		p.err(at, "a journey needs a title: title: Parcours adhérent")
	}
	switch {
	case idNode != nil && j.ID != "":
		if !slug.Safe(j.ID) {
			p.err(idNode, "id %q must be one path segment (no /, \\, . or ..): id: %s", j.ID, slug.Make(j.ID))
		}
	case j.Title != "":
		j.ID = slug.Make(j.Title)
		if j.ID == "" {
			p.err(titleNode, "cannot make an id from title %q: add id: parcours-1", j.Title)
		}
	}
	switch {
	case j.State != Current && j.State != Target:
		p.err(stateNode, "state must be %s or %s, got %q: state: target", Current, Target, j.State)
		j.State = Current
	case j.State == Target && j.Compares.Text == "":
		p.err(stateNode, "a target journey names the journey it improves: compares: <page>#<journey id>")
	case j.State == Current && j.Compares.Text != "":
		p.errAt(j.Compares.Line, j.Compares.Col, "compares: is for a target journey: add state: target")
	}
	p.phases(j, doc, phasesNode)
	p.stageKeys(j)
	return j, p.diags
}

// stageKeys gives each stage without an id the slug of its name, and
// refuses two stages of a journey with one key: their anchors would be one.
func (p *parser) stageKeys(j *Journey) {
	seen := map[string]int{}
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			s := &j.Phases[pi].Stages[si]
			if s.Key == "" {
				s.Key = slug.Make(s.Name)
			}
			if s.Key == "" {
				if s.Name != "" {
					p.errAt(s.Line, 0, "cannot make an anchor from stage name %q: add id: etape-1", s.Name)
				}
				continue
			}
			if line, dup := seen[s.Key]; dup {
				p.errAt(s.Line, 0, "stage %q has the same anchor %q as the stage at line %d: give one of them an id:", s.Name, s.Key, line)
				continue
			}
			seen[s.Key] = s.Line
		}
	}
}

// anchorSafe reports whether s is letters, digits, - and _ only, which an
// HTML id and a URL fragment take as they are.
func anchorSafe(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// decode parses src into a node tree. yaml.v3 has panicked on malformed
// input in past releases; a build must report such a block, not crash.
func decode(src []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		return nil, err
	}
	if n.Kind == 0 {
		return nil, nil
	}
	return &n, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntax reports a YAML syntax error at the Markdown line it names.
func (p *parser) syntax(err error) {
	msg := err.Error()
	line := p.firstLine
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = p.firstLine + n - 1
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.errAt(line, 0, "invalid YAML in journey block: %s", msg)
}

func (p *parser) errAt(line, col int, format string, args ...any) {
	p.diags = append(p.diags, diag.At(p.path, line, col, format, args...))
}

// err reports a problem at a node's position in the Markdown file.
func (p *parser) err(n *yaml.Node, format string, args ...any) {
	p.errAt(p.firstLine+n.Line-1, p.colOffset+n.Column, format, args...)
}

// deref follows aliases, so that anchors can share values as YAML allows,
// and counts the values read against maxValues.
func (p *parser) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
		p.aliased = true
	}
	p.values++
	if p.values == maxValues+1 {
		if p.aliased {
			p.err(n, "journey block too large: more than %d values once aliases are followed", maxValues)
		} else {
			p.err(n, "journey block too large: more than %d values; split it into several journeys", maxValues)
		}
	}
	return n
}

// full reports whether the block has used up maxValues; reading stops there.
func (p *parser) full() bool { return p.values > maxValues }

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// fields walks a mapping, reporting unknown and repeated keys, and hands
// every known key with its value to f.
func (p *parser) fields(m *yaml.Node, what string, known []string, f func(key string, k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content) && !p.full(); i += 2 {
		k, v := p.deref(m.Content[i]), p.deref(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.err(k, "%s field names must be plain words; known: %s", what, strings.Join(known, ", "))
			continue
		}
		key := k.Value
		if !contains(known, key) {
			msg := fmt.Sprintf("unknown field %q in %s", key, what)
			if s := suggest.Closest(key, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			p.err(k, "%s; known: %s", msg, strings.Join(known, ", "))
			continue
		}
		if line, dup := seen[key]; dup {
			p.err(k, "field %q given twice in %s (first at line %d)", key, what, line)
			continue
		}
		seen[key] = p.firstLine + k.Line - 1
		f(key, k, v)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// text reads a scalar as a string; null reads as "".
func (p *parser) text(key string, v *yaml.Node) string {
	switch {
	case isNull(v):
		return ""
	case v.Kind == yaml.ScalarNode:
		return strings.TrimSpace(v.Value)
	case v.Kind == yaml.SequenceNode:
		p.err(v, "%s must be text, not a list", key)
	default:
		p.err(v, "%s must be text, not a mapping", key)
	}
	return ""
}

// list reads a sequence of scalars; a lone scalar is an error whose message
// shows the list form.
func (p *parser) list(key string, v *yaml.Node) []*yaml.Node {
	switch {
	case isNull(v):
		return nil
	case v.Kind == yaml.ScalarNode:
		p.err(v, "%s must be a list: %s: [%s]", key, key, v.Value)
		return nil
	case v.Kind != yaml.SequenceNode:
		p.err(v, "%s must be a list of texts: %s: [A, B]", key, key)
		return nil
	}
	var out []*yaml.Node
	for _, item := range v.Content {
		if item = p.deref(item); p.full() {
			break
		}
		switch {
		case isNull(item):
			p.err(item, "empty entry in %s", key)
		case item.Kind != yaml.ScalarNode:
			p.err(item, "each entry of %s must be text; quote it if it holds \": \" or starts with [ or {", key)
		case strings.TrimSpace(item.Value) == "":
			p.err(item, "empty entry in %s", key)
		default:
			out = append(out, item)
		}
	}
	return out
}

func (p *parser) stringList(key string, v *yaml.Node) []string {
	items := p.list(key, v)
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, n := range items {
		out[i] = strings.TrimSpace(n.Value)
	}
	return out
}

func (p *parser) phases(j *Journey, doc, v *yaml.Node) {
	if v == nil || isNull(v) || (v.Kind == yaml.SequenceNode && len(v.Content) == 0) {
		at := doc
		if v != nil {
			at = v
		}
		p.err(at, "a journey needs phases: phases: [{name: Avant achat, stages: [{name: Je compare les offres}]}]")
		return
	}
	if v.Kind != yaml.SequenceNode {
		p.err(v, "phases must be a list, each item starting with \"- name:\"")
		return
	}
	for _, pn := range v.Content {
		if pn = p.deref(pn); p.full() {
			break
		}
		if pn.Kind != yaml.MappingNode {
			p.err(pn, "each phase must be a mapping with name and stages: - name: Avant achat")
			continue
		}
		ph := Phase{Line: p.firstLine + pn.Line - 1}
		var stagesKey, stages *yaml.Node
		p.fields(pn, "phase", phaseFields, func(key string, k, v *yaml.Node) {
			switch key {
			case "name":
				ph.Name = p.text(key, v)
			case "lifecycle":
				if t := p.text(key, v); t != "" {
					ph.Lifecycle = p.ref(v)
				}
			case "stages":
				stagesKey, stages = k, v
			}
		})
		if ph.Name == "" {
			p.err(pn, "a phase needs a name: - name: Avant achat")
		}
		switch {
		case stages == nil:
			p.err(pn, "phase %q has no stages: add stages: [{name: Je …}]", ph.Name)
		case stages.Kind == yaml.SequenceNode && len(stages.Content) > 0:
			for _, sn := range stages.Content {
				if sn = p.deref(sn); p.full() {
					break
				}
				if s, ok := p.stage(sn); ok {
					ph.Stages = append(ph.Stages, s)
				}
			}
		case stages.Kind == yaml.SequenceNode || isNull(stages):
			p.err(stagesKey, "phase %q has no stages: add stages: [{name: Je …}]", ph.Name)
		default:
			p.err(stages, "stages must be a list, each item starting with \"- name:\"")
		}
		ph.inherit()
		j.Phases = append(j.Phases, ph)
	}
}

// stage reads one stage; ok is false when the node is no mapping at all.
func (p *parser) stage(n *yaml.Node) (Stage, bool) {
	s := Stage{Line: p.firstLine + n.Line - 1, col: p.colOffset + n.Column}
	if n.Kind != yaml.MappingNode {
		p.err(n, "each stage must be a mapping starting with a name: - name: Je demande un devis")
		return s, false
	}
	p.fields(n, "stage", p.stageFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			s.Name = p.text(key, v)
		case "id":
			s.Key = p.text(key, v)
			if s.Key != "" && !anchorSafe(s.Key) {
				p.err(v, "stage id %q may hold only letters, digits, - and _ (it names the stage in links): id: %s", s.Key, slug.Make(s.Key))
			}
		case "lifecycle":
			if t := p.text(key, v); t != "" {
				s.Lifecycle = p.ref(v)
			}
		case "emotion":
			s.Emotion = p.emotion(v)
		case "moment_of_truth":
			switch {
			case isNull(v):
			case v.Kind == yaml.ScalarNode && v.Tag == "!!bool":
				s.MomentOfTruth = v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
			default:
				p.err(v, "moment_of_truth must be true or false, got %s", content.Shown(v))
			}
		case "volume":
			s.Volume = p.text(key, v)
		case "irritants":
			for _, item := range p.list(key, v) {
				s.Irritants = append(s.Irritants, p.ref(item))
			}
		case "opportunities":
			s.Opportunities = p.nodes().Opportunities(key, v)
		case "kpis":
			s.KPIs = p.nodes().KPIs(key, v)
		default:
			for _, l := range lanes {
				if l.key == key {
					*l.list(&s) = p.stringList(key, v)
				}
			}
			for _, l := range p.custom {
				if l.key == key {
					if s.Custom == nil {
						s.Custom = map[string][]string{}
					}
					s.Custom[key] = p.stringList(key, v)
				}
			}
		}
	})
	if s.Name == "" {
		p.err(n, "a stage needs a name, in the customer's words: - name: Je demande un devis")
	}
	return s, true
}
