package journey

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// header is the first row of the CSV and of the workbook.
func header(used []*lane) []string {
	row := []string{"Phase", "Étape"}
	for _, ln := range used {
		row = append(row, ln.label)
	}
	return row
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
func (j *Journey) CSV(w io.Writer) error {
	return writeCSV(w, j.used(), []state{{j: j}})
}

// state is a journey written in an export, named when the export holds
// several (a target and its current journey).
type state struct {
	name string
	j    *Journey
}

// writeCSV writes the journeys' stages under one header; a first column
// names each row's state when the states are named.
func writeCSV(w io.Writer, used []*lane, states []state) error {
	ew := &errWriter{w: w}
	io.WriteString(ew, "\ufeff")
	c := csv.NewWriter(ew)
	c.UseCRLF = true
	named := states[0].name != ""
	head := header(used)
	if named {
		head = append([]string{"État"}, head...)
	}
	c.Write(head)
	for _, st := range states {
		for _, ph := range st.j.Phases {
			for si := range ph.Stages {
				s := &ph.Stages[si]
				var row []string
				if named {
					row = append(row, st.name)
				}
				row = append(row, inert(ph.Name), inert(s.Name))
				for _, ln := range used {
					row = append(row, inert(strings.Join(ln.texts(s), "\n")))
				}
				c.Write(row)
			}
		}
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

// XLSX writes the table of CSV as a workbook: one sheet, a bold frozen
// header, wrapped cells, emotions as numbers.
func (j *Journey) XLSX(w io.Writer) error {
	return writeXLSX(w, j, j.used(), []state{{name: "Parcours", j: j}})
}

// writeXLSX writes a sheet per state; meta gives the workbook's title and
// subject.
func writeXLSX(w io.Writer, meta *Journey, used []*lane, states []state) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", states[0].name); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   meta.Title,
		Subject: meta.Persona,
		Creator: "parcours",
		Created: fixedTime, Modified: fixedTime,
		Language: "fr-FR",
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
	for i, st := range states {
		if i > 0 {
			if _, err := f.NewSheet(st.name); err != nil {
				return err
			}
		}
		if err := st.j.sheet(f, st.name, used, head, body); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// sheet writes the journey's table on a sheet of the workbook.
func (j *Journey) sheet(f *excelize.File, sheet string, used []*lane, head, body int) error {
	for c, v := range header(used) {
		if err := setCell(f, sheet, c+1, 1, v); err != nil {
			return err
		}
	}
	r := 2
	for _, ph := range j.Phases {
		for si := range ph.Stages {
			s := &ph.Stages[si]
			if err := setCell(f, sheet, 1, r, ph.Name); err != nil {
				return err
			}
			if err := setCell(f, sheet, 2, r, s.Name); err != nil {
				return err
			}
			for c, ln := range used {
				var v any = strings.Join(ln.texts(s), "\n")
				if ln.kind == emotionLane && s.Emotion != nil {
					v = *s.Emotion
				}
				if err := setCell(f, sheet, c+3, r, v); err != nil {
					return err
				}
			}
			r++
		}
	}
	last, err := excelize.ColumnNumberToName(len(used) + 2)
	if err != nil {
		return err
	}
	for _, e := range []error{
		f.SetCellStyle(sheet, "A1", last+"1", head),
		f.SetCellStyle(sheet, "A2", fmt.Sprintf("%s%d", last, max(r-1, 2)), body),
		f.SetColWidth(sheet, "A", "A", 20),
		f.SetColWidth(sheet, "B", last, 32),
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}),
	} {
		if e != nil {
			return e
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
