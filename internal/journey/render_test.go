package journey

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var fixtures = []string{"mutuelle", "industrie", "customer-success", "mutuelle-cible"}

// compared names the current journey of each target fixture.
var compared = map[string]string{"mutuelle-cible": "mutuelle"}

// fixture loads a fixture with the options of its page in French, compared
// with its current journey when it is a target.
func fixture(t testing.TB, name string) (*Journey, Options) {
	t.Helper()
	o := options(t, "fr")
	if cur, ok := compared[name]; ok {
		o.Current = load(t, cur)
	}
	return load(t, name), o
}

// load parses a fixture and fails the test on any diagnostic.
func load(t testing.TB, name string) *Journey {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	j, diags := Parse(name+".md", src, 1, 0)
	if len(diags) > 0 || j == nil {
		t.Fatalf("Parse(%s): %v", name, diags)
	}
	return j
}

// fakeIrritants resolves every slug but "inconnu" to a catalogue page whose
// title is the slug with spaces, as the site's resolver would.
func fakeIrritants(ref string) (string, string, bool) {
	if ref == "inconnu" {
		return "", "", false
	}
	label := strings.ReplaceAll(ref, "-", " ")
	return "/irritants/" + ref + "/", strings.ToUpper(label[:1]) + label[1:], true
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff)", path)
	}
}

func TestGolden(t *testing.T) {
	for _, name := range fixtures {
		t.Run(name, func(t *testing.T) {
			j, o := fixture(t, name)
			outputs := []struct {
				ext    string
				render func(io.Writer) error
			}{
				{".svg", func(w io.Writer) error { return j.SVG(w, o) }},
				{".html", func(w io.Writer) error { _, err := w.Write(html(t, j, o)); return err }},
				{".csv", func(w io.Writer) error { return j.CSV(w, o) }},
			}
			for _, out := range outputs {
				var a, b bytes.Buffer
				if err := out.render(&a); err != nil {
					t.Fatal(err)
				}
				if err := out.render(&b); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s: two renders differ", out.ext)
				}
				if out.ext != ".csv" {
					wellFormed(t, a.Bytes())
				}
				golden(t, filepath.Join("testdata", name+".golden"+out.ext), a.Bytes())
			}
		})
	}
}

// wellFormed fails the test unless doc parses as XML to its end.
func wellFormed(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestRSVGConvert(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		if os.Getenv("PARCOURS_BROWSER") == "1" {
			t.Fatal("PARCOURS_BROWSER=1 but rsvg-convert is missing (install librsvg2-bin)")
		}
		t.Skip("rsvg-convert not installed")
	}
	for _, name := range fixtures {
		j, o := fixture(t, name)
		var svg bytes.Buffer
		if err := j.SVG(&svg, o); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(svg.Bytes(), []byte("var(")) || bytes.Contains(svg.Bytes(), []byte("foreignObject")) {
			t.Errorf("%s: standalone SVG uses CSS variables or foreignObject", name)
		}
		png := filepath.Join(t.TempDir(), name+".png")
		cmd := exec.Command(bin, "-o", png)
		cmd.Stdin = &svg
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("rsvg-convert %s: %v\n%s", name, err, out)
		}
		if st, err := os.Stat(png); err != nil || st.Size() < 1000 {
			t.Errorf("rsvg-convert %s: no image written (%v)", name, err)
		}
		if dir := os.Getenv("JOURNEY_PNG_DIR"); dir != "" {
			// Lets a developer look at what rsvg-convert drew.
			b, _ := os.ReadFile(png)
			os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
		}
	}
}

func TestXLSX(t *testing.T) {
	j := load(t, "mutuelle")
	var a, b bytes.Buffer
	o := options(t, "fr")
	if err := j.XLSX(&a, o); err != nil {
		t.Fatal(err)
	}
	if err := j.XLSX(&b, o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two workbooks of the same journey differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Parcours" {
		t.Fatalf("sheets = %v, want [Parcours]", got)
	}
	cells := []struct{ cell, want string }{
		{"A1", "Phase"},
		{"B1", "Étape"},
		{"C1", "Actions"},
		{"A2", "Avant achat"},
		{"B2", "Je demande un devis"},
		{"C2", "Je compare les offres en ligne\nJe simule mes remboursements"},
		{"B8", "Je résilie mon contrat"},
	}
	for _, c := range cells {
		got, err := f.GetCellValue("Parcours", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
	panes, err := f.GetPanes("Parcours")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 1 {
		t.Errorf("panes = %+v, want phase and stage columns and the header row frozen", panes)
	}
	rows, err := f.GetRows("Parcours")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 {
		t.Errorf("%d rows, want 8 (header and 7 stages)", len(rows))
	}
	col := -1
	for i, h := range rows[0] {
		if h == "Émotion" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no Émotion column in %v", rows[0])
	}
	name, _ := excelize.CoordinatesToCellName(col+1, 3)
	if typ, _ := f.GetCellType("Parcours", name); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("emotion cell %s has type %v, want a number", name, typ)
	}
	if got, _ := f.GetCellValue("Parcours", name); got != "-2" {
		t.Errorf("%s = %q, want -2", name, got)
	}
	// Each column fits its longest line, within bounds.
	for c := range rows[0] {
		longest := 0
		for _, row := range rows {
			if c < len(row) {
				for _, line := range strings.Split(row[c], "\n") {
					longest = max(longest, len([]rune(line)))
				}
			}
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		w, err := f.GetColWidth("Parcours", col)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(max(float64(longest+2), 10), 60); w != want {
			t.Errorf("column %s (%s) is %.0f wide, want %.0f for its longest line of %d", col, rows[0][c], w, want, longest)
		}
	}
}

// TestExportsNameIrritants checks that the CSV and the workbook name
// irritants by title, with the URL of each page in the next column,
// absolute from the page's URL.
func TestExportsNameIrritants(t *testing.T) {
	j := load(t, "mutuelle")
	o := options(t, "fr")
	o.PageURL = "https://kb.example.org/journeys/mutuelle/"
	var b bytes.Buffer
	if err := j.CSV(&b, o); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "Irritants")
	if col < 0 || col+1 >= len(rows[0]) || rows[0][col+1] != "Irritants (liens)" {
		t.Fatalf("header %v lacks Irritants then Irritants (liens)", rows[0])
	}
	// fakeIrritants titles "manque-de-clarte" as "Manque de clarte".
	if got, want := rows[1][col], "Manque de clarte"; got != want {
		t.Errorf("irritant cell = %q, want the title %q", got, want)
	}
	if got, want := rows[1][col+1], "https://kb.example.org/irritants/manque-de-clarte/"; got != want {
		t.Errorf("irritant URL cell = %q, want %q", got, want)
	}
	var x bytes.Buffer
	if err := j.XLSX(&x, o); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("Parcours")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(xrows[1], rows[1]) {
		t.Errorf("workbook row %q, CSV row %q: they should hold the same", xrows[1], rows[1])
	}
}

func TestCSVFormat(t *testing.T) {
	j := load(t, "customer-success")
	var b bytes.Buffer
	if err := j.CSV(&b, options(t, "fr")); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, "\ufeffPhase,Étape,") {
		t.Errorf("CSV starts %q, want a BOM then the header", s[:min(len(s), 30)])
	}
	if !strings.Contains(s, "\r\n") || strings.Count(s, "\r\n") < 8 {
		t.Error("CSV rows do not end with CRLF")
	}
	for _, lane := range []string{"Points de contact", "Jalons", "Critères de succès", "Signaux d'alerte"} {
		if !strings.Contains(strings.SplitN(s, "\r\n", 2)[0], lane) {
			t.Errorf("CSV header lacks %q", lane)
		}
	}
	if strings.Contains(strings.SplitN(s, "\r\n", 2)[0], "Irritants") {
		t.Error("CSV header has an Irritants column though no stage has irritants")
	}
}

func BenchmarkRender60Stages(b *testing.B) {
	src := []byte(bigJourney(60))
	o := options(b, "fr")
	for b.Loop() {
		j, diags := Parse("big.md", src, 1, 0)
		if len(diags) > 0 {
			b.Fatal(diags)
		}
		html(b, j, o)
		if err := j.SVG(io.Discard, o); err != nil {
			b.Fatal(err)
		}
	}
}
