// Package langtag checks language tags, which parcours writes into lang
// attributes, feeds and alias pages: only a well-formed BCP 47 tag may
// reach them.
package langtag

import (
	"fmt"

	"golang.org/x/text/language"
)

// Check returns an error saying what to write when s is not a BCP 47 tag.
func Check(s string) error {
	if _, err := language.Parse(s); err != nil {
		return fmt.Errorf("language %q is not a BCP 47 language tag: write one such as fr, en or fr-CA", s)
	}
	return nil
}
