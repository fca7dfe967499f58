// Command parcours builds journey playbooks into a static site.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/parcours/parcours/internal/archetype"
	"github.com/parcours/parcours/internal/build"
	"github.com/parcours/parcours/internal/cache"
	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/output"
	"github.com/parcours/parcours/internal/version"
)

const usage = `parcours builds journey playbooks into a static site.

Usage:
  parcours build  [-s DIR] [-d DIR] [--drafts] [--audience public|internal] [--base-url URL]
                  [--minify] [--relative-urls] [--broken-links error|warn] [--strict-titles]
  parcours serve  [-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--broken-links error|warn]
                  [--strict-titles]
  parcours check  [-s DIR] [--drafts] [--broken-links error|warn] [--strict-titles] [--summary]
                  validate everything, write nothing
  parcours new    case|guide|journey|irritant|persona "Title"
  parcours schema [-s DIR] -o DIR | KIND   JSON Schemas of the frontmatter and the journey block
  parcours version

Run "parcours COMMAND --help" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(args, stdout, stderr)
	case "check":
		return cmdCheck(args, stdout, stderr)
	case "serve":
		return cmdServe(args, stdout, stderr)
	case "new":
		return cmdNew(args, stdout, stderr)
	case "schema":
		return cmdSchema(args, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, version.Get())
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "parcours: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// common flags of build, check and serve.
type common struct {
	root        string
	drafts      bool
	audience    string
	brokenLinks string
	strict      bool
	warnings    int
	// summary holds the warnings back, to be printed grouped by kind.
	summary bool
	held    []diag.Diagnostic
}

func (c *common) register(fs *flag.FlagSet, audience bool) {
	fs.StringVar(&c.root, "s", ".", "site root `DIR`")
	fs.BoolVar(&c.drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&c.strict, "strict-titles", false, "report a page without title: as a problem, instead of titling it from its first # heading or its file name")
	fs.StringVar(&c.brokenLinks, "broken-links", "", "error fails on a broken link; warn prints it, builds anyway and marks it in the page (default: [links] broken of parcours.toml, else error)")
	if audience {
		fs.StringVar(&c.audience, "audience", "public", "public leaves internal pages out; internal builds everything")
	}
}

// parse reads the command's flags into build options; on bad flags it has
// said why and ok is false.
func (c *common) parse(fs *flag.FlagSet, args []string, stderr io.Writer) (opts build.Options, ok bool) {
	if err := fs.Parse(args); err != nil {
		return opts, false
	}
	if c.audience != "" && c.audience != "public" && c.audience != "internal" {
		fmt.Fprintf(stderr, "parcours: --audience must be public or internal, not %q\n", c.audience)
		return opts, false
	}
	if c.brokenLinks != "" && c.brokenLinks != config.Error && c.brokenLinks != config.Warn {
		fmt.Fprintf(stderr, "parcours: --broken-links must be error or warn, not %q\n", c.brokenLinks)
		return opts, false
	}
	return build.Options{Root: c.root, Drafts: c.drafts, Internal: c.audience == "internal", BrokenLinks: c.brokenLinks, StrictTitles: c.strict, Warn: c.warn(stderr)}, true
}

// warn prints a warning the way problems are printed, and counts it.
func (c *common) warn(stderr io.Writer) func(diag.Diagnostic) {
	return func(d diag.Diagnostic) {
		c.warnings++
		if c.summary {
			c.held = append(c.held, d)
			return
		}
		clearProgress(stderr)
		d.Msg = "warning: " + d.Msg
		fmt.Fprintln(stderr, d.Error())
	}
}

// warned says how many warnings the last run printed, after its summary.
func (c *common) warned() string {
	switch c.warnings {
	case 0:
		return ""
	case 1:
		return " (1 warning)"
	}
	return fmt.Sprintf(" (%s warnings)", thousands(c.warnings))
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("parcours "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	var c common
	c.register(fs, true)
	dest := fs.String("d", "", "output `DIR` (default public/ under the site root)")
	baseURL := fs.String("base-url", "", "override baseURL of parcours.toml")
	minify := fs.Bool("minify", false, "minify HTML, CSS, JS, SVG and XML")
	relative := fs.Bool("relative-urls", false, "make every link relative, so the site works opened from disk")
	noCache := fs.Bool("no-cache", false, "build everything again, neither reading nor writing the build cache ("+cache.Dir+"/ under the site root)")
	opts, ok := c.parse(fs, args, stderr)
	if !ok {
		return 2
	}
	opts.BaseURL, opts.Minify, opts.RelativeURLs = *baseURL, *minify, *relative
	if !*noCache {
		opts.Cache = filepath.Join(c.root, cache.Dir)
	}
	opts.Progress = progress(stderr)
	floor := int64(0)
	if opts.Cache != "" && cache.Filled(opts.Cache) {
		floor = warmFloor
	}
	tuneGC(floor)
	if *dest == "" {
		*dest = filepath.Join(c.root, "public")
	}
	start := time.Now()
	disk, err := output.NewDisk(c.root, *dest)
	if err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	// An interrupted build removes its unfinished tree; the previous
	// output is untouched.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer func() { signal.Stop(sigs); close(sigs) }()
	go func() {
		if _, ok := <-sigs; ok {
			output.AbortAll()
			clearProgress(stderr)
			fmt.Fprintln(stderr, "parcours: interrupted; the previous output is unchanged")
			os.Exit(130)
		}
	}()
	stats, err := build.Run(opts, disk)
	clearProgress(stderr)
	if err != nil {
		disk.Abort()
		return report(stderr, err)
	}
	if err := disk.Commit(); err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	reused := ""
	if opts.Cache != "" {
		reused = fmt.Sprintf(", %s reused from the cache", thousands(stats.Reused))
	}
	drafts := ""
	switch stats.Drafts {
	case 0:
	case 1:
		drafts = "; 1 draft left out (--drafts to include it)"
	default:
		drafts = fmt.Sprintf("; %s drafts left out (--drafts to include them)", thousands(stats.Drafts))
	}
	fmt.Fprintf(stdout, "built %s pages (%s files) in %s%s%s%s\n", thousands(stats.Pages), thousands(stats.Files), ms(time.Since(start)), reused, c.warned(), drafts)
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	var c common
	c.register(fs, true)
	fs.BoolVar(&c.summary, "summary", false, "group the problems by kind: a count and three examples of each")
	opts, ok := c.parse(fs, args, stderr)
	if !ok {
		return 2
	}
	start := time.Now()
	err := build.Check(opts)
	if len(c.held) > 0 {
		printGroups(stderr, "warning: ", c.held)
	}
	var de *diag.Errors
	if c.summary && errors.As(err, &de) {
		printGroups(stderr, "", de.List)
		fmt.Fprintf(stderr, "parcours: %s; nothing was written\n", problems(len(de.List)))
		return 1
	}
	if err != nil {
		return report(stderr, err)
	}
	if c.warnings > 0 {
		fmt.Fprintf(stdout, "checked in %s: no errors%s\n", ms(time.Since(start)), c.warned())
		return 0
	}
	fmt.Fprintf(stdout, "checked in %s: no problems\n", ms(time.Since(start)))
	return 0
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stderr)
	root := fs.String("s", ".", "site root `DIR`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(stderr, "usage: parcours new %s \"Title\"\n", strings.Join(archetype.Kinds, "|"))
		return 2
	}
	path, err := archetype.Create(*root, fs.Arg(0), fs.Arg(1), time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	fmt.Fprintln(stdout, "created", path)
	return 0
}

// report prints every problem of a failed build, then a count.
func report(stderr io.Writer, err error) int {
	var de *diag.Errors
	if errors.As(err, &de) {
		for _, d := range de.List {
			fmt.Fprintln(stderr, d.Error())
		}
		fmt.Fprintf(stderr, "parcours: %s; nothing was written\n", problems(len(de.List)))
		return 1
	}
	fmt.Fprintln(stderr, "parcours:", err)
	return 1
}

func problems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return thousands(n) + " problems"
}

// summaryExamples is how many positions check --summary shows of each kind:
// enough to find the pattern, few enough that 600 problems fit a screen.
const summaryExamples = 3

// printGroups prints one line per kind of problem: its count, what it says
// and where the first few are.
func printGroups(w io.Writer, prefix string, ds []diag.Diagnostic) {
	for _, g := range diag.Summarize(ds, summaryExamples) {
		where := make([]string, len(g.Examples))
		for i, d := range g.Examples {
			where[i] = d.Where()
		}
		more := ""
		if g.Count > len(g.Examples) {
			more = ", …"
		}
		fmt.Fprintf(w, "%s%s × %s: %s%s\n", prefix, thousands(g.Count), g.Label, strings.Join(where, ", "), more)
	}
}

// isTerminal reports whether w is an interactive terminal, where progress
// lines are worth showing.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func progress(w io.Writer) func(string) {
	if !isTerminal(w) {
		return nil
	}
	return func(stage string) { fmt.Fprintf(w, "\r\033[K%s…", stage) }
}

func clearProgress(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}

func ms(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%s ms", thousands(int(d.Milliseconds())))
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// thousands writes 1204 as 1,204.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
