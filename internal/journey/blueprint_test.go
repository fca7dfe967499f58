package journey

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBlueprintLines checks that each line of the service blueprint is
// drawn once, in order, at the top of the first lane under it.
func TestBlueprintLines(t *testing.T) {
	j := load(t, "blueprint")
	l := newLayout(j, Options{})
	var keys []string
	for _, ln := range l.lanes {
		keys = append(keys, ln.key)
	}
	if got := strings.Join(keys, " "); got != "actions emotion irritants evidence frontstage backstage support" {
		t.Fatalf("lanes %s: the blueprint's must come under the customer's", got)
	}
	var svg bytes.Buffer
	if err := j.SVG(&svg, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := regexp.MustCompile(`<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="[\d.]+" stroke-width="2" stroke-dasharray="7 4"`).FindAllStringSubmatch(svg.String(), -1)
	want := []int{4, 5, 6} // frontstage, backstage, support
	if len(lines) != len(want) {
		t.Fatalf("%d blueprint lines drawn, want %d", len(lines), len(want))
	}
	for i, li := range want {
		if y, _ := strconv.ParseFloat(lines[i][1], 64); y != roundTenth(l.rowY[li]) {
			t.Errorf("line %d at y=%v, want the top of lane %s (%v)", i, y, keys[li], l.rowY[li])
		}
	}
	for _, name := range []string{"Ligne d'interaction", "Ligne de visibilité", "Ligne d'interaction interne"} {
		if !strings.Contains(svg.String(), ">"+esc(name)+"</text>") {
			t.Errorf("the line %q is not named", name)
		}
	}
}

func roundTenth(v float64) float64 {
	f, _ := strconv.ParseFloat(n(v), 64)
	return f
}

// TestBlueprintWithoutFrontstage merges no line: each falls at the top of
// the first lane drawn of those under it.
func TestBlueprintWithoutFrontstage(t *testing.T) {
	j := load(t, "blueprint")
	for pi := range j.Phases {
		for si := range j.Phases[pi].Stages {
			j.Phases[pi].Stages[si].Frontstage = nil
			j.Phases[pi].Stages[si].Backstage = nil
		}
	}
	rows := newLayout(j, Options{}).blueprintRows()
	if len(rows) != 1 || rows[4] != "Ligne d'interaction" {
		t.Errorf("got %v, want only the line of interaction, over support", rows)
	}
}

// TestBlueprintExports checks that the table, CSV and standalone SVG carry
// the blueprint's lanes, and that rsvg-convert draws the SVG.
func TestBlueprintExports(t *testing.T) {
	j := load(t, "blueprint")
	o := options(t, "fr")
	var c bytes.Buffer
	if err := j.CSV(&c, o); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], "|")
	for _, label := range []string{"Preuves physiques et numériques", "Front-office : actions visibles", "Back-office : actions invisibles", "Processus et systèmes support"} {
		if !strings.Contains(head, label) {
			t.Errorf("CSV header %q lacks %q", head, label)
		}
	}
	if got := rows[1][len(rows[1])-1]; got != "Reconnaissance automatique des factures\nBase des contrats" {
		t.Errorf("support cell %q", got)
	}
	if page := html(t, j, o); !strings.Contains(string(page), "Le gestionnaire vérifie la pièce") {
		t.Error("the accessible table lacks the backstage lane")
	}
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed")
	}
	var svg bytes.Buffer
	if err := j.SVG(&svg, Options{}); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(t.TempDir(), "blueprint.png")
	cmd := exec.Command(bin, "-o", png)
	cmd.Stdin = &svg
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, out)
	}
	if st, err := os.Stat(png); err != nil || st.Size() < 1000 {
		t.Errorf("rsvg-convert wrote no image (%v)", err)
	}
}
