package journey

import (
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheet is the journey as the CSV and the workbook hold it: a header row,
// then one row per stage with its phase, its name and one column per lane
// in use, a lane's entries on separate lines of the cell. Irritants are
// named by title, with their pages' URLs in the next column.
type sheet struct {
	rows    [][]string
	emotion int // column of the emotion lane, or -1
}

func (j *Journey) sheet(o Options, used []*lane) sheet {
	t := sheet{emotion: -1}
	head := []string{o.tr("journey_phase"), o.tr("journey_stage")}
	for _, ln := range used {
		if ln.kind == emotionLane {
			t.emotion = len(head)
		}
		head = append(head, ln.label(o))
		if ln.kind == irritantLane {
			head = append(head, o.tr("journey_irritant_urls"))
		}
	}
	t.rows = append(t.rows, head)
	for _, ph := range j.Phases {
		for si := range ph.Stages {
			s := &ph.Stages[si]
			row := []string{ph.Name, s.Name}
			for _, ln := range used {
				row = append(row, strings.Join(ln.texts(s, o), "\n"))
				if ln.kind == irritantLane {
					var urls []string
					for _, r := range s.Irritants {
						if href, _ := resolve(o, r.Text); href != "" {
							urls = append(urls, absURL(o.PageURL, href))
						}
					}
					row = append(row, strings.Join(urls, "\n"))
				}
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// absURL resolves href against the page's absolute URL, so that a link
// still works from a spreadsheet; without a page URL, href is kept.
func absURL(page, href string) string {
	base, err := url.Parse(page)
	if err != nil || page == "" {
		return href
	}
	ref, err := url.Parse(href)
	if err != nil {
		return href
	}
	return base.ResolveReference(ref).String()
}

// inert keeps a spreadsheet from reading a cell as a formula: a cell that
// starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets hide, unless the whole cell is a plain
// number (an emotion such as -1, a figure such as -2,5), which is safe and
// stays a number. "-1+cmd|' /C calc'!A0" starts like a number but is a
// formula.
func inert(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || plainNumber(cell) {
		return cell
	}
	return "'" + cell
}

// plainNumber reports whether s is an optional minus, digits, and
// optionally a decimal point or comma followed by digits.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits := func(t string) bool {
		if t == "" {
			return false
		}
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		return digits(s[:i]) && digits(s[i+1:])
	}
	return digits(s)
}

// CSV writes the journey as a table: a header row, then one row per stage
// with its phase, its name and one column per lane in use, a lane's entries
// on separate lines of the cell. It is RFC 4180 with CRLF line ends, and
// starts with a UTF-8 byte order mark so that spreadsheet tools read the
// accents right.
func (j *Journey) CSV(w io.Writer, o Options) error {
	return writeCSV(w, j.sheet(o, j.used()).rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	ew := &errWriter{w: w}
	io.WriteString(ew, "\ufeff")
	c := csv.NewWriter(ew)
	c.UseCRLF = true
	for _, row := range rows {
		for i := range row {
			row[i] = inert(row[i])
		}
		c.Write(row)
	}
	c.Flush()
	if ew.err != nil {
		return ew.err
	}
	return c.Error()
}

// fixedTime stamps the workbook's properties: builds must be byte-identical,
// so the file cannot carry the time it was written.
const fixedTime = "2000-01-01T00:00:00Z"

// XLSX writes the table of CSV as a workbook: one sheet, a bold header,
// phase, stage and header frozen, columns as wide as their longest line
// (within bounds), wrapped cells, emotions as numbers.
func (j *Journey) XLSX(w io.Writer, o Options) error {
	return writeXLSX(w, j, o, []named{{o.tr("journey_sheet"), j.sheet(o, j.used())}})
}

// named is a sheet of a workbook with its tab's name.
type named struct {
	name string
	t    sheet
}

// writeXLSX writes a workbook of the sheets, in order; meta gives its
// title and subject.
func writeXLSX(w io.Writer, meta *Journey, o Options, sheets []named) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheets[0].name); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   meta.Title,
		Subject: meta.Persona,
		Creator: "parcours",
		Created: fixedTime, Modified: fixedTime,
		Language: o.Lang,
	}); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1E3A5F"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	body, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i > 0 {
			if _, err := f.NewSheet(sh.name); err != nil {
				return err
			}
		}
		if err := writeSheet(f, sh.name, sh.t, head, body); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// writeSheet writes a table on a sheet of the workbook, styled.
func writeSheet(f *excelize.File, sheet string, t sheet, head, body int) error {
	for r, row := range t.rows {
		for c, v := range row {
			var cell any = v
			if r > 0 && c == t.emotion && v != "" {
				// An emotion is a number, so that a chart can use it.
				e, err := strconv.Atoi(v)
				if err != nil {
					return err
				}
				cell = e
			}
			if err := setCell(f, sheet, c+1, r+1, cell); err != nil {
				return err
			}
		}
	}
	last, err := excelize.ColumnNumberToName(len(t.rows[0]))
	if err != nil {
		return err
	}
	for _, e := range []error{
		f.SetCellStyle(sheet, "A1", last+"1", head),
		f.SetCellStyle(sheet, "A2", fmt.Sprintf("%s%d", last, max(len(t.rows), 2)), body),
		// Phase and stage stay in view as the lanes scroll sideways, and
		// the header as the stages scroll down.
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}),
	} {
		if e != nil {
			return e
		}
	}
	for c, w := range t.widths() {
		name, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return err
		}
	}
	return nil
}

// setCell writes text as a string cell, never as a formula, whatever it
// starts with.
func setCell(f *excelize.File, sheet string, col, row int, v any) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	if s, ok := v.(string); ok {
		return f.SetCellStr(sheet, cell, s)
	}
	return f.SetCellValue(sheet, cell, v)
}

// widths are the columns' widths in characters: the longest line of the
// column, plus a margin, between a width that holds a short word and one
// past which wrapping reads better.
func (t sheet) widths() []float64 {
	const least, most = 10, 60
	ws := make([]float64, len(t.rows[0]))
	for _, row := range t.rows {
		for c, v := range row {
			for _, line := range strings.Split(v, "\n") {
				ws[c] = max(ws[c], float64(utf8.RuneCountInString(line))+2)
			}
		}
	}
	for c := range ws {
		ws[c] = min(max(ws[c], least), most)
	}
	return ws
}
