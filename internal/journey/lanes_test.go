package journey

import (
	"bytes"
	"strings"
	"testing"
)

var siteLanes = []Lane{
	{Key: "emotions_equipe", Label: "Émotions de l’équipe"},
	{Key: "verbatims", Label: "Verbatims", After: "actions"},
}

const laneBlock = `title: T
phases:
  - name: P
    lifecycle: Onboarding
    stages:
      - name: Je paie
        id: paiement
        actions: [Je paie]
        emotions_equipe: [Tendue]
        verbatims: ["C’est long"]
        support: [Outil]
      - name: Je reviens
        lifecycle: Rétention
        actions: [Je reviens]
`

func TestSiteLanes(t *testing.T) {
	j, ds := ParseWith("x.md", []byte(laneBlock), 1, 0, siteLanes)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var keys []string
	for _, l := range j.used() {
		keys = append(keys, l.key)
	}
	if got := strings.Join(keys, " "); got != "actions verbatims emotions_equipe support" {
		t.Errorf("lanes %s: a site's lane goes after the lane it names, else before the service blueprint", got)
	}
	s := j.Phases[0].Stages
	if s[0].Lifecycle.Text != "Onboarding" || s[0].Lifecycle.Line != 0 || s[1].Lifecycle != (Ref{Text: "Rétention", Line: 13, Col: 20}) {
		t.Errorf("lifecycles %+v %+v: the phase's is inherited, without a position", s[0].Lifecycle, s[1].Lifecycle)
	}
	if a := j.Anchors()[1:]; strings.Join(a, " ") != "t--paiement t--je-reviens" {
		t.Errorf("stage anchors %v", a)
	}
	var c bytes.Buffer
	if err := j.CSV(&c, Options{T: func(key string) string { return key }}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.String(), "Émotions de l’équipe") || !strings.Contains(c.String(), "Tendue") {
		t.Errorf("the CSV lacks the site's lane:\n%s", c.String())
	}
	if got := strings.Join(s[0].Texts(Options{}), "|"); !strings.Contains(got, "Tendue") || !strings.Contains(got, "C’est long") {
		t.Errorf("search texts %q lack the site's lanes", got)
	}
}

func TestUndeclaredLane(t *testing.T) {
	_, ds := ParseWith("x.md", []byte(strings.Replace(laneBlock, "emotions_equipe:", "emotion_equipe:", 1)), 1, 0, siteLanes)
	if len(ds) != 1 || !strings.Contains(ds[0].Error(), `x.md:9:9: unknown field "emotion_equipe" in stage (did you mean "emotions_equipe"?)`) ||
		!strings.HasSuffix(ds[0].Error(), "id, lifecycle, emotions_equipe, verbatims") {
		t.Errorf("got %v, want the undeclared key at its line with the declared ones listed", ds)
	}
	if _, ds := Parse("x.md", []byte(laneBlock), 1, 0); len(ds) != 2 {
		t.Errorf("got %v, want both lanes refused when the site declares none", ds)
	}
}

func TestCheckLanes(t *testing.T) {
	errs := CheckLanes([]Lane{{Key: "actions"}, {Key: "a", After: "nulle_part"}, {Key: "b", After: "a"}, {Key: "c", After: "c"}})
	want := []string{`"actions" is a built-in stage field`, `after = "nulle_part" names no lane`, "", `after = "c" names no lane`}
	for i, w := range want {
		switch {
		case w == "" && errs[i] != nil:
			t.Errorf("lane %d: got %v, want none", i, errs[i])
		case w != "" && (errs[i] == nil || !strings.Contains(errs[i].Error(), w)):
			t.Errorf("lane %d: got %v, want %q", i, errs[i], w)
		}
	}
}

func TestStageAndStateErrors(t *testing.T) {
	const head = "title: T\nphases:\n  - name: P\n    stages:\n"
	tests := []struct{ name, src, want string }{
		{"id taken by a slug", head + "      - name: Je paie\n      - name: Autre\n        id: je-paie\n", `stage "Autre" has the same anchor "je-paie" as the stage at line 5`},
		{"unknown state", "state: cible\n" + head + "      - name: Je\n", `x.md:1:8: state must be current or target, got "cible"`},
		{"target without compares", "state: target\n" + head + "      - name: Je\n", "x.md:1:8: a target journey names the journey it improves"},
		{"compares on a current journey", "compares: mutuelle\n" + head + "      - name: Je\n", "x.md:1:11: compares: is for a target journey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse("x.md", []byte(tt.src), 1, 0)
			if len(ds) != 1 || !strings.Contains(ds[0].Error(), tt.want) {
				t.Errorf("got %v, want one problem %q", ds, tt.want)
			}
		})
	}
}
