// Command releaser writes the release archives of parcours; scripts/release
// runs it.
//
//	scripts/release [-dist DIR] [-check=false] VERSION
//
// It builds HEAD, not the work tree: the commit is cloned into a temporary
// folder (uncommitted changes are left out, with a warning) and parcours is
// cross-compiled there for each target with CGO disabled, -trimpath,
// -buildvcs=true (commit and commit time go into the binary, which
// parcours version prints) and -ldflags "-s -w -X …version=VERSION". Each
// binary goes into an archive with the commit's README.md and LICENSE:
// .tar.gz for Linux and macOS, .zip for Windows, with every entry's time set
// to SOURCE_DATE_EPOCH (default: the commit's time), owner 0, fixed modes
// and a fixed order, so the archives depend only on the commit, the version
// and the Go toolchain. SHA256SUMS lists them in the format sha256sum -c
// reads.
//
// With -check (the default) everything is built a second time, into another
// folder, and the archives are compared byte for byte: the release fails if
// any differs. The second pass shares Go's build cache, so it proves the
// link and the archives reproducible; to rebuild every package too, run the
// script with GOCACHE set to an empty folder and compare SHA256SUMS with a
// previous run's.
//
// A plain Go program rather than GoReleaser: GoReleaser 2.15 does install
// from the Go module proxy, but it is 309 modules and took 28 minutes to
// compile on the project's shared 2-core machine, a cost for every fresh CI
// machine, while what a release needs (five go builds, tar, zip, sha256) is
// the standard library's. Written in Go, the script also runs the same on
// Linux, macOS and Windows, with no system tar or zip whose flags differ.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// target is a platform a release ships for; name is the one in the
// archive's name, which says macos where Go says darwin.
type target struct{ goos, goarch, name string }

var targets = []target{
	{"linux", "amd64", "linux"},
	{"linux", "arm64", "linux"},
	{"darwin", "amd64", "macos"},
	{"darwin", "arm64", "macos"},
	{"windows", "amd64", "windows"},
}

// versionVar is the variable -X sets; internal/version prints it.
const versionVar = "github.com/parcours/parcours/internal/version.version"

// semver accepts 0.2.0 and 1.0.0-rc.1; the number goes into file names and
// the binary, so nothing else is let through.
var semver = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$`)

func main() {
	dist := flag.String("dist", "dist", "output `DIR`; an earlier release there is replaced")
	check := flag.Bool("check", true, "build a second time and compare the archives byte for byte")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: scripts/release [-dist DIR] [-check=false] VERSION")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *dist, *check, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version, dist string, check bool, log io.Writer) error {
	if !semver.MatchString(version) {
		return fmt.Errorf("version %q is not of the form 1.2.3 or 1.2.3-rc.1", version)
	}
	// Checked before the builds, which take minutes, and again before
	// writing.
	if err := checkDist(dist); err != nil {
		return err
	}
	repo, err := git("", "rev-parse", "--show-toplevel")
	if err != nil {
		return err
	}
	head, err := git(repo, "rev-parse", "HEAD")
	if err != nil {
		return err
	}
	if dirty, err := git(repo, "status", "--porcelain", "--untracked-files=no"); err != nil {
		return err
	} else if dirty != "" {
		fmt.Fprintf(log, "warning: uncommitted changes are not in the release, which builds HEAD (%s)\n", head[:12])
	}
	epoch, err := sourceDateEpoch(repo, head)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "parcours-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "src")
	if _, err := git("", "clone", "--quiet", "--no-checkout", repo, src); err != nil {
		return err
	}
	if _, err := git(src, "checkout", "--quiet", "--detach", head); err != nil {
		return err
	}
	r := release{version: version, src: src, mtime: time.Unix(epoch, 0).UTC()}
	first := filepath.Join(work, "dist")
	if err := r.build(first, log); err != nil {
		return err
	}
	if check {
		again := filepath.Join(work, "again")
		if err := r.build(again, log); err != nil {
			return err
		}
		if err := sameFiles(first, again); err != nil {
			return fmt.Errorf("the release is not reproducible: %w", err)
		}
		fmt.Fprintln(log, "second build identical, byte for byte")
	}
	if err := smoke(first, version, head, log); err != nil {
		return err
	}
	return publish(first, dist, log)
}

// git runs git in dir and returns its output, trimmed.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// sourceDateEpoch is the time stamped on every archive entry: the
// SOURCE_DATE_EPOCH of reproducible-builds.org when set, else the commit's.
func sourceDateEpoch(repo, head string) (int64, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		var err error
		if s, err = git(repo, "log", "-1", "--format=%ct", head); err != nil {
			return 0, err
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("SOURCE_DATE_EPOCH %q: %w", s, err)
	}
	return n, nil
}

// release is one version built from one checkout.
type release struct {
	version string
	src     string // the clean checkout
	mtime   time.Time
}

// ldflags strips the symbol table and DWARF (a third of the size; panics
// still print their stack) and sets the release number.
func (r release) ldflags() string {
	return fmt.Sprintf("-s -w -X %s=%s", versionVar, r.version)
}

func (t target) archive(version string) string {
	ext := ".tar.gz"
	if t.goos == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("parcours_%s_%s_%s%s", version, t.name, t.goarch, ext)
}

// build writes every archive and SHA256SUMS into out.
func (r release) build(out string, log io.Writer) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var docs []file
	for _, name := range []string{"LICENSE", "README.md"} {
		b, err := os.ReadFile(filepath.Join(r.src, name))
		if err != nil {
			return fmt.Errorf("the archives need %s at the repository's root: %w", name, err)
		}
		docs = append(docs, file{name: name, mode: 0o644, data: b})
	}
	var sums strings.Builder
	for _, t := range targets {
		bin, err := r.compile(t)
		if err != nil {
			return err
		}
		exe := "parcours"
		write := writeTarGz
		if t.goos == "windows" {
			exe, write = "parcours.exe", writeZip
		}
		files := append([]file{{name: exe, mode: 0o755, data: bin}}, docs...)
		var b bytes.Buffer
		if err := write(&b, files, r.mtime); err != nil {
			return fmt.Errorf("%s: %w", t.archive(r.version), err)
		}
		name := t.archive(r.version)
		if err := os.WriteFile(filepath.Join(out, name), b.Bytes(), 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(b.Bytes())
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
		fmt.Fprintf(log, "%-40s %6.1f MiB\n", name, float64(b.Len())/(1<<20))
	}
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644)
}

// compile builds parcours for t and returns the binary. The environment is
// pinned where it could change the bytes: GOFLAGS, GOAMD64 and GOARM64 of
// the caller's shell are replaced.
func (r release) compile(t target) ([]byte, error) {
	// Outside the checkout: an untracked file there would make Go stamp
	// the binary as built from a modified tree.
	bin := filepath.Join(filepath.Dir(r.src), "bin-"+t.goos+"-"+t.goarch)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true", "-ldflags", r.ldflags(), "-o", bin, "./cmd/parcours")
	cmd.Dir = r.src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.goos, "GOARCH="+t.goarch,
		"GOFLAGS=", "GOAMD64=v1", "GOARM64=v8.0", "GOEXPERIMENT=", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build for %s/%s: %w\n%s", t.goos, t.goarch, err, out)
	}
	defer os.Remove(bin)
	return os.ReadFile(bin)
}

// file is one entry of an archive.
type file struct {
	name string
	mode fs.FileMode
	data []byte
}

// writeTarGz writes files, in the order given, as a gzip-compressed tar
// whose bytes depend on nothing else: fixed time, owner 0 with no names,
// and no name or time in the gzip header.
func writeTarGz(w io.Writer, files []file, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     f.name,
			Mode:     int64(f.mode.Perm()),
			Size:     int64(len(f.data)),
			ModTime:  mtime,
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes files, in the order given, as a zip with fixed times and
// Unix modes (so unzip on Linux or macOS keeps the binary executable).
func writeZip(w io.Writer, files []file, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(f.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sameFiles reports the first difference between two folders' files.
func sameFiles(a, b string) error {
	names, err := fileNames(a)
	if err != nil {
		return err
	}
	others, err := fileNames(b)
	if err != nil {
		return err
	}
	if !slices.Equal(names, others) {
		return fmt.Errorf("the builds wrote different files: %v and %v", names, others)
	}
	for _, n := range names {
		x, err := os.ReadFile(filepath.Join(a, n))
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, n))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			return fmt.Errorf("%s differs between two builds of the same commit", n)
		}
	}
	return nil
}

func fileNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}

// smoke runs this machine's binary, when the release has one, and checks
// that it knows its version and commit: the -X flag and the VCS stamp are
// what a misnamed variable or a missing .git silently lose.
func smoke(dist, version, head string, log io.Writer) error {
	i := slices.IndexFunc(targets, func(t target) bool { return t.goos == runtime.GOOS && t.goarch == runtime.GOARCH })
	if i < 0 || runtime.GOOS == "windows" {
		return nil
	}
	dir, err := os.MkdirTemp("", "parcours-smoke-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	f, err := os.Open(filepath.Join(dist, targets[i].archive(version)))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := extractTarGz(f, dir); err != nil {
		return err
	}
	out, err := exec.Command(filepath.Join(dir, "parcours"), "version").Output()
	if err != nil {
		return fmt.Errorf("parcours version: %w", err)
	}
	want := fmt.Sprintf("parcours %s commit=%s ", version, head[:12])
	if !strings.HasPrefix(string(out), want) {
		return fmt.Errorf("parcours version printed %q, want it to start with %q", out, want)
	}
	fmt.Fprint(log, string(out))
	return nil
}

// extractTarGz writes the regular files of an archive into dir.
func extractTarGz(r io.Reader, dir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !filepath.IsLocal(h.Name) || h.Typeflag != tar.TypeReg {
			return fmt.Errorf("unexpected archive entry %q", h.Name)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, h.Name), b, fs.FileMode(h.Mode)); err != nil {
			return err
		}
	}
}

// released tells the files a release writes, the only ones publish
// replaces.
func released(name string) bool {
	return name == "SHA256SUMS" ||
		strings.HasPrefix(name, "parcours_") && (strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".zip"))
}

// checkDist refuses an output folder that holds anything but an earlier
// release, so that a mistyped -dist deletes nothing else.
func checkDist(dist string) error {
	entries, err := os.ReadDir(dist)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !released(e.Name()) {
			return fmt.Errorf("refusing to write into %s: it holds %s, which no release wrote; choose another folder with -dist", dist, e.Name())
		}
	}
	return nil
}

// publish replaces the release in dist with the new one.
func publish(built, dist string, log io.Writer) error {
	if err := checkDist(dist); err != nil {
		return err
	}
	old, err := fileNames(dist)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, n := range old {
		if err := os.Remove(filepath.Join(dist, n)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return err
	}
	names, err := fileNames(built)
	if err != nil {
		return err
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(built, n))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dist, n), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "wrote %d archives and SHA256SUMS to %s\n", len(names)-1, dist)
	return nil
}
