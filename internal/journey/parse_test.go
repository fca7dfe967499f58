package journey

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// bigJourney is a valid block with n stages spread over phases of five.
func bigJourney(n int) string {
	var b strings.Builder
	b.WriteString("title: Grand parcours\npersona: Testeur\nphases:\n")
	for i := 0; i < n; i++ {
		if i%5 == 0 {
			fmt.Fprintf(&b, "  - name: Phase %d\n    stages:\n", i/5+1)
		}
		fmt.Fprintf(&b, "      - name: Je fais l'étape %d du parcours\n", i+1)
		fmt.Fprintf(&b, "        emotion: %d\n", i%5-2)
		fmt.Fprintf(&b, "        actions: [Action %d, Une autre action un peu plus longue]\n", i+1)
		fmt.Fprintf(&b, "        irritants: [irritant-%d]\n", i%7)
		if i%9 == 0 {
			b.WriteString("        moment_of_truth: true\n")
		}
	}
	return b.String()
}

func TestStageAnchors(t *testing.T) {
	src := "id: parcours\ntitle: T\nphases:\n  - name: P\n    stages:\n      - name: Je résilie mon contrat\n      - name: Je pars\n        id: depart_1\n"
	j, diags := Parse("x.md", []byte(src), 1, 0)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := []string{"parcours--je-resilie-mon-contrat", "parcours--depart_1"}
	for i, s := range j.Phases[0].Stages {
		if got := j.StageAnchor(&s); got != want[i] {
			t.Errorf("stage %d anchor = %q, want %q", i, got, want[i])
		}
	}
}

func TestParseFixture(t *testing.T) {
	j := load(t, "mutuelle")
	if j.ID != "parcours-adherent-mutuelle-sante" {
		t.Errorf("ID = %q, want the title's slug", j.ID)
	}
	if got := len(j.Phases); got != 3 {
		t.Fatalf("%d phases, want 3", got)
	}
	s := j.Phases[0].Stages[0]
	if s.Name != "Je demande un devis" || s.Emotion == nil || *s.Emotion != -1 || !s.MomentOfTruth || s.Volume != "80 % des prospects" {
		t.Errorf("first stage = %+v", s)
	}
	if want := (Ref{Text: "manque-de-clarte", Line: 12, Col: 21}); len(s.Irritants) != 1 || s.Irritants[0] != want {
		t.Errorf("irritants = %+v, want [%+v]", s.Irritants, want)
	}
	if s.Line != 6 || j.Phases[0].Line != 4 {
		t.Errorf("stage line %d, phase line %d; want 6 and 4", s.Line, j.Phases[0].Line)
	}
	if k := load(t, "industrie"); k.ID != "parcours-client-industriel" {
		t.Errorf("explicit id = %q", k.ID)
	}
}

// TestParseErrors feeds bad blocks that start on line 10 of a Markdown file
// indented by 2, and checks each message and position in that file.
func TestParseErrors(t *testing.T) {
	const head = "title: T\nphases:\n  - name: P\n    stages:\n"
	tests := []struct {
		name, src string
		line, col int
		msg       []string // substrings of the one expected diagnostic
		nilJ      bool
	}{
		{"unknown stage field", head + "      - name: Je\n        emotions: 1\n", 15, 11,
			[]string{`unknown field "emotions" in stage`, `did you mean "emotion"?`, "known: name, actions"}, false},
		{"unknown top field", "title: T\ntitel: U\n" + head[9:] + "      - name: Je\n", 11, 3,
			[]string{`unknown field "titel"`, `did you mean "title"?`, "known: id, title, persona, phases"}, false},
		{"emotion out of range", head + "      - name: Je\n        emotion: 5\n", 15, 20,
			[]string{"emotion must be an integer from -2 to 2, got 5"}, false},
		{"emotion not a number", head + "      - name: Je\n        emotion: \"bad\"\n", 15, 20,
			[]string{`emotion must be an integer from -2 to 2, got "bad"`}, false},
		{"moment of truth not a bool", head + "      - name: Je\n        moment_of_truth: yes\n", 15, 28,
			[]string{`moment_of_truth must be true or false, got "yes"`}, false},
		{"phase without stages", "title: T\nphases:\n  - name: Vide\n    stages: []\n", 13, 7,
			[]string{`phase "Vide" has no stages`}, false},
		{"phase without stages key", "title: T\nphases:\n  - name: Vide\n", 12, 7,
			[]string{`phase "Vide" has no stages`}, false},
		{"stage without name", head + "      - emotion: 1\n", 14, 11,
			[]string{"a stage needs a name"}, false},
		{"scalar where a list goes", head + "      - name: Je\n        touchpoints: Site web\n", 15, 24,
			[]string{"touchpoints must be a list: touchpoints: [Site web]"}, false},
		{"nested list entry", head + "      - name: Je\n        actions: [[a, b]]\n", 15, 21,
			[]string{"each entry of actions must be text"}, false},
		{"unsafe id", "id: a/b\n" + head + "      - name: Je\n", 10, 7,
			[]string{`id "a/b" must be one path segment`}, false},
		{"unsafe stage id", head + "      - name: Je\n        id: a b\n", 15, 15,
			[]string{`stage id "a b" may hold only letters, digits, - and _`, "id: a-b"}, false},
		{"two stages, one anchor", head + "      - name: J'attends\n      - name: J’attends\n", 15, 0,
			[]string{`same anchor "j-attends" as the stage at line 14`, "give one of them an id:"}, false},
		{"missing title", "phases:\n  - name: P\n    stages:\n      - name: Je\n", 10, 3,
			[]string{"a journey needs a title"}, false},
		{"duplicate field", head + "      - name: Je\n        emotion: 1\n        emotion: 2\n", 16, 11,
			[]string{`field "emotion" given twice in stage (first at line 15)`}, false},
		{"syntax error", "title: T\nphases:\n  - name: P\n    stages: [\n", 13, 0,
			[]string{"invalid YAML in journey block"}, true},
		{"bad indentation", "title: T\n phases: x\n", 11, 0,
			[]string{"invalid YAML in journey block: mapping values are not allowed"}, true},
		{"not a mapping", "- a\n- b\n", 10, 3,
			[]string{"a journey block must be a mapping"}, true},
		{"empty block", "", 10, 0,
			[]string{"empty journey block"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, diags := Parse("content/journeys/x.md", []byte(tt.src), 10, 2)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Path != "content/journeys/x.md" || d.Line != tt.line || d.Col != tt.col {
				t.Errorf("at %s:%d:%d, want line %d col %d", d.Path, d.Line, d.Col, tt.line, tt.col)
			}
			for _, m := range tt.msg {
				if !strings.Contains(d.Msg, m) {
					t.Errorf("message %q lacks %q", d.Msg, m)
				}
			}
			if (j == nil) != tt.nilJ {
				t.Errorf("journey nil = %v, want %v", j == nil, tt.nilJ)
			}
		})
	}
}

func TestParseReportsAll(t *testing.T) {
	src := "title: T\nphases:\n  - name: P\n    stages:\n      - emotion: 9\n        channel: [web]\n  - name: Q\n"
	_, diags := Parse("x.md", []byte(src), 1, 0)
	if len(diags) != 4 {
		t.Errorf("got %d diagnostics, want 4 (emotion, unknown field, stage name, empty phase): %v", len(diags), diags)
	}
}

// TestHostileText checks that text is escaped everywhere it is written.
func TestHostileText(t *testing.T) {
	src := `title: "<b>A & B</b> \"quoted\" 'single'"
persona: "</text><script>alert(1)</script>"
phases:
  - name: "</title><script>alert(2)</script>"
    stages:
      - name: "</text><script>alert(3)</script>"
        actions: ["<img src=x onerror=alert(4)>", "a & b < c"]
        irritants: ["\"><script>alert(5)</script>"]
        volume: "' onmouseover='alert(6)"
        emotion: 1
        moment_of_truth: true
`
	j, diags := Parse("x.md", []byte(src), 1, 0)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var all bytes.Buffer
	if err := j.SVG(&all, Options{}); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, all.Bytes())
	var page bytes.Buffer
	page.Write(html(t, j, options(t, "fr")))
	wellFormed(t, page.Bytes())
	all.Write(page.Bytes())
	for _, bad := range []string{"<script", "<img", "<b>", "' onmouseover"} {
		if bytes.Contains(all.Bytes(), []byte(bad)) {
			t.Errorf("output contains %q", bad)
		}
	}
	if !bytes.Contains(page.Bytes(), []byte("&lt;/text&gt;&lt;script&gt;")) {
		t.Error("escaped text missing from the output")
	}
}

func TestLongAndWide(t *testing.T) {
	long := strings.Repeat("Je-fais-quelque-chose-de-très-long ", 9)[:300]
	tests := []struct {
		name, src string
	}{
		{"300-character stage name", "title: T\nphases:\n  - name: P\n    stages:\n      - name: " + long + "\n        actions: [" + long + "]\n"},
		{"60 stages", bigJourney(60)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, diags := Parse("x.md", []byte(tt.src), 1, 0)
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			l := newLayout(j, Options{})
			for si := range l.stages {
				room := l.colW[si] - 2*padX - starRoom
				for _, line := range l.stageLines[si] {
					if w := textWidth(line, stageSize, true); w > room {
						t.Errorf("stage %d line %q is %.0f wide, room %.0f", si, line, w, room)
					}
				}
				for li := range l.lanes {
					for _, it := range l.cells[li][si].items {
						for _, line := range it.lines {
							if w := textWidth(line, bodySize, l.lanes[li].bold()); w > textRoom(l.colW[si]) {
								t.Errorf("lane %s stage %d line %q overflows", l.lanes[li].key, si, line)
							}
						}
					}
				}
				if si > 0 && l.colX[si] < l.colX[si-1]+l.colW[si-1] {
					t.Errorf("column %d overlaps column %d", si, si-1)
				}
			}
			if got := strings.Join(l.stageLines[0], ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(j.Phases[0].Stages[0].Name, " ", "") {
				t.Errorf("wrapping lost text: %q", got)
			}
			var b bytes.Buffer
			if err := j.SVG(&b, Options{}); err != nil {
				t.Fatal(err)
			}
			wellFormed(t, b.Bytes())
		})
	}
}

func FuzzParseRender(f *testing.F) {
	f.Add([]byte(bigJourney(3)))
	f.Add([]byte("title: T\nphases:\n  - name: P\n    stages:\n      - name: \"\\x01<&>\"\n        emotion: 2\n"))
	f.Add([]byte("title: &a T\nid: *a\nphases: [{name: P, stages: [{name: *a, irritants: [x, '']}]}]\n"))
	f.Add([]byte("title: [\n"))
	f.Add([]byte("phases: {}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		j, _ := Parse("fuzz.md", src, 3, 1)
		if j == nil {
			return
		}
		var svg bytes.Buffer
		if err := j.SVG(&svg, Options{}); err != nil {
			t.Fatal(err)
		}
		wellFormed(t, svg.Bytes())
		wellFormed(t, html(t, j, options(t, "fr")))
		if err := j.CSV(io.Discard, Options{}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAliasBomb(t *testing.T) {
	n := 300
	src := "title: T\nphases: [" + strings.TrimSuffix(strings.Repeat("*p,", n), ",") + "]\n"
	src = "s: &s {name: a, actions: [b]}\np: &p {name: P, stages: [" + strings.TrimSuffix(strings.Repeat("*s,", n), ",") + "]}\n" + src
	j, diags := Parse("x.md", []byte(src), 1, 0)
	found := false
	for _, d := range diags {
		found = found || strings.Contains(d.Msg, "journey block too large") && strings.Contains(d.Msg, "aliases")
	}
	if !found {
		t.Errorf("no size error among %v", diags)
	}
	if stages := len(newLayout(j, Options{}).stages); stages > maxValues/2 {
		t.Errorf("%d stages read from %d bytes", stages, len(src))
	}
}

// TestLargeBlockWithoutAliases checks that the size error of a block that
// is simply long does not speak of aliases it does not have.
func TestLargeBlockWithoutAliases(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: T\nphases:\n  - name: P\n    stages:\n")
	for i := range maxValues {
		fmt.Fprintf(&b, "      - name: s%d\n", i)
	}
	_, diags := Parse("x.md", []byte(b.String()), 1, 0)
	found := false
	for _, d := range diags {
		if strings.Contains(d.Msg, "journey block too large") {
			found = true
			if strings.Contains(d.Msg, "alias") {
				t.Errorf("message names aliases the block does not have: %s", d.Msg)
			}
		}
	}
	if !found {
		t.Errorf("no size error among %d diagnostics", len(diags))
	}
}
