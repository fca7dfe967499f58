package content

import (
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/langtag"
	"github.com/parcours/parcours/internal/slug"
)

// fieldKind says how a frontmatter field is decoded.
type fieldKind int

const (
	fString fieldKind = iota
	fList
	fRefs
	fRef
	fOpportunities
	fKPIs
	fDate
	fBool
	fInt
)

// field is a known frontmatter field; kinds limits it to some page kinds
// (nil: every kind). Fields of other kinds are kept in Params only.
type field struct {
	kind  fieldKind
	kinds []Kind
	set   func(p *Page, v any)
}

var common = map[string]field{
	"title":       {fString, nil, func(p *Page, v any) { p.Title = v.(string) }},
	"description": {fString, nil, func(p *Page, v any) { p.Description = v.(string) }},
	"date":        {fDate, nil, func(p *Page, v any) { p.Date = v.(time.Time) }},
	"lastmod":     {fDate, nil, func(p *Page, v any) { p.Lastmod = v.(time.Time) }},
	"draft":       {fBool, nil, func(p *Page, v any) { p.Draft = v.(bool) }},
	"slug":        {fString, nil, setSlug},
	"aliases":     {fRefs, nil, func(p *Page, v any) { p.Aliases = v.([]Ref) }},
	"tags":        {fList, nil, func(p *Page, v any) { p.Tags = v.([]string) }},
	"weight":      {fInt, nil, func(p *Page, v any) { p.Weight = v.(int) }},
	"language":    {fString, nil, func(p *Page, v any) { p.Language = v.(string) }},
	"audience":    {fString, nil, func(p *Page, v any) { p.Audience = v.(string) }},

	"translationKey": {fString, nil, func(p *Page, v any) { p.TranslationKey = v.(string) }},

	"client":       {fString, []Kind{KindCase}, func(p *Page, v any) { p.Client = v.(string) }},
	"name":         {fString, []Kind{KindCase}, func(p *Page, v any) { p.Client = v.(string) }},
	"subtitle":     {fString, []Kind{KindCase}, func(p *Page, v any) { p.Subtitle = v.(string) }},
	"speaker":      {fString, []Kind{KindCase}, func(p *Page, v any) { p.Speaker = v.(string) }},
	"role":         {fString, []Kind{KindCase, KindPersona}, func(p *Page, v any) { p.Role = v.(string) }},
	"duration":     {fString, []Kind{KindCase}, func(p *Page, v any) { p.Duration = v.(string) }},
	"logo":         {fString, []Kind{KindCase}, func(p *Page, v any) { p.Logo = v.(string) }},
	"deliverables": {fList, []Kind{KindCase}, func(p *Page, v any) { p.Deliverables = v.([]string) }},
	"quotes":       {fList, []Kind{KindCase}, func(p *Page, v any) { p.Quotes = v.([]string) }},
	"sector":       {fString, []Kind{KindCase, KindJourney, KindPersona}, func(p *Page, v any) { p.Sector = v.(string) }},
	"scopes":       {fList, []Kind{KindCase, KindGuide, KindJourney}, func(p *Page, v any) { p.Scopes = v.([]string) }},
	"tools":        {fList, []Kind{KindCase, KindGuide}, func(p *Page, v any) { p.Tools = v.([]string) }},
	"irritants":    {fRefs, []Kind{KindCase, KindGuide}, func(p *Page, v any) { p.Irritants = v.([]Ref) }},
	"sectors":      {fList, []Kind{KindCase, KindGuide, KindIrritant}, func(p *Page, v any) { p.Sectors = v.([]string) }},
	"steps":        {fList, []Kind{KindGuide}, func(p *Page, v any) { p.Steps = v.([]string) }},
	"persona":      {fRef, []Kind{KindJourney}, func(p *Page, v any) { p.Persona = v.(Ref) }},
	"quote":        {fString, []Kind{KindPersona}, func(p *Page, v any) { p.Quote = v.(string) }},
	"image":        {fString, []Kind{KindPersona}, func(p *Page, v any) { p.Image = v.(string) }},
	"goals":        {fList, []Kind{KindPersona}, func(p *Page, v any) { p.Goals = v.([]string) }},
	"frustrations": {fList, []Kind{KindPersona}, func(p *Page, v any) { p.Frustrations = v.([]string) }},
	"needs":        {fList, []Kind{KindPersona}, func(p *Page, v any) { p.Needs = v.([]string) }},
	"channels":     {fList, []Kind{KindPersona}, func(p *Page, v any) { p.Channels = v.([]string) }},
	"stages":       {fList, []Kind{KindIrritant}, func(p *Page, v any) { p.Stages = v.([]string) }},
	"severity":     {fInt, []Kind{KindIrritant}, func(p *Page, v any) { p.Severity = v.(int) }},
	"frequency":    {fInt, []Kind{KindIrritant}, func(p *Page, v any) { p.Frequency = v.(int) }},
	"verbatim":     {fList, []Kind{KindIrritant}, func(p *Page, v any) { p.Verbatim = v.([]string) }},
	"remedies":     {fOpportunities, []Kind{KindIrritant}, func(p *Page, v any) { p.Remedies = v.([]Opportunity) }},
	"kpis":         {fKPIs, []Kind{KindIrritant}, func(p *Page, v any) { p.KPIs = v.([]KPI) }},
}

func (f field) appliesTo(k Kind) bool {
	if f.kinds == nil {
		return true
	}
	for _, x := range f.kinds {
		if x == k {
			return true
		}
	}
	return false
}

// decodeFields fills p from a frontmatter mapping node, reporting each wrong
// value at its line with the fix in the message.
func decodeFields(p *Page, m *yaml.Node) []diag.Diagnostic {
	var ds []diag.Diagnostic
	p.Params = make(map[string]any, len(m.Content)/2)
	p.FieldLine = make(map[string]int, len(m.Content)/2)
	bad := func(n *yaml.Node, format string, args ...any) {
		ds = append(ds, diag.At(p.Path, n.Line, n.Column, format, args...))
	}
	nodes := Nodes{Err: bad, Pos: func(n *yaml.Node) (int, int) { return n.Line, n.Column }}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		if _, dup := p.FieldLine[key]; dup {
			bad(k, "%s is given twice (first at line %d)", key, p.FieldLine[key])
			continue
		}
		p.FieldLine[key] = k.Line
		var generic any
		if err := v.Decode(&generic); err == nil {
			p.Params[key] = normalizeParam(generic)
		}
		f, known := common[key]
		if !known || !f.appliesTo(p.Kind) {
			continue
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		switch f.kind {
		case fString, fRef:
			if v.Kind != yaml.ScalarNode {
				bad(v, "%s must be text: %s: \"…\"", key, key)
				continue
			}
			val := strings.TrimSpace(v.Value)
			if key == "language" {
				if err := langtag.Check(val); err != nil {
					bad(v, "%v", err)
					continue
				}
			}
			if f.kind == fRef {
				f.set(p, Ref{Text: val, Line: v.Line, Col: v.Column})
				continue
			}
			f.set(p, val)
		case fList, fRefs:
			items, ok := listOf(v)
			if !ok {
				bad(v, "%s must be a list: %s: [%s]", key, key, exampleItem(v))
				continue
			}
			if f.kind == fList {
				vals := make([]string, 0, len(items))
				for _, it := range items {
					if s := strings.TrimSpace(it.Value); s != "" {
						vals = append(vals, s)
					}
				}
				f.set(p, vals)
				p.Params[key] = vals
				continue
			}
			refs := make([]Ref, 0, len(items))
			for _, it := range items {
				if s := strings.TrimSpace(it.Value); s != "" {
					refs = append(refs, Ref{Text: s, Line: it.Line, Col: it.Column})
				}
			}
			f.set(p, refs)
		case fOpportunities:
			f.set(p, nodes.Opportunities(key, v))
		case fKPIs:
			f.set(p, nodes.KPIs(key, v))
		case fDate:
			t, ok := parseDate(v.Value)
			if v.Kind != yaml.ScalarNode || !ok {
				bad(v, "%s is not a date: write it as %s: 2024-05-12", key, key)
				continue
			}
			f.set(p, t)
		case fBool:
			b, err := strconv.ParseBool(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				bad(v, "%s must be true or false: %s: true", key, key)
				continue
			}
			f.set(p, b)
		case fInt:
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				bad(v, "%s must be a whole number: %s: %s", key, key, intExample(key))
				continue
			}
			if r, ok := scoreRange[key]; ok && (n < r[0] || n > r[1]) {
				bad(v, "%s must be between %d and %d, got %d: %s: 3", key, r[0], r[1], n, key)
				continue
			}
			f.set(p, n)
		}
	}
	return ds
}

// listOf accepts a sequence of scalars.
func listOf(v *yaml.Node) ([]*yaml.Node, bool) {
	if v.Kind != yaml.SequenceNode {
		return nil, false
	}
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			return nil, false
		}
	}
	return v.Content, true
}

func exampleItem(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode && v.Value != "" && !strings.ContainsAny(v.Value, ",[]") {
		return v.Value
	}
	return "…"
}

func intExample(key string) string {
	if key == "severity" || key == "frequency" {
		return "3"
	}
	return "10"
}

var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2006-01-02 15:04:05 -0700 MST", "2006-01-02",
}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normalizeParam turns YAML's decoded values into what templates expect:
// lists of strings stay []string.
func normalizeParam(v any) any {
	list, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return v
		}
		out = append(out, s)
	}
	return out
}

// setSlug takes an explicit slug; slug: "" is read as no slug, as Hugo
// reads it, and the file name's slug stays.
func setSlug(p *Page, v any) {
	if s := v.(string); s != "" {
		p.Slug = s
	}
}

// checkPage validates what needs the whole page: slug and audience.
func checkPage(p *Page) []diag.Diagnostic {
	var ds []diag.Diagnostic
	if _, given := p.FieldLine["slug"]; given && (!slug.Safe(p.Slug) || strings.HasPrefix(p.Slug, ".")) {
		ds = append(ds, diag.At(p.Path, p.FieldLine["slug"], 1,
			"slug %q must be one path segment (no /, \\ or ..): slug: %s", p.Slug, suggestSlug(p.Slug)))
	}
	switch p.Audience {
	case "":
		p.Audience = Public
	case Public, Internal:
	default:
		ds = append(ds, diag.At(p.Path, p.FieldLine["audience"], 1,
			"audience must be public or internal, got %q", p.Audience))
		p.Audience = Public
	}
	return ds
}

func suggestSlug(s string) string {
	if m := slug.Make(s); m != "" {
		return m
	}
	return "my-page"
}
