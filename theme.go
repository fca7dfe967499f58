// Package parcours holds what the binary carries with it: the default
// theme, so that a site with only content/ and parcours.toml builds.
package parcours

import (
	"embed"
	"io/fs"
)

//go:embed themes/default
var themes embed.FS

// DefaultTheme is the built-in default theme (layouts/, static/, i18n/).
func DefaultTheme() fs.FS {
	sub, err := fs.Sub(themes, "themes/default")
	if err != nil {
		// The embed pattern above guarantees the folder; failing here is a
		// broken binary, not bad input.
		panic(err)
	}
	return sub
}
