// Package schema writes JSON Schemas (draft 2020-12) of what parcours
// reads: each kind's frontmatter and the journey block, for editors to
// complete and check files as they are typed.
//
// The schemas are made from the tables the loader and the journey parser
// read (content.FieldsOf, journey.StageFields…), so that a field added to
// parcours appears in its schema. What a schema cannot say (a duplicate
// key, two stages with one anchor, an irritant that does not exist) is
// left to parcours check.
package schema

import (
	"encoding/json"
	"fmt"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/journey"
)

// Draft is the JSON Schema dialect the schemas declare.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Journey is the name of the journey block's schema, beside the kinds'.
const Journey = "journey-block"

// Names lists every schema Write can produce: one per kind of page, then
// the journey block.
func Names() []string {
	var out []string
	for _, k := range content.Kinds {
		out = append(out, string(k))
	}
	return append(out, Journey)
}

// JSON returns the schema called name (a kind, or Journey), indented.
// custom are the site's own journey lanes ([journey] lanes).
func JSON(name string, custom []journey.Lane) ([]byte, error) {
	var s obj
	if name == Journey {
		s = Block(custom)
	} else {
		kind := content.Kind(name)
		known := false
		for _, k := range content.Kinds {
			known = known || k == kind
		}
		if !known {
			return nil, fmt.Errorf("no schema called %q: use one of %v", name, Names())
		}
		s = Frontmatter(kind)
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return append(b, '\n'), nil
}

type obj = map[string]any

// scalar is any YAML scalar: the loader reads a number or a boolean given
// for a text as its text.
var scalar = []string{"string", "number", "boolean"}

// notBlank rejects an empty or blank string and lets numbers through.
const notBlank = `\S`

// Frontmatter is the schema of a page's frontmatter. Keys parcours does
// not know are allowed: a page may carry params of its own for its layout.
func Frontmatter(k content.Kind) obj {
	props := obj{}
	for _, f := range content.FieldsOf(k) {
		props[f.Name] = frontField(f)
	}
	return obj{
		"$schema":              Draft,
		"$id":                  string(k) + ".schema.json",
		"title":                fmt.Sprintf("parcours %s frontmatter", k),
		"type":                 "object",
		"properties":           props,
		"additionalProperties": true,
	}
}

func frontField(f content.Field) obj {
	var s obj
	switch f.Type {
	case "text":
		s = obj{"type": append(scalar, "null")}
		if f.Enum != nil {
			s = obj{"enum": append(anyOf(f.Enum), nil)}
		}
	case "list":
		s = obj{"type": []string{"array", "null"}, "items": obj{"type": append(scalar, "null")}}
	case "date":
		s = obj{"type": []string{"string", "null"}, "pattern": `^\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}|\s*$)`}
	case "bool":
		s = obj{"type": []string{"boolean", "null"}}
	case "int":
		s = obj{"type": []string{"integer", "null"}}
		if f.Max > 0 {
			s["minimum"], s["maximum"] = f.Min, f.Max
		}
	case "opportunities":
		s = items(opportunity())
	case "kpis":
		s = items(kpi())
	default:
		panic("schema: no JSON type for frontmatter type " + f.Type)
	}
	s["description"] = f.Name
	return s
}

func anyOf(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// text is a non-empty scalar, as list entries and map texts must be.
func text() obj { return obj{"type": scalar, "pattern": notBlank} }

func list() obj {
	return obj{"type": []string{"array", "null"}, "items": text()}
}

// items is a list whose entries are texts or maps.
func items(m obj) obj {
	return obj{"type": []string{"array", "null"}, "items": obj{"oneOf": []any{text(), m}}}
}

func opportunity() obj {
	props := obj{}
	for _, k := range content.OpportunityFields() {
		switch k {
		case "impact", "effort":
			props[k] = obj{"type": "integer", "minimum": 1, "maximum": 5}
		case "status":
			props[k] = obj{"enum": anyOf(content.Statuses)}
		case "irritants":
			props[k] = obj{"type": "array", "items": text()}
		default:
			props[k] = text()
		}
	}
	return obj{"type": "object", "properties": props, "required": []string{"text"}, "additionalProperties": false}
}

func kpi() obj {
	props := obj{}
	for _, k := range content.KPIFields() {
		props[k] = obj{"type": append(scalar, "null")}
	}
	props["name"] = text()
	return obj{"type": "object", "properties": props, "required": []string{"name"}, "additionalProperties": false}
}

// Block is the schema of a ```journey block, with the site's lanes.
func Block(custom []journey.Lane) obj {
	stage := fields(journey.StageFields(custom))
	stage["required"] = []string{"name"}
	// A stage's id names it in links: letters, digits, - and _ only.
	stage["properties"].(obj)["id"] = obj{"type": []string{"string", "null"}, "pattern": `^[\p{L}\p{N}_-]*$`}
	phase := fields(journey.PhaseFields())
	phase["required"] = []string{"name", "stages"}
	phase["properties"].(obj)["stages"] = obj{"type": "array", "minItems": 1, "items": stage}
	s := fields(journey.BlockFields())
	s["properties"].(obj)["phases"] = obj{"type": "array", "minItems": 1, "items": phase}
	s["required"] = []string{"title", "phases"}
	// A target journey names the journey it improves; a current one does
	// not compare.
	s["if"] = obj{"required": []string{"state"}, "properties": obj{"state": obj{"const": journey.Target}}}
	s["then"] = obj{"required": []string{"compares"}, "properties": obj{"compares": text()}}
	s["else"] = obj{"properties": obj{"compares": obj{"anyOf": []any{obj{"type": "null"}, obj{"type": "string", "pattern": `^\s*$`}}}}}
	s["$schema"] = Draft
	s["$id"] = Journey + ".schema.json"
	s["title"] = "parcours journey block"
	return s
}

// fields is a mapping of journey keys, unknown keys refused as the parser
// refuses them.
func fields(fs []journey.Field) obj {
	props := obj{}
	for _, f := range fs {
		var s obj
		switch f.Type {
		case "text":
			s = obj{"type": append(scalar, "null")}
		case "list":
			s = list()
		case "emotion":
			s = obj{"type": []string{"integer", "null"}, "minimum": journey.EmotionMin, "maximum": journey.EmotionMax}
		case "flag":
			s = obj{"type": []string{"boolean", "null"}}
		case "state":
			s = obj{"enum": []any{journey.Current, journey.Target, "", nil}}
		case "opportunities":
			s = items(opportunity())
		case "kpis":
			s = items(kpi())
		case "phases", "stages":
			s = obj{} // filled in by Block
		default:
			panic("schema: no JSON type for journey type " + f.Type)
		}
		props[f.Key] = s
	}
	for _, k := range []string{"name", "title"} {
		if _, ok := props[k]; ok {
			props[k] = text()
		}
	}
	if id, ok := props["id"]; ok {
		id.(obj)["pattern"] = `^[^/\\]+$`
		id.(obj)["not"] = obj{"enum": []any{".", ".."}}
	}
	return obj{"type": "object", "properties": props, "additionalProperties": false}
}

// Lanes are the journey lanes a site declares, as the schema needs them.
func Lanes(cfg config.Config) []journey.Lane {
	var out []journey.Lane
	for _, l := range cfg.Journey.Lanes {
		out = append(out, journey.Lane{Key: l.Key})
	}
	return out
}
