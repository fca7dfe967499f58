package model

import (
	"cmp"
	"slices"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/render"
)

// translations gives each page that has translations (the pages sharing
// its translationKey) the list of them, itself included, by language.
func (s *Site) translations() map[*content.Page][]render.Translation {
	byKey := map[string][]*content.Page{}
	for _, p := range s.Regular {
		if p.TranslationKey != "" {
			byKey[p.TranslationKey] = append(byKey[p.TranslationKey], p)
		}
	}
	out := map[*content.Page][]render.Translation{}
	for _, pages := range byKey {
		if len(pages) < 2 {
			continue
		}
		var list []render.Translation
		for _, p := range pages {
			lang := s.Lang(p)
			list = append(list, render.Translation{Lang: lang, Name: s.languageName(lang), URL: p.URL, Title: p.Title})
		}
		slices.SortFunc(list, func(a, b render.Translation) int { return cmp.Compare(a.Lang, b.Lang) })
		for _, p := range pages {
			out[p] = list
		}
	}
	return out
}

// languageName names a language in itself (Français, English), as a
// reader looks for it; a language the theme has no strings for is named
// by its tag.
func (s *Site) languageName(lang string) string {
	name := s.T(lang, "language_name")
	if name == "language_name" || (lang != "en" && name == s.T("en", "language_name")) {
		return lang
	}
	return name
}

// CheckTranslations refuses two pages of one translationKey in one
// language: a reader switching language could not tell which is meant.
func (s *Site) CheckTranslations() []diag.Diagnostic {
	var ds []diag.Diagnostic
	seen := map[[2]string]*content.Page{}
	for _, p := range s.Regular {
		if p.TranslationKey == "" {
			continue
		}
		k := [2]string{p.TranslationKey, s.Lang(p)}
		if other, ok := seen[k]; ok {
			ds = append(ds, diag.At(p.Path, p.FieldLine["translationKey"], 1,
				"translationKey %q in %s is also %s's: give one of them another language or key", p.TranslationKey, k[1], other.Path))
			continue
		}
		seen[k] = p
	}
	return ds
}
