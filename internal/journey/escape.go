package journey

import (
	"strconv"
	"strings"
)

// describe is the <desc> of the map: its shape in words, for screen readers
// that stop at the image.
func describe(l *layout) string {
	var b strings.Builder
	o := l.o
	b.WriteString(o.tr("journey_desc", count(o, len(l.j.Phases), "journey_phases"), count(o, len(l.stages), "journey_stages")))
	if l.j.Persona != "" {
		b.WriteString(o.tr("journey_desc_persona", l.j.Persona))
	}
	b.WriteString(".")
	for _, ph := range l.j.Phases {
		names := make([]string, len(ph.Stages))
		for i, s := range ph.Stages {
			names[i] = s.Name
		}
		b.WriteString(o.tr("journey_desc_phase", ph.Name, strings.Join(names, ", ")))
	}
	if len(l.motLines) > 0 {
		b.WriteString(" " + strings.Join(l.motLines, " ") + ".")
	}
	b.WriteString(describeDeltas(l))
	b.WriteString(o.tr("journey_desc_end"))
	return b.String()
}

// count writes n and a noun: the UI string key_one for one, else key_many.
func count(o Options, n int, key string) string {
	if n == 1 {
		return o.tr(key + "_one")
	}
	return o.tr(key+"_many", strconv.Itoa(n))
}

// esc escapes s for XML and HTML text and attribute values, dropping the
// characters XML 1.0 forbids so that any input gives a well-formed document.
func esc(s string) string {
	return escaper.Replace(clean(s))
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// clean turns tabs and line ends into spaces and drops the characters XML
// 1.0 forbids; invalid UTF-8 reads as U+FFFD, which is kept as such.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0xd800 && r <= 0xdfff) || r == 0xfffe || r == 0xffff:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
