package journey

import (
	"sync"
	"testing"

	"github.com/parcours/parcours"
	"github.com/parcours/parcours/internal/render"
)

var (
	themeOnce sync.Once
	theme     *render.Theme
	themeErr  error
)

// defaultTheme is the built-in theme, whose i18n strings and
// partials/journey.html a build gives the journeys.
func defaultTheme(t testing.TB) *render.Theme {
	t.Helper()
	themeOnce.Do(func() {
		theme, themeErr = render.LoadTheme(t.TempDir(), "default", parcours.DefaultTheme(), nil)
	})
	if themeErr != nil {
		t.Fatal(themeErr)
	}
	return theme
}

// options are the options of a page in lang, irritants resolved by
// fakeIrritants.
func options(t testing.TB, lang string) Options {
	th := defaultTheme(t)
	return Options{Irritant: fakeIrritants, T: func(k string) string { return th.T(lang, k) }, Lang: lang}
}

// html renders the figure of j as a page in the default theme shows it.
func html(t testing.TB, j *Journey, o Options) []byte {
	t.Helper()
	b, err := defaultTheme(t).Partial("journey.html", j.Figure(o))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
