package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/diag"
)

// CheckAliases refuses aliases that are not paths of this site or take a
// page's place.
func CheckAliases(pages []*content.Page) []diag.Diagnostic {
	var ds []diag.Diagnostic
	// owner is the page at an address, or the alias that claimed it.
	type owner struct {
		path  string
		alias *content.Ref
	}
	taken := map[string]owner{}
	for _, p := range pages {
		taken[p.URL] = owner{path: p.Path}
	}
	for _, p := range pages {
		for i, a := range p.Aliases {
			u, err := AliasURL(a.Text)
			if err != nil {
				ds = append(ds, diag.At(p.Path, a.Line, a.Col, "alias %q %v", a.Text, err))
				continue
			}
			other, ok := taken[u]
			switch {
			case ok && other.alias != nil:
				ds = append(ds, diag.At(p.Path, a.Line, a.Col, "alias %q is already an alias of %s:%d:%d: keep it on one page", a.Text, other.path, other.alias.Line, other.alias.Col))
			case ok:
				ds = append(ds, diag.At(p.Path, a.Line, a.Col, "alias %q is the address of %s: remove it or rename that page", a.Text, other.path))
			default:
				taken[u] = owner{path: p.Path, alias: &p.Aliases[i]}
			}
		}
	}
	return ds
}

// HasAliases reports whether a page has an alias, which is when _redirects
// has a rule to hold.
func HasAliases(pages []*content.Page) bool {
	for _, p := range pages {
		if len(p.Aliases) > 0 {
			return true
		}
	}
	return false
}

// AliasURL cleans an alias into a folder URL. An alias is written into
// _redirects, one rule a line with space-separated fields, where * is a
// splat, ! forces a rule and :name is a placeholder: none of them, nor any
// white space or control character, may reach it from a page.
func AliasURL(a string) (string, error) {
	if strings.Contains(a, "://") {
		return "", fmt.Errorf("must be a path on this site, such as /old/address/")
	}
	for _, r := range a {
		var what string
		switch {
		case unicode.IsSpace(r):
			what = "white space"
		case unicode.IsControl(r) || r == utf8.RuneError:
			what = fmt.Sprintf("the control character %U", r)
		case strings.ContainsRune("*!:?#", r):
			what = fmt.Sprintf("%q", r)
		default:
			continue
		}
		return "", fmt.Errorf("is not a path: it contains %s; write it as a path such as /old/address/", what)
	}
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == ".." || seg == "." || strings.ContainsAny(seg, `\`) {
			return "", fmt.Errorf("must not contain %q: write the path from the site root, such as /old/address/", seg)
		}
	}
	t := strings.Trim(a, "/")
	if t == "" {
		return "", fmt.Errorf("cannot be the home page")
	}
	return "/" + t + "/", nil
}
