package journey

import (
	"fmt"
	"io"
	"net/url"
	"strings"
)

// HTML writes the in-page figure: the map as inline SVG themed with CSS
// custom properties, inside a container that scrolls sideways; links to the
// exported files (relative, named after o.BaseName); and the same data as a
// table in a <details> for screen readers and keyboard users.
func (j *Journey) HTML(w io.Writer, o Options) error {
	l := newLayout(j, o)
	id := domID(j.ID)
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, `<figure class="journey" id="%s">`+"\n", id)
	// A scrolling region must be focusable for keyboard users to scroll it.
	fmt.Fprintf(ew, `<div class="journey-scroll" tabindex="0" role="region" aria-label="%s">`+"\n", esc("Carte : "+j.Title))
	d := &svg{themed: true}
	d.draw(l, j)
	ew.Write(d.b.Bytes())
	io.WriteString(ew, "</div>\n")

	base := url.PathEscape(j.baseName(o))
	fmt.Fprintf(ew, `<p class="journey-downloads">Télécharger la carte : `+
		`<a href="%s.svg" download="" type="image/svg+xml">SVG</a> · `+
		`<a href="%s.csv" download="" type="text/csv">CSV</a> · `+
		`<a href="%s.xlsx" download="" type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">Excel (XLSX)</a></p>`+"\n",
		esc(base), esc(base), esc(base))

	io.WriteString(ew, `<details class="journey-data"><summary>Données du parcours (tableau)</summary>`+"\n")
	fmt.Fprintf(ew, `<div class="journey-table-scroll" tabindex="0" role="region" aria-label="%s">`+"\n", esc("Tableau : "+j.Title))
	j.table(ew, o)
	io.WriteString(ew, "</div>\n</details>\n</figure>\n")
	return ew.err
}

// table writes the accessible table: one row per stage, grouped by phase,
// one column per lane in use.
func (j *Journey) table(w io.Writer, o Options) {
	used := j.used()
	caption := j.Title
	if j.Persona != "" {
		caption += " — persona : " + j.Persona
	}
	fmt.Fprintf(w, `<table class="journey-table">`+"\n<caption>%s</caption>\n<thead><tr>", esc(caption))
	io.WriteString(w, `<th scope="col">Phase</th><th scope="col">Étape</th>`)
	for _, ln := range used {
		fmt.Fprintf(w, `<th scope="col">%s</th>`, esc(ln.label))
	}
	io.WriteString(w, "</tr></thead>\n")
	for _, ph := range j.Phases {
		if len(ph.Stages) == 0 {
			continue
		}
		io.WriteString(w, "<tbody>\n")
		for si := range ph.Stages {
			s := &ph.Stages[si]
			io.WriteString(w, "<tr>")
			if si == 0 {
				fmt.Fprintf(w, `<th scope="rowgroup" rowspan="%d">%s</th>`, len(ph.Stages), esc(ph.Name))
			}
			fmt.Fprintf(w, `<th scope="row">%s</th>`, esc(s.Name))
			for _, ln := range used {
				io.WriteString(w, "<td>")
				tableCell(w, ln, s, o)
				io.WriteString(w, "</td>")
			}
			io.WriteString(w, "</tr>\n")
		}
		io.WriteString(w, "</tbody>\n")
	}
	io.WriteString(w, "</table>\n")
}

func tableCell(w io.Writer, ln *lane, s *Stage, o Options) {
	var items []string
	switch ln.kind {
	case emotionLane:
		if s.Emotion != nil {
			e := min(max(*s.Emotion, -2), 2)
			io.WriteString(w, esc(signed(e)+" ("+emotionWords[e+2]+")"))
		}
		return
	case motLane:
		if s.MomentOfTruth {
			io.WriteString(w, "Oui")
		}
		return
	case irritantLane:
		for _, r := range s.Irritants {
			href, label := resolve(o, r.Text)
			if href == "" {
				items = append(items, esc(label))
			} else {
				items = append(items, fmt.Sprintf(`<a href="%s">%s</a>`, esc(href), esc(label)))
			}
		}
	default:
		for _, t := range ln.texts(s) {
			items = append(items, esc(t))
		}
	}
	switch len(items) {
	case 0:
	case 1:
		io.WriteString(w, items[0])
	default:
		io.WriteString(w, "<ul><li>"+strings.Join(items, "</li><li>")+"</li></ul>")
	}
}
