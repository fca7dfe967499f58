package content

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/suggest"
)

// Opportunity is an improvement: a journey stage's opportunity or an
// irritant's remedy. Written as a plain string it has only Text; written
// as a map it may be scored, so that opportunities across the site can be
// ranked and placed in an impact × effort quadrant.
type Opportunity struct {
	Text string
	// Impact and Effort are 1–5, 0 when not given.
	Impact, Effort int
	// Status is idea, planned, done, or "" when not given.
	Status string
	// Irritants are the irritants it relieves, as written.
	Irritants []Ref
	Line, Col int
}

// String is the opportunity's text, as a map or as a string gives it.
func (o Opportunity) String() string { return o.Text }

// Scored reports whether both impact and effort are given.
func (o Opportunity) Scored() bool { return o.Impact > 0 && o.Effort > 0 }

// Quadrant places a scored opportunity: an impact of 3 or more is high, an
// effort of 3 or more is high. It is "" when the opportunity is not scored.
func (o Opportunity) Quadrant() string {
	if !o.Scored() {
		return ""
	}
	switch hi, costly := o.Impact >= 3, o.Effort >= 3; {
	case hi && !costly:
		return "quick-win"
	case hi:
		return "big-bet"
	case !costly:
		return "fill-in"
	}
	return "thankless"
}

// KPI is an indicator: a plain string has only Name; a map may give the
// current value against a target, in a unit.
type KPI struct {
	Name, Value, Target, Unit string
}

// String writes the KPI on one line, value against target, with no words
// that would need translating: "Délai de remboursement : 12 jours → 5 jours".
func (k KPI) String() string {
	s := k.Name
	switch {
	case k.Value != "" && k.Target != "":
		s += " : " + withUnit(k.Value, k.Unit) + " → " + withUnit(k.Target, k.Unit)
	case k.Value != "":
		s += " : " + withUnit(k.Value, k.Unit)
	case k.Target != "":
		s += " : → " + withUnit(k.Target, k.Unit)
	}
	return s
}

func withUnit(v, unit string) string {
	if unit == "" {
		return v
	}
	if unit == "%" {
		return v + "\u202f%"
	}
	return v + " " + unit
}

// Texts lists items as text, nil for none.
func Texts[T fmt.Stringer](items []T) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.String()
	}
	return out
}

// Statuses an opportunity may have, in the order work goes.
var Statuses = []string{"idea", "planned", "done"}

var (
	opportunityFields = []string{"text", "impact", "effort", "status", "irritants"}
	kpiFields         = []string{"name", "value", "target", "unit"}
)

// Nodes is how a caller reads the nodes of a list item: Err reports at a
// node's position in the caller's file, Pos gives that position, and Deref
// follows aliases (the journey parser counts values as it does).
type Nodes struct {
	Err   func(n *yaml.Node, format string, args ...any)
	Pos   func(n *yaml.Node) (line, col int)
	Deref func(n *yaml.Node) *yaml.Node
}

func (r Nodes) deref(n *yaml.Node) *yaml.Node {
	if r.Deref == nil {
		return n
	}
	return r.Deref(n)
}

// mapping walks a map item, reporting unknown and repeated keys; clean is
// false when it reported one, so that a misspelt key is not reported a
// second time as a missing one.
func (r Nodes) mapping(n *yaml.Node, what string, known []string, f func(key string, v *yaml.Node)) (clean bool) {
	clean = true
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := r.deref(n.Content[i]), r.deref(n.Content[i+1])
		key := k.Value
		switch {
		case k.Kind != yaml.ScalarNode || !contains(known, key):
			msg := fmt.Sprintf("unknown field %q in %s", key, what)
			if s := suggest.Closest(key, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			r.Err(k, "%s; known: %s", msg, strings.Join(known, ", "))
			clean = false
		case seen[key]:
			r.Err(k, "field %q given twice in %s", key, what)
			clean = false
		default:
			seen[key] = true
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			f(key, v)
		}
	}
	return clean
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalar reads a map value as text.
func (r Nodes) scalar(what, key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		r.Err(v, "%s of %s must be text: %s: …", key, what, key)
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// Opportunities reads a list whose items are strings or opportunity maps;
// key names the list in messages (opportunities, remedies).
func (r Nodes) Opportunities(key string, v *yaml.Node) []Opportunity {
	var out []Opportunity
	r.items(key, v, func(item *yaml.Node) {
		if o, ok := r.opportunity(key, item); ok {
			out = append(out, o)
		}
	})
	return out
}

// KPIs reads a list whose items are strings or KPI maps.
func (r Nodes) KPIs(key string, v *yaml.Node) []KPI {
	var out []KPI
	r.items(key, v, func(item *yaml.Node) {
		if k, ok := r.kpi(item); ok {
			out = append(out, k)
		}
	})
	return out
}

func (r Nodes) items(key string, v *yaml.Node, f func(*yaml.Node)) {
	if v.Kind != yaml.SequenceNode {
		r.Err(v, "%s must be a list: %s: [Texte, {text: Texte, impact: 3, effort: 2}]", key, key)
		return
	}
	for _, item := range v.Content {
		item = r.deref(item)
		switch {
		case item.Kind == yaml.ScalarNode && (item.Tag == "!!null" || strings.TrimSpace(item.Value) == ""):
			r.Err(item, "empty entry in %s", key)
		case item.Kind == yaml.SequenceNode:
			r.Err(item, "each entry of %s must be text or a mapping, not a list", key)
		default:
			f(item)
		}
	}
}

func (r Nodes) opportunity(key string, n *yaml.Node) (Opportunity, bool) {
	line, col := r.Pos(n)
	o := Opportunity{Line: line, Col: col}
	if n.Kind == yaml.ScalarNode {
		o.Text = strings.TrimSpace(n.Value)
		return o, true
	}
	what := "an entry of " + key
	ok := true
	clean := r.mapping(n, what, opportunityFields, func(field string, v *yaml.Node) {
		switch field {
		case "text":
			o.Text, _ = r.scalar(what, field, v)
		case "impact", "effort":
			x, good := r.score(field, v)
			ok = ok && good
			if field == "impact" {
				o.Impact = x
			} else {
				o.Effort = x
			}
		case "status":
			s, _ := r.scalar(what, field, v)
			if !contains(Statuses, s) {
				r.Err(v, "status must be one of %s, got %q: status: planned", strings.Join(Statuses, ", "), s)
				ok = false
				return
			}
			o.Status = s
		case "irritants":
			if v.Kind != yaml.SequenceNode {
				r.Err(v, "irritants of %s must be a list: irritants: [%s]", what, v.Value)
				ok = false
				return
			}
			for _, it := range v.Content {
				it = r.deref(it)
				if it.Kind != yaml.ScalarNode || strings.TrimSpace(it.Value) == "" {
					r.Err(it, "each irritant of %s must be a slug or a title", what)
					continue
				}
				l, c := r.Pos(it)
				o.Irritants = append(o.Irritants, Ref{Text: strings.TrimSpace(it.Value), Line: l, Col: c})
			}
		}
	})
	if o.Text == "" {
		if clean {
			r.Err(n, "each map of %s needs a text: - text: Devis instantané", key)
		}
		return o, false
	}
	return o, ok
}

// score reads an impact or an effort, a whole number from 1 to 5.
func (r Nodes) score(key string, v *yaml.Node) (int, bool) {
	x, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil || x < 1 || x > 5 {
		r.Err(v, "%s must be a whole number from 1 to 5, got %s: %s: 3", key, Shown(v), key)
		return 0, false
	}
	return x, true
}

func (r Nodes) kpi(n *yaml.Node) (KPI, bool) {
	if n.Kind == yaml.ScalarNode {
		return KPI{Name: strings.TrimSpace(n.Value)}, true
	}
	var k KPI
	const what = "a KPI"
	clean := r.mapping(n, what, kpiFields, func(field string, v *yaml.Node) {
		s, _ := r.scalar(what, field, v)
		switch field {
		case "name":
			k.Name = s
		case "value":
			k.Value = s
		case "target":
			k.Target = s
		case "unit":
			k.Unit = s
		}
	})
	if k.Name == "" {
		if !clean {
			return k, false
		}
		r.Err(n, "a KPI map needs a name: - {name: Délai de remboursement, value: 12, target: 5, unit: jours}")
		return k, false
	}
	return k, true
}

// Shown writes a YAML value for an error message: a quoted string, a
// number as written, or what the value is (a list, a mapping).
func Shown(v *yaml.Node) string {
	switch v.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if v.Tag == "!!str" {
		return strconv.Quote(v.Value)
	}
	return v.Value
}
