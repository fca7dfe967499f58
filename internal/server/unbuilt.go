package server

import (
	"bytes"
	"html/template"
)

// unbuiltPage is what every address shows while no build has succeeded:
// the problems in the way, listed in the page itself so that they show
// without the script, which reloads the page once the site builds.
var unbuiltPage = template.Must(template.New("unbuilt").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>body{margin:0;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
h1{color:#b00020;font-size:1.5rem;border-top:6px solid #b00020;padding-top:1rem}
li{font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}</style>
</head><body data-parcours-unbuilt><main><h1>{{.Title}}</h1><p>{{.Hint}}</p>
<ol>{{range .Errors}}<li>{{.}}</li>{{end}}</ol></main></body></html>
`))

// unbuilt renders the page of a site that has never built, in the site's
// language when the theme's strings were found.
func unbuilt(st Event) []byte {
	text := func(key, english string) string {
		if t := st.Text[key]; t != "" {
			return t
		}
		return english
	}
	lang := text("lang", "en")
	if st.Text["overlay_unbuilt"] == "" {
		lang = "en"
	}
	var b bytes.Buffer
	err := unbuiltPage.Execute(&b, struct {
		Lang, Title, Hint string
		Errors            []string
	}{lang, text("overlay_unbuilt", "The site has not built yet"),
		text("overlay_unbuilt_hint", "Fix these problems: this page shows the site as soon as it builds."), st.Errors})
	if err != nil {
		// A page that names no problem beats none at all.
		return []byte(fallback404)
	}
	return b.Bytes()
}
