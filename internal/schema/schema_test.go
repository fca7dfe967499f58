package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/journey"
)

// root is the example site, which is the repository itself.
const root = "../.."

func exampleLanes(t *testing.T) []journey.Lane {
	t.Helper()
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return Lanes(cfg)
}

// compile reads a schema as a validator library sees it, through its JSON.
func compile(t *testing.T, name string, custom []journey.Lane) *jsonschema.Schema {
	t.Helper()
	b, err := JSON(name, custom)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name+".schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name + ".schema.json")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// instance turns YAML into what a JSON validator checks: YAML's dates
// become the strings an editor sees.
func instance(t *testing.T, src string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("%v in\n%s", err, src)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

var (
	frontmatter = regexp.MustCompile(`(?s)\A---\n(.*?)\n---\n`)
	block       = regexp.MustCompile("(?s)```journey\n(.*?)```")
)

// TestExamplePages validates every page of the example site against its
// kind's schema, and every journey block against the block's.
func TestExamplePages(t *testing.T) {
	list := &diag.List{}
	site, err := (&content.Loader{}).Load(root, list)
	if err != nil || list.Len() > 0 {
		t.Fatal(err, list.Sorted())
	}
	kinds := map[content.Kind]*jsonschema.Schema{}
	for _, k := range content.Kinds {
		kinds[k] = compile(t, string(k), nil)
	}
	blockSchema := compile(t, Journey, exampleLanes(t))
	pages, blocks := 0, 0
	for _, p := range site.Pages {
		src, err := os.ReadFile(filepath.Join(root, p.Path))
		if err != nil {
			t.Fatal(err)
		}
		if m := frontmatter.FindSubmatch(src); m != nil {
			pages++
			if err := kinds[p.Kind].Validate(instance(t, string(m[1]))); err != nil {
				t.Errorf("%s (%s): %v", p.Path, p.Kind, err)
			}
		}
		for _, m := range block.FindAllSubmatch(src, -1) {
			blocks++
			if err := blockSchema.Validate(instance(t, string(m[1]))); err != nil {
				t.Errorf("%s: journey block: %v", p.Path, err)
			}
		}
	}
	if pages < 40 || blocks < 4 {
		t.Errorf("validated %d frontmatters and %d journey blocks: the example site has more", pages, blocks)
	}
}

// TestSchemaAgreesWithParser: the bad inputs of the parsers' tests that a
// schema can judge are refused by the parser and by the schema alike, and
// good ones accepted by both.
func TestSchemaAgreesWithParser(t *testing.T) {
	fm := []struct {
		name, rel, yaml string
		good            bool
	}{
		{"list given a string", "cases/a.md", "title: x\nscopes: Expansion\n", false},
		{"date no date", "cases/a.md", "title: x\ndate: hier\n", false},
		{"severity out of range", "irritants/a.md", "title: x\nseverity: 9\n", false},
		{"frequency out of range", "irritants/a.md", "title: x\nfrequency: 0\n", false},
		{"frequency text", "irritants/a.md", "title: x\nfrequency: souvent\n", false},
		{"remedy impact out of range", "irritants/a.md", "title: x\nremedies:\n  - text: Appeler\n    impact: 7\n", false},
		{"remedy without text", "irritants/a.md", "title: x\nremedies:\n  - impact: 3\n", false},
		{"remedy bad status", "irritants/a.md", "title: x\nremedies:\n  - {text: Appeler, status: maybe}\n", false},
		{"remedies a string", "irritants/a.md", "title: x\nremedies: Appeler\n", false},
		{"kpi misspelt field", "irritants/a.md", "title: x\nkpis:\n  - {name: Délai, valeur: 3}\n", false},
		{"severity text", "irritants/a.md", "title: x\nseverity: high\n", false},
		{"bad audience", "a.md", "title: x\naudience: everyone\n", false},
		{"draft not bool", "a.md", "title: x\ndraft: maybe\n", false},
		{"persona goals not a list", "personas/a.md", "title: x\ngoals: Être remboursée\n", false},
		{"journey persona a mapping", "journeys/a.md", "title: x\npersona: {name: a}\n", false},
		{"title a list", "guides/a.md", "title: [a, b]\n", false},
		{"a scored remedy and a kpi map", "irritants/a.md", "title: x\nseverity: 4\nremedies:\n  - Appeler\n  - {text: Rappeler, impact: 4, effort: 2, status: planned, irritants: [a]}\nkpis:\n  - Délai\n  - {name: Délai, value: 12, target: 5, unit: jours}\n", true},
		{"a param of the page's own", "cases/a.md", "title: x\nmon_champ: {a: 1}\ndate: 2024-05-12\n", true},
	}
	for _, tt := range fm {
		t.Run(tt.name, func(t *testing.T) {
			p, ds := content.Parse("content/"+tt.rel, tt.rel, []byte("---\n"+tt.yaml+"---\n"))
			if parsed := p != nil && len(ds) == 0; parsed != tt.good {
				t.Fatalf("the parser accepts it: %v, want %v (%v)", parsed, tt.good, ds)
			}
			kind := content.KindPage
			if p != nil {
				kind = p.Kind
			} else if k, _, ok := strings.Cut(tt.rel, "/"); ok {
				kind = content.Kind(strings.TrimSuffix(k, "s"))
			}
			err := compile(t, string(kind), nil).Validate(instance(t, tt.yaml))
			if (err == nil) != tt.good {
				t.Errorf("the schema of %s accepts it: %v, want %v (%v)", kind, err == nil, tt.good, err)
			}
		})
	}

	const head = "title: T\nphases:\n  - name: P\n    stages:\n"
	blocks := []struct {
		name, src string
		good      bool
	}{
		{"unknown stage field", head + "      - name: Je\n        emotions: 1\n", false},
		{"unknown top field", "title: T\ntitel: U\n" + head[9:] + "      - name: Je\n", false},
		{"emotion out of range", head + "      - name: Je\n        emotion: 5\n", false},
		{"emotion not a number", head + "      - name: Je\n        emotion: \"bad\"\n", false},
		{"moment of truth not a bool", head + "      - name: Je\n        moment_of_truth: yes\n", false},
		{"phase without stages", "title: T\nphases:\n  - name: Vide\n    stages: []\n", false},
		{"phase without stages key", "title: T\nphases:\n  - name: Vide\n", false},
		{"stage without name", head + "      - emotion: 1\n", false},
		{"scalar where a list goes", head + "      - name: Je\n        touchpoints: Site web\n", false},
		{"nested list entry", head + "      - name: Je\n        actions: [[a, b]]\n", false},
		{"unsafe id", "id: a/b\n" + head + "      - name: Je\n", false},
		{"unsafe stage id", head + "      - name: Je\n        id: a b\n", false},
		{"missing title", "phases:\n  - name: P\n    stages:\n      - name: Je\n", false},
		{"not a mapping", "- a\n- b\n", false},
		{"target without compares", "state: target\n" + head + "      - name: Je\n", false},
		{"compares on a current journey", "compares: autre\n" + head + "      - name: Je\n", false},
		{"unknown state", "state: futur\n" + head + "      - name: Je\n", false},
		{"opportunity map without text", head + "      - name: Je\n        opportunities: [{impact: 3}]\n", false},
		{"lane the site does not declare", head + "      - name: Je\n        ressenti_equipes: [Fatigue]\n", false},
		{"every lane", "id: p\npersona: Léa\nstate: target\ncompares: autre#p\n" + head +
			"      - name: Je\n        id: je_1\n        lifecycle: Onboarding\n        emotion: -2\n        moment_of_truth: true\n" +
			"        volume: 80 %\n        actions: [A]\n        touchpoints: [B]\n        channels: [C]\n        irritants: [i]\n" +
			"        expectations: [E]\n        opportunities: [O, {text: P, impact: 5, effort: 1, status: done, irritants: [i]}]\n" +
			"        kpis: [K, {name: L, value: 3, target: 1, unit: j}]\n        milestones: [M]\n        success: [S]\n        alarms: [Al]\n" +
			"        evidence: [Ev]\n        frontstage: [F]\n        backstage: [Ba]\n        support: [Su]\n", true},
	}
	for _, tt := range blocks {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := journey.Parse("content/journeys/x.md", []byte(tt.src), 10, 0)
			if (len(ds) == 0) != tt.good {
				t.Fatalf("the parser accepts it: %v, want %v (%v)", len(ds) == 0, tt.good, ds)
			}
			err := compile(t, Journey, nil).Validate(instance(t, tt.src))
			if (err == nil) != tt.good {
				t.Errorf("the schema accepts it: %v, want %v (%v)", err == nil, tt.good, err)
			}
		})
	}
	// The site's own lanes are known to the schema made for it.
	custom := []journey.Lane{{Key: "ressenti_equipes"}}
	src := head + "      - name: Je\n        ressenti_equipes: [Fatigue]\n"
	if _, ds := journey.ParseWith("x.md", []byte(src), 1, 0, custom); len(ds) > 0 {
		t.Fatal(ds)
	}
	if err := compile(t, Journey, custom).Validate(instance(t, src)); err != nil {
		t.Errorf("a declared lane: %v", err)
	}
}

// TestCommittedSchemas: the schemas the example site's editor settings
// point to are the ones parcours writes (go run ./cmd/parcours schema -o
// schemas refreshes them).
func TestCommittedSchemas(t *testing.T) {
	for _, name := range Names() {
		want, err := JSON(name, exampleLanes(t))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "schemas", name+".schema.json"))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("schemas/%s.schema.json is not what parcours schema writes (%v): run go run ./cmd/parcours schema -o schemas", name, err)
		}
	}
}

// TestEditorSettings: every schema the example site's VS Code settings
// name exists.
func TestEditorSettings(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, ".vscode", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Schemas map[string][]string `json:"yaml.schemas"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Schemas) == 0 {
		t.Fatal("no yaml.schemas in .vscode/settings.json")
	}
	for file := range s.Schemas {
		if _, err := os.Stat(filepath.Join(root, file)); err != nil {
			t.Errorf("yaml.schemas names %s: %v", file, err)
		}
	}
}
