package diag

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Group is one kind of problem: how many there are, and the first few.
type Group struct {
	// Label is the kind as a reader sees it: the message with what
	// differs from one problem to the next written "…".
	Label    string
	Count    int
	Examples []Diagnostic
}

// verb matches a fmt verb in a Kind.
var verb = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z%]`)

// What differs between two problems of one kind in free text: quoted
// values, file names and paths, numbers, and the suggestion at the end.
var (
	quoted     = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|«[^»]*»`)
	wiki       = regexp.MustCompile(`\[\[[^\]]*\]\]`)
	pathlike   = regexp.MustCompile(`[^\s():;,"]*[./][^\s():;,"]*`)
	number     = regexp.MustCompile(`\b\d+\b`)
	suggestion = regexp.MustCompile(` ?\(did you mean [^)]*\)|;? ?did you mean .*$`)
	word       = regexp.MustCompile(`^[a-z_]{1,24}$`)
)

// mask writes the parts of a message that differ from one problem to the
// next as "…".
func mask(s string) string {
	s = suggestion.ReplaceAllString(s, "")
	s = quoted.ReplaceAllString(s, `"…"`)
	s = wiki.ReplaceAllString(s, "[[…]]")
	s = pathlike.ReplaceAllStringFunc(s, func(p string) string {
		if p == `"…"` || p == "[[…]]" || strings.Trim(p, ".") == "" {
			return p
		}
		return "…"
	})
	return number.ReplaceAllString(s, "…")
}

// labeller gives the label of each diagnostic, matching its message
// against its kind's format to tell the fixed words from the arguments.
type labeller map[string]*regexp.Regexp

func (l labeller) label(d Diagnostic) string {
	re, ok := l[d.Kind]
	if !ok {
		if d.Kind != "" {
			var b strings.Builder
			b.WriteString("^")
			last := 0
			for _, loc := range verb.FindAllStringIndex(d.Kind, -1) {
				b.WriteString(regexp.QuoteMeta(d.Kind[last:loc[0]]))
				if d.Kind[loc[0]:loc[1]] == "%%" {
					b.WriteString("%")
				} else {
					b.WriteString("(.*?)")
				}
				last = loc[1]
			}
			b.WriteString(regexp.QuoteMeta(d.Kind[last:]) + "$")
			re, _ = regexp.Compile(b.String())
		}
		l[d.Kind] = re
	}
	var m []int
	if re != nil {
		m = re.FindStringSubmatchIndex(d.Msg)
	}
	if m == nil {
		return mask(d.Msg)
	}
	// Fixed words stay; an argument that is a field name (severity,
	// scopes) names the kind more exactly and stays too; an argument that
	// is a wrapped error is masked like free text; the rest is "…".
	var b strings.Builder
	last := 0
	for i := 2; i < len(m); i += 2 {
		b.WriteString(d.Msg[last:m[i]])
		arg := d.Msg[m[i]:m[i+1]]
		switch {
		case arg == "":
		case word.MatchString(arg):
			b.WriteString(arg)
		case strings.Contains(arg, " "), strings.HasPrefix(arg, `"`):
			b.WriteString(mask(arg))
		default:
			b.WriteString("…")
		}
		last = m[i+1]
	}
	b.WriteString(d.Msg[last:])
	return b.String()
}

// Summarize groups diagnostics by kind, keeping up to examples of each in
// the order given; the most frequent kind comes first.
func Summarize(ds []Diagnostic, examples int) []Group {
	var groups []*Group
	byLabel := map[string]*Group{}
	labels := labeller{}
	for _, d := range ds {
		l := labels.label(d)
		g, ok := byLabel[l]
		if !ok {
			g = &Group{Label: l}
			byLabel[l] = g
			groups = append(groups, g)
		}
		g.Count++
		if len(g.Examples) < examples {
			g.Examples = append(g.Examples, d)
		}
	}
	slices.SortStableFunc(groups, func(a, b *Group) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
	out := make([]Group, len(groups))
	for i, g := range groups {
		out[i] = *g
	}
	return out
}

// Where is the diagnostic's position alone, path:line:col.
func (d Diagnostic) Where() string {
	d.Msg = ""
	return strings.TrimSuffix(d.Error(), ": ")
}
