package parcours

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/parcours/parcours/internal/search/indexfile"
)

// The deploy recipes are copied as they are, so they must keep up with the
// repository: the Go they install is go.mod's, and they pin one parcours
// release. actionlint checks the GitHub workflow in .ci/run; GitLab's
// linter needs a GitLab server, so the GitLab job is checked here against
// the keywords GitLab documents.

// goVersion is go.mod's go line: 1.26.8.
func goVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go ([0-9.]+)$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	return string(m[1])
}

// minor is 1.26 of 1.26.8: the images and setup-go take the newest patch.
func minor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	return parts[0] + "." + parts[1]
}

func readYAML(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// gitlabGlobal and gitlabJob are the keywords of GitLab's CI/CD YAML
// reference; any other top-level key is a job.
var (
	gitlabGlobal = []string{"default", "include", "stages", "variables", "workflow", "spec",
		"image", "services", "cache", "before_script", "after_script"}
	gitlabJob = []string{"after_script", "allow_failure", "artifacts", "before_script", "cache",
		"coverage", "dast_configuration", "dependencies", "environment", "extends", "hooks",
		"id_tokens", "identity", "image", "inherit", "interruptible", "manual_confirmation", "needs",
		"only", "except", "pages", "parallel", "release", "resource_group", "retry", "rules",
		"script", "secrets", "services", "stage", "tags", "timeout", "trigger", "variables", "when"}
)

func TestGitLabRecipe(t *testing.T) {
	doc := readYAML(t, "docs/deploy/gitlab-ci.yml")
	job, ok := doc["pages"].(map[string]any)
	if !ok {
		t.Fatal("no pages job: GitLab publishes Pages from the job named pages")
	}
	for key, v := range doc {
		if slices.Contains(gitlabGlobal, key) {
			continue
		}
		fields, ok := v.(map[string]any)
		if !ok {
			t.Errorf("top-level %q is neither a GitLab keyword nor a job", key)
			continue
		}
		for f := range fields {
			if !slices.Contains(gitlabJob, f) {
				t.Errorf("job %s: %q is not a GitLab job keyword", key, f)
			}
		}
	}
	if want := "golang:" + minor(goVersion(t)); job["image"] != want {
		t.Errorf("pages image = %v, want %s (go.mod's Go)", job["image"], want)
	}
	artifacts, _ := job["artifacts"].(map[string]any)
	paths, _ := artifacts["paths"].([]any)
	if !slices.Contains(paths, any("public")) {
		t.Errorf("pages artifacts paths = %v, want public, the folder GitLab Pages serves", paths)
	}
	script, _ := job["script"].([]any)
	if !slices.ContainsFunc(script, func(s any) bool { return strings.Contains(s.(string), "parcours build") }) {
		t.Errorf("pages script %v does not run parcours build", script)
	}
}

func TestRecipesFollowTheRepository(t *testing.T) {
	goVer := goVersion(t)
	gh := readYAML(t, "docs/deploy/github-pages.yml")
	gl := readYAML(t, "docs/deploy/gitlab-ci.yml")

	var setupGo any
	build := gh["jobs"].(map[string]any)["build"].(map[string]any)
	for _, s := range build["steps"].([]any) {
		step := s.(map[string]any)
		if uses, _ := step["uses"].(string); strings.HasPrefix(uses, "actions/setup-go@") {
			setupGo = step["with"].(map[string]any)["go-version"]
		}
	}
	if setupGo != minor(goVer) {
		t.Errorf("GitHub workflow sets up Go %v, want %s (go.mod's)", setupGo, minor(goVer))
	}

	ghVersion := gh["env"].(map[string]any)["PARCOURS_VERSION"]
	glVersion := gl["variables"].(map[string]any)["PARCOURS_VERSION"]
	if ghVersion != glVersion {
		t.Errorf("the recipes install parcours %v (GitHub) and %v (GitLab): one release for both", ghVersion, glVersion)
	}

	b, err := os.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var netlify struct {
		Build struct {
			Environment map[string]string
		}
	}
	if err := toml.Unmarshal(b, &netlify); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if got := netlify.Build.Environment["GO_VERSION"]; got != goVer {
		t.Errorf("netlify.toml GO_VERSION = %q, want %s (go.mod's)", got, goVer)
	}
}

// TestNetlifyCaching: what netlify.toml caches for a year must be named by
// its content, and what names the others (entry.js of the search index)
// must be cached briefly, or readers would query a stale index.
func TestNetlifyCaching(t *testing.T) {
	b, err := os.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var netlify struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if err := toml.Unmarshal(b, &netlify); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	// cacheControl is the header of the last rule matching a path, a
	// trailing * matching the rest of it as Netlify's splat does.
	cacheControl := func(p string) string {
		got := ""
		for _, h := range netlify.Headers {
			prefix, splat := strings.CutSuffix(h.For, "*")
			if p == h.For || splat && strings.HasPrefix(p, prefix) && !strings.Contains(prefix, "*") {
				got = h.Values["Cache-Control"]
			}
		}
		return got
	}
	tests := []struct {
		path      string
		immutable bool
	}{
		{"/search/index/" + indexfile.EntryPath, false},
		{"/search/index/" + indexfile.ShardPath(3), true},
		{"/search/index/" + indexfile.TailPath(7), true},
		{"/search/index/" + indexfile.DocsPath(12), true},
		{"/search/index/" + indexfile.FacetPath(0), true},
	}
	for _, tt := range tests {
		cc := cacheControl(tt.path)
		if cc == "" {
			t.Errorf("%s: no Cache-Control rule", tt.path)
			continue
		}
		if got := strings.Contains(cc, "immutable"); got != tt.immutable {
			t.Errorf("%s: Cache-Control %q, immutable = %v, want %v", tt.path, cc, got, tt.immutable)
		}
	}
}
