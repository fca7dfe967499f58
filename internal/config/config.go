// Package config reads parcours.toml, the site configuration.
//
// Every key has a default, so a file holding only a title builds. An unknown
// key or a value of the wrong type is reported at its line, with the closest
// known key suggested.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/langtag"
	"github.com/parcours/parcours/internal/sitefs"
	"github.com/parcours/parcours/internal/suggest"
	"github.com/parcours/parcours/internal/textfile"
)

// FileName is the configuration file at the site root.
const FileName = "parcours.toml"

// Config is the site configuration. Field tags are the keys of parcours.toml.
type Config struct {
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	BaseURL     string   `toml:"baseURL"`
	Language    string   `toml:"language"`
	Theme       string   `toml:"theme"`
	Taxonomies  []string `toml:"taxonomies"`
	Stages      []string `toml:"stages"`
	Paginate    int      `toml:"paginate"`
	UnsafeHTML  bool     `toml:"unsafeHTML"`
	Author      string   `toml:"author"`
	Image       string   `toml:"image"`
	// EditURL, when set, is the start of each page's "edit this page"
	// link; the page's source path (content/cases/x.md) is appended.
	EditURL string `toml:"editURL"`
	// EnableGitInfo dates a page without lastmod by its file's last
	// commit.
	EnableGitInfo bool    `toml:"enableGitInfo"`
	Links         Links   `toml:"links"`
	Journey       Journey `toml:"journey"`
}

// Journey is the [journey] table: what a site adds to its journey blocks.
type Journey struct {
	// Lanes are list lanes a stage may fill besides the built-in ones.
	Lanes []Lane `toml:"lanes"`
	// PNG writes each map as a .png too: drawing and encoding one costs
	// far more than the rest of its page, so it is asked for.
	PNG bool `toml:"png"`
}

// Lane is a lane a site declares: its key in a stage, its label in each
// language, and the lane it follows (its order; "" puts it after the
// customer's lanes, before the service blueprint's).
type Lane struct {
	Key   string            `toml:"key"`
	Label map[string]string `toml:"label"`
	After string            `toml:"after"`
}

// LabelIn is the lane's label in a language, else in the site's, else its
// key.
func (l Lane) LabelIn(lang, site string) string {
	if s := l.Label[lang]; s != "" {
		return s
	}
	if s := l.Label[site]; s != "" {
		return s
	}
	return l.Key
}

// Links is the [links] table: what a broken reference does.
type Links struct {
	// Broken is Error (the default: the build fails) or Warn (the build
	// goes on and the page marks the link).
	Broken string `toml:"broken"`
}

// The values of [links] broken.
const (
	Error = "error"
	Warn  = "warn"
)

// Default returns the configuration used for every key the file leaves out.
func Default() Config {
	return Config{
		Title:      "Playbooks",
		BaseURL:    "/",
		Language:   "fr",
		Theme:      "default",
		Taxonomies: []string{"scopes", "tools", "sectors", "tags", "clients"},
		Stages:     []string{"Achat", "Onboarding", "Adoption", "Rétention", "Expansion", "Advocacy"},
		Paginate:   20,
		Links:      Links{Broken: Error},
	}
}

// keys lists the known keys, for suggestions.
var keys = []string{"title", "description", "baseURL", "language", "theme", "taxonomies",
	"stages", "paginate", "unsafeHTML", "author", "image", "editURL", "enableGitInfo", "links", "links.broken",
	"journey", "journey.png", "journey.lanes", "journey.lanes.key", "journey.lanes.label", "journey.lanes.after"}

// Load reads parcours.toml in dir. A missing file is an error: it is what
// marks a folder as a site root.
func Load(dir string) (Config, error) {
	data, err := sitefs.ReadFile(dir, FileName)
	if err != nil {
		var d diag.Diagnostic
		if errors.As(err, &d) {
			return Config{}, &diag.Errors{List: []diag.Diagnostic{d}}
		}
		if errors.Is(err, os.ErrNotExist) {
			return Config{}, &diag.Errors{List: []diag.Diagnostic{diag.At(FileName, 0, 0,
				"no %s in %s: is this the site root? (use -s DIR)", FileName, dir)}}
		}
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	return Parse(FileName, data)
}

// Exists reports whether dir holds a parcours.toml.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, FileName))
	return err == nil
}

// Parse reads a configuration from data; name is used in diagnostics.
func Parse(name string, data []byte) (Config, error) {
	cfg := Default()
	data, err := textfile.UTF8(data)
	if err != nil {
		return cfg, &diag.Errors{List: []diag.Diagnostic{diag.At(name, 0, 0, "%v", err)}}
	}
	if !utf8.Valid(data) {
		return cfg, &diag.Errors{List: []diag.Diagnostic{diag.At(name, 0, 0, "file is not valid UTF-8")}}
	}
	var list diag.List
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	err = dec.Decode(&cfg)
	var strict *toml.StrictMissingError
	var decErr *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			row, col := e.Position()
			key := strings.Join(e.Key(), ".")
			msg := fmt.Sprintf("unknown key %q", key)
			if s := suggest.Closest(key, keys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			list.Addf(name, row, col, "%s", msg)
		}
	case errors.As(err, &decErr):
		row, col := decErr.Position()
		list.Addf(name, row, col, "%s", decErrMessage(decErr))
	case err != nil:
		list.Addf(name, 0, 0, "%v", err)
	}
	cfg.check(name, data, &list)
	return cfg, list.Err()
}

// decErrMessage drops go-toml's "toml: " prefix and Go type names, which mean
// nothing to an author.
func decErrMessage(e *toml.DecodeError) string {
	msg := strings.TrimPrefix(e.Error(), "toml: ")
	if strings.Contains(msg, "cannot decode") || strings.Contains(msg, "cannot store") {
		key := strings.Join(e.Key(), ".")
		if key == "" {
			return msg
		}
		return fmt.Sprintf("%s has the wrong type: %s", key, example(key))
	}
	return msg
}

func example(key string) string {
	switch key {
	case "taxonomies", "stages":
		return key + ` = ["…", "…"]`
	case "paginate":
		return "paginate = 20"
	case "unsafeHTML", "enableGitInfo":
		return key + " = false"
	default:
		return key + ` = "…"`
	}
}

// check validates values that decode but make no sense.
func (c *Config) check(name string, data []byte, list *diag.List) {
	if c.Paginate < 1 {
		list.Addf(name, keyLine(data, "paginate"), 1, "paginate must be at least 1: paginate = 20")
	}
	if c.Language == "" {
		c.Language = "fr"
	} else if err := langtag.Check(c.Language); err != nil {
		list.Addf(name, keyLine(data, "language"), 1, "%v", err)
	}
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == ".." {
		list.Addf(name, keyLine(data, "theme"), 1, "theme must be a folder name under themes/: theme = \"default\"")
	}
	if c.Links.Broken != Error && c.Links.Broken != Warn {
		list.Addf(name, keyLine(data, "broken"), 1, "[links] broken must be \"error\" or \"warn\", not %q: broken = \"warn\"", c.Links.Broken)
		c.Links.Broken = Error
	}
	c.checkLanes(name, data, list)
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if !strings.HasPrefix(c.BaseURL, "/") && !strings.Contains(c.BaseURL, "://") {
		list.Addf(name, keyLine(data, "baseURL"), 1, "baseURL must be an absolute URL or a path: baseURL = \"https://playbooks.example.org/\"")
	}
}

// keyLine finds the line of a top-level key, for checks made after
// decoding. go-toml matches keys to fields ignoring case, and a key may be
// quoted: so does this.
func keyLine(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		k, _, ok := strings.Cut(line, "=")
		if ok && strings.EqualFold(strings.Trim(strings.TrimSpace(k), `"'`), key) {
			return i + 1
		}
	}
	return 0
}

// laneKey is what a lane key may be: a YAML key a stage can hold.
var laneKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkLanes checks the keys of [journey] lanes; whether one is a built-in
// lane's, or follows a lane that does not exist, the journey stage checks.
func (c *Config) checkLanes(name string, data []byte, list *diag.List) {
	if len(c.Journey.Lanes) == 0 {
		c.Journey.Lanes = nil
	}
	seen := map[string]bool{}
	for _, l := range c.Journey.Lanes {
		line := valueLine(data, "key", l.Key)
		switch {
		case !laneKey.MatchString(l.Key):
			list.Addf(name, line, 1, "[journey] lanes: key %q must be lower-case letters, digits and _, starting with a letter: key = \"emotions_equipe\"", l.Key)
		case seen[l.Key]:
			list.Addf(name, line, 1, "[journey] lanes: key %q is declared twice", l.Key)
		}
		seen[l.Key] = true
	}
}

// LaneLine is the line of parcours.toml in dir where a lane of [journey]
// lanes is declared, for the problems later stages find with it; 0 when it
// cannot be told.
func LaneLine(dir, key string) int {
	data, err := sitefs.ReadFile(dir, FileName)
	if err != nil {
		return 0
	}
	return valueLine(data, "key", key)
}

// valueLine finds the line where key is given value, as in
// key = "value", alone or in an inline table.
func valueLine(data []byte, key, value string) int {
	quoted := regexp.MustCompile(`\b` + regexp.QuoteMeta(key) + `\s*=\s*["']` + regexp.QuoteMeta(value) + `["']`)
	for i, line := range strings.Split(string(data), "\n") {
		if quoted.MatchString(line) {
			return i + 1
		}
	}
	return 0
}
