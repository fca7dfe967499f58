package content

import (
	"maps"
	"slices"
	"strings"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/suggest"
)

// Field describes a frontmatter field to tools that check a file outside a
// build (parcours schema), from the table the loader decodes with, so that
// the two cannot drift.
type Field struct {
	Name string
	// Type is how the loader reads the value: "text", "list", "date",
	// "bool", "int", "opportunities" (strings or opportunity maps) or
	// "kpis" (strings or KPI maps).
	Type string
	// Min and Max bound an int when Max > 0.
	Min, Max int
	// Enum lists the values a text may take, when they are few.
	Enum []string
}

var fieldTypes = map[fieldKind]string{
	fString: "text", fRef: "text", fList: "list", fRefs: "list", fDate: "date",
	fBool: "bool", fInt: "int", fOpportunities: "opportunities", fKPIs: "kpis",
}

// FieldsOf lists, sorted by name, the fields a page of kind k reads.
func FieldsOf(k Kind) []Field {
	var out []Field
	for name, f := range common {
		if !f.appliesTo(k) {
			continue
		}
		fd := Field{Name: name, Type: fieldTypes[f.kind]}
		if r, ok := scoreRange[name]; ok {
			fd.Min, fd.Max = r[0], r[1]
		}
		if name == "audience" {
			fd.Enum = []string{Public, Internal}
		}
		out = append(out, fd)
	}
	slices.SortFunc(out, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Kinds lists the kinds of page a file can be, in the order of the menu.
var Kinds = []Kind{KindCase, KindGuide, KindJourney, KindIrritant, KindPersona, KindPage, KindSection, KindHome}

// OpportunityFields and KPIFields are the keys of the maps an opportunity
// (or remedy) and a KPI may be written as.
func OpportunityFields() []string { return slices.Clone(opportunityFields) }

// KPIFields: see OpportunityFields.
func KPIFields() []string { return slices.Clone(kpiFields) }

// Misnamed warns about the frontmatter keys of p that other tools use for
// one of its kind's fields (pain_points for irritants): parcours keeps
// them as params for the layout, where they do nothing the author meant.
func Misnamed(p *Page) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, key := range slices.Sorted(maps.Keys(p.FieldLine)) {
		if _, known := common[key]; known {
			continue
		}
		if want := suggest.Synonym(key); want != "" {
			if f, ok := common[want]; ok && f.appliesTo(p.Kind) {
				ds = append(ds, diag.At(p.Path, p.FieldLine[key], 1, "%s is not a field of a %s page and is ignored; did you mean %s?", key, p.Kind, want))
			}
		}
	}
	return ds
}

// scoreRange bounds the int fields that are scores, as decodeFields checks.
var scoreRange = map[string][2]int{"severity": {1, 5}, "frequency": {1, 5}}
