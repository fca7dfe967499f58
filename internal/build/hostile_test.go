package build

import (
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parcours/parcours/internal/model"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/publish"
)

// The hostile tests reproduce what a review found a shared repository could
// do to a build: publish a file of the build machine, run script in a
// reader's browser, write extra redirect rules, or have one output
// silently replace another. Each case fails on the code before the fix.

// siteWith is goodSite with some files changed or added ("" removes one).
func siteWith(t *testing.T, changes map[string]string) string {
	t.Helper()
	files := maps.Clone(goodSite)
	for k, v := range changes {
		if v == "" {
			delete(files, k)
			continue
		}
		files[k] = v
	}
	return writeSite(t, files)
}

// symlink makes link (relative to root) point at target.
func symlink(t *testing.T, root, target, link string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(link))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

// wantErrors runs build, check and the dev server's session on root and
// checks that each fails with every wanted text, and never publishes the
// secret.
func wantErrors(t *testing.T, root string, want ...string) {
	t.Helper()
	runs := map[string]func() (*output.Memory, error){
		"build": func() (*output.Memory, error) { return buildTo(t, Options{Root: root}) },
		"check": func() (*output.Memory, error) { return output.NewMemory(), Check(Options{Root: root}) },
		"serve": func() (*output.Memory, error) {
			m := output.NewMemory()
			_, err := NewSession(Options{Root: root, Serve: true}).Build(m)
			return m, err
		},
	}
	for name, run := range runs {
		m, err := run()
		if err == nil {
			t.Errorf("%s: no error, want %q", name, want)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%v\nwant it to contain %q", name, err, w)
			}
		}
		for _, n := range m.Names() {
			if b, _ := m.Get(n); strings.Contains(string(b), "SECRET-OF-THE-BUILD-MACHINE") {
				t.Errorf("%s published %s, which holds the outside file", name, n)
			}
		}
	}
}

func TestSymlinksLeavingTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	os.WriteFile(secret, []byte("SECRET-OF-THE-BUILD-MACHINE\n"), 0o644)
	os.WriteFile(filepath.Join(outside, "page.md"), []byte("---\ntitle: SECRET-OF-THE-BUILD-MACHINE\n---\n"), 0o644)
	cases := []struct{ name, target, link string }{
		{"static file", secret, "static/passwd.txt"},
		{"static folder", outside, "static/etcdir"},
		{"content file", secret, "content/notes.txt"},
		{"bundle resource", secret, "content/cases/bundle/data.txt"},
		{"markdown page", filepath.Join(outside, "page.md"), "content/guides/outside.md"},
		{"layout", secret, "layouts/partials/footer.html"},
		{"relative link out", "../../../" + filepath.Base(outside) + "/passwd", "static/rel.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := siteWith(t, nil)
			target := tc.target
			if strings.HasPrefix(target, "../") {
				// Relative to the link's folder: make it reach outside.
				rel, err := filepath.Rel(filepath.Join(root, "static"), secret)
				if err != nil {
					t.Fatal(err)
				}
				target = rel
			}
			symlink(t, root, target, tc.link)
			realSecret, _ := filepath.EvalSymlinks(filepath.Dir(secret))
			wantErrors(t, root, tc.link+": symlink to "+realSecret, "leaves the site; copy the file in instead")
		})
	}
}

func TestSymlinksInsideTheSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	root := siteWith(t, map[string]string{"assets/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"inside\"/>"})
	symlink(t, root, "../assets/logo.svg", "static/logo.svg")
	symlink(t, root, "../assets", "static/shared")
	m, err := buildTo(t, Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"logo.svg", "shared/logo.svg"} {
		if b, ok := m.Get(n); !ok || !strings.Contains(string(b), "inside") {
			t.Errorf("%s: a link inside the site is not followed (%q)", n, b)
		}
	}

	// A folder linking to its own parent would be walked forever.
	loop := siteWith(t, nil)
	os.MkdirAll(filepath.Join(loop, "static", "a"), 0o755)
	symlink(t, loop, "..", "static/a/up")
	wantErrors(t, loop, "static/a/up: symlink to", "makes a loop")

	// Two folders linking to each other.
	two := siteWith(t, nil)
	os.MkdirAll(filepath.Join(two, "static", "x"), 0o755)
	os.MkdirAll(filepath.Join(two, "static", "y"), 0o755)
	symlink(t, two, "../y", "static/x/to-y")
	symlink(t, two, "../x", "static/y/to-x")
	wantErrors(t, two, "makes a loop")

	broken := siteWith(t, nil)
	symlink(t, broken, "nowhere.css", "static/gone.css")
	wantErrors(t, broken, "static/gone.css: symlink to nowhere.css cannot be followed")
}

func TestLanguageAndAliasEscapes(t *testing.T) {
	root := siteWith(t, map[string]string{
		"content/guides/guide-a.md": "---\ntitle: Guide A\nlanguage: \"fr\\\"><script>alert(1)</script>\"\naliases: [/ancien/]\n---\n\n## Étape 1\n",
	})
	wantErrors(t, root, "content/guides/guide-a.md:3:11: language \"fr\\\"><script>alert(1)</script>\" is not a BCP 47 language tag")

	cfg := siteWith(t, map[string]string{"parcours.toml": "title = \"T\"\nlanguage = \"fr<x>\"\n"})
	wantErrors(t, cfg, "parcours.toml:2:1: language \"fr<x>\" is not a BCP 47 language tag")

	// A title full of markup is escaped on the alias page, which comes
	// from the theme's alias.html.
	ok := siteWith(t, map[string]string{
		"content/guides/guide-a.md": "---\ntitle: \"A </title><script>alert(1)</script>\"\nlanguage: en-GB\naliases: [/ancien/, /vieux-été/]\n---\n\n## Étape 1\n",
	})
	m, err := buildTo(t, Options{Root: ok})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := m.Get("ancien/index.html")
	if strings.Contains(string(page), "<script>") || !strings.Contains(string(page), `lang="en-GB"`) || !strings.Contains(string(page), `url=/guides/guide-a/`) {
		t.Errorf("alias page:\n%s", page)
	}
	redirects, _ := m.Get("_redirects")
	if want := "/ancien/ /guides/guide-a/ 301\n/vieux-%C3%A9t%C3%A9/ /guides/guide-a/ 301\n"; string(redirects) != want {
		t.Errorf("_redirects:\n%q\nwant\n%q", redirects, want)
	}

	// Overridden by the site.
	custom := siteWith(t, map[string]string{
		"content/guides/guide-a.md": "---\ntitle: Guide A\naliases: [/ancien/]\n---\n\n## Étape 1\n",
		"layouts/alias.html":        "<!DOCTYPE html><title>{{.Title}}</title><p>Moved to {{.Target}}</p>",
	})
	m, err = buildTo(t, Options{Root: custom})
	if err != nil {
		t.Fatal(err)
	}
	if page, _ := m.Get("ancien/index.html"); !strings.Contains(string(page), "Moved to /guides/guide-a/") {
		t.Errorf("layouts/alias.html not used:\n%s", page)
	}
}

func TestAliasesAreURLPaths(t *testing.T) {
	for _, tc := range []struct{ alias, want string }{
		{`"/a\n/* /guides/onboarding/ 200!"`, "is not a path: it contains white space"},
		{`"/old page/"`, "is not a path: it contains white space"},
		{`"/old\0page/"`, "is not a path: it contains the control character U+0000"},
		{`"/*"`, `is not a path: it contains '*'`},
		{`"/old!"`, `is not a path: it contains '!'`},
		{`"/:splat/"`, `is not a path: it contains ':'`},
		{`"/a?b=1"`, `is not a path: it contains '?'`},
		{`"/a#b"`, `is not a path: it contains '#'`},
		{`"https://evil.example/"`, "must be a path on this site"},
	} {
		root := siteWith(t, map[string]string{
			"content/guides/guide-a.md": "---\ntitle: Guide A\naliases: [" + tc.alias + "]\n---\n",
		})
		_, err := buildTo(t, Options{Root: root})
		if err == nil || !strings.Contains(err.Error(), "content/guides/guide-a.md:3:11: alias") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("alias %s: got %v, want %q", tc.alias, err, tc.want)
		}
	}
	// No alias, no _redirects.
	m, err := buildTo(t, Options{Root: siteWith(t, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Get("_redirects"); ok {
		t.Error("_redirects written with no rule in it")
	}
}

func TestOutputsThatCollide(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"static page over the home page", map[string]string{"static/index.html": "<p>mine</p>"},
			[]string{"content/_index.md: index.html would be written twice, from here and from static/index.html"}},
		{"content robots.txt", map[string]string{"content/robots.txt": "User-agent: *\nDisallow: /\n"},
			[]string{"content/robots.txt: robots.txt would be written twice, from here and generated by parcours"}},
		{"bundle index.html", map[string]string{"content/cases/bundle/index.html": "<p>mine</p>"},
			[]string{"content/cases/bundle/index.html: cases/bundle/index.html would be written twice, from here and from content/cases/bundle/index.md"}},
		{"names differing by case", map[string]string{"content/guides/other.md": "---\ntitle: Other\nslug: Guide-A\n---\n"},
			[]string{"content/guides/other.md:3: content/guides/guide-a.md (published at /guides/guide-a/) and content/guides/other.md (published at /guides/Guide-A/) differ only by case"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantErrors(t, siteWith(t, tc.files), tc.want...)
		})
	}
}

// TestEncodedURLs checks that a slug with a space or an accent reaches the
// sitemap and the feeds percent-encoded.
func TestEncodedURLs(t *testing.T) {
	m, err := buildTo(t, Options{Root: siteWith(t, map[string]string{
		"content/guides/mon-guide.md": "---\ntitle: Mon guide\nslug: mon guide été\ndate: 2024-03-01\n---\nTexte.\n",
	})})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"sitemap.xml", "atom.xml", "guides/atom.xml"} {
		b, _ := m.Get(n)
		if !strings.Contains(string(b), "https://x.org/guides/mon%20guide%20%C3%A9t%C3%A9/") || strings.Contains(string(b), "mon guide") {
			t.Errorf("%s does not hold the encoded URL:\n%s", n, b)
		}
	}
}

// FuzzAliasRedirect checks that whatever an alias holds, either it is
// refused or its _redirects rule is one line of three fields, whose first
// holds none of Netlify's special characters and decodes back to the
// alias's path.
func FuzzAliasRedirect(f *testing.F) {
	for _, s := range []string{"/ancien/", "/a\n/* /x/ 200!", "/vieux été/", "/a b", "/x\x00y", "/:splat", "/é/", "/%2F/", "../../etc", "/a//b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, alias string) {
		u, err := model.AliasURL(alias)
		if err != nil {
			return
		}
		rule := publish.RedirectRule("/sub/", u, "/guides/onboarding/")
		if strings.Count(rule, "\n") != 1 || !strings.HasSuffix(rule, "\n") {
			t.Fatalf("alias %q: rule %q is not one line", alias, rule)
		}
		fields := strings.Split(strings.TrimSuffix(rule, "\n"), " ")
		if len(fields) != 3 || fields[1] != "/sub/guides/onboarding/" || fields[2] != "301" {
			t.Fatalf("alias %q: rule %q is not from, to, 301", alias, rule)
		}
		if strings.ContainsAny(fields[0], "*!:?# \t\r\x00") {
			t.Fatalf("alias %q: rule %q holds a special character", alias, rule)
		}
		from, err := url.PathUnescape(fields[0])
		if err != nil || from != "/sub/"+strings.TrimPrefix(u, "/") {
			t.Fatalf("alias %q: rule %q decodes to %q (%v), want %q", alias, rule, from, err, u)
		}
	})
}
