package render

import (
	"html/template"
	"testing"
)

func TestReadsBody(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{`{{range .Items}}{{.Title}} {{$.Summary .}}{{end}}`, false},
		{`{{.Page.Title}}{{with .Page.Date}}{{.Year}}{{end}}`, false},
		{`{{"Body"}}{{index .Page.Params "Body"}}`, false},
		{`{{range .Items}}{{printf "%s" .Body}}{{end}}`, true},
		{`{{with .Page}}{{.Hash}}{{end}}`, true},
		{`{{range $p := .Items}}{{$p.BodyLine}}{{end}}`, true},
		{`{{if .Page}}{{else}}{{(index .Items 0).Body}}{{end}}`, true},
		{`{{define "x"}}{{.Body}}{{end}}{{template "x" .Page}}`, true},
	} {
		tpl := template.Must(template.New("t").Parse(tc.src))
		if got := readsBody(tpl); got != tc.want {
			t.Errorf("readsBody(%s) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
