package journey

// Field describes a key of a journey block to tools that write or check
// blocks outside a build (parcours new, parcours schema). The lists come
// from the tables the parser reads, so a lane added there appears in both.
type Field struct {
	Key string
	// Type is how the parser reads the value: "text", "list" (texts),
	// "emotion" (an integer from -2 to 2), "flag" (true or false),
	// "opportunities", "kpis" (strings or maps, as content reads them),
	// "state" (current or target), "phases" or "stages".
	Type string
}

// EmotionMin and EmotionMax bound a stage's emotion.
const EmotionMin, EmotionMax = -2, 2

var blockTypes = map[string]string{"phases": "phases", "state": "state", "stages": "stages"}

func typed(keys []string) []Field {
	out := make([]Field, len(keys))
	for i, k := range keys {
		t, ok := blockTypes[k]
		if !ok {
			t = "text"
		}
		out[i] = Field{Key: k, Type: t}
	}
	return out
}

// BlockFields are the keys of the block itself, PhaseFields those of a
// phase.
func BlockFields() []Field { return typed(journeyFields) }

// PhaseFields: see BlockFields.
func PhaseFields() []Field { return typed(phaseFields) }

// StageFields are the keys of a stage, in the parser's order, then the
// site's own lanes.
func StageFields(custom []Lane) []Field {
	out := typed(stageFields)
	for i := range out {
		for _, l := range lanes {
			if l.key != out[i].Key {
				continue
			}
			switch {
			case l.kind == emotionLane:
				out[i].Type = "emotion"
			case l.kind == motLane:
				out[i].Type = "flag"
			case l.kind == volumeLane:
			case l.key == "opportunities" || l.key == "kpis":
				out[i].Type = l.key
			default:
				out[i].Type = "list"
			}
		}
	}
	for _, l := range custom {
		out = append(out, Field{Key: l.Key, Type: "list"})
	}
	return out
}
