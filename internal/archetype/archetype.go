// Package archetype scaffolds new content files (parcours new KIND "Title")
// with every field of the kind filled in as an example or a comment.
package archetype

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/journey"
	"github.com/parcours/parcours/internal/slug"
)

var sections = map[string]string{"case": "cases", "guide": "guides", "journey": "journeys", "irritant": "irritants", "persona": "personas"}

// Kinds lists the kinds new accepts.
var Kinds = []string{"case", "guide", "journey", "irritant", "persona"}

const header = `---
title: %q
description: ""
date: %s
draft: true
tags: []
`

var bodies = map[string]string{
	"case": `client: ""          # the client's name; feeds the clients taxonomy
subtitle: ""
sector: ""          # e.g. Banque, Assurance, SaaS B2B
speaker: ""         # who testifies
role: ""
duration: ""        # e.g. 5 semaines
scopes: []          # lifecycle stages: [Onboarding, Adoption]
tools: []           # e.g. [Salesforce, Gsheet]
deliverables: []
quotes: []
irritants: []       # slugs or titles of irritant pages
# logo: logo.svg    # in a page bundle, a file beside index.md
---

## La mission

## Le retour d’expérience
`,
	"guide": `scopes: []
sectors: []
tools: []
irritants: []
steps: []           # optional: the titles of the guide's steps, in order
---

Introduction.

## Étape 1
`,
	"journey": `persona: ""         # a persona page's slug or title, or a short description;
                    # set it here only: the journey blocks below take it
sector: ""
scopes: []
---

Introduction du parcours.

` + "```journey" + `
title: %s
phases:
  - name: Avant achat
    stages:
      - name: Je découvre l’offre
        moment_of_truth: true
%s` + "```\n",
	"persona": `role: ""            # e.g. Responsable formation
sector: ""
quote: ""           # a sentence in the persona's words
goals: []
frustrations: []
needs: []
channels: []        # e.g. [téléphone, application mobile]
# image: photo.jpg  # in a page bundle, a file beside index.md
---

Qui est cette personne, ce qu’elle vit et ce qu’elle attend.
`,
	"irritant": `sectors: []
stages: []          # lifecycle stages where it hurts
severity: 3         # 1 (minor) to 5 (critical)
frequency: 3        # 1 (rare) to 5 (daily); priority = severity × frequency
verbatim: []        # what customers say, in their words
remedies: []        # strings, or {text, impact: 1–5, effort: 1–5, status: idea|planned|done, irritants: […]}
kpis: []            # strings, or {name, value, target, unit}
---

Ce que vit le client, et pourquoi c’est un irritant.
`,
}

// Create writes content/<section>/<slug>.md under root and returns its
// path; a case is a page bundle, content/cases/<slug>/index.md, so that its
// logo and pictures go beside it. It refuses to overwrite a file, and to
// write anywhere but in a site (a folder with parcours.toml).
func Create(root, kind, title string, now time.Time) (string, error) {
	if !config.Exists(root) {
		abs, _ := filepath.Abs(root)
		return "", fmt.Errorf("%s is not a site: it has no %s; run parcours new in the site's folder, or give it with -s DIR", abs, config.FileName)
	}
	sec, ok := sections[kind]
	if !ok {
		return "", fmt.Errorf("unknown kind %q: use one of %s", kind, strings.Join(Kinds, ", "))
	}
	s := slug.Make(title)
	if s == "" {
		return "", errors.New("the title needs at least one letter or digit")
	}
	path := filepath.Join(root, "content", sec, s+".md")
	if kind == "case" {
		path = filepath.Join(root, "content", sec, s, "index.md")
	}
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s already exists", path)
	}
	body := bodies[kind]
	if kind == "journey" {
		body = fmt.Sprintf(body, quoteYAML(title), lanes())
	}
	text := fmt.Sprintf(header, title, now.Format("2006-01-02")) + body
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return "", err
	}
	return path, nil
}

func quoteYAML(s string) string { return fmt.Sprintf("%q", s) }

// examples are what a new journey's commented-out lanes show, and why;
// a lane without one shows an empty list.
var examples = map[string][2]string{
	"id":            {"decouverte", "the stage's key in links, instead of its name's slug"},
	"lifecycle":     {"Onboarding", "one of the site's stages"},
	"emotion":       {"0", "-2 (very bad) to 2 (very good)"},
	"volume":        {"80 % des prospects", ""},
	"touchpoints":   {"[Site web]", ""},
	"irritants":     {"[]", "slugs or titles of irritant pages"},
	"opportunities": {"[]", "strings, or {text, impact: 1–5, effort: 1–5, status: idea|planned|done}"},
	"kpis":          {"[]", "strings, or {name, value, target, unit}"},
}

// lanes writes every field a stage may have but its name and its moment
// of truth, commented out, from the parser's own list.
func lanes() string {
	var b strings.Builder
	for _, f := range journey.StageFields(nil) {
		if f.Key == "name" || f.Key == "moment_of_truth" {
			continue
		}
		ex, ok := examples[f.Key]
		if !ok {
			ex[0] = "[]"
		}
		line := fmt.Sprintf("        # %s: %s", f.Key, ex[0])
		if ex[1] != "" {
			line = fmt.Sprintf("%-40s # %s", line, ex[1])
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
