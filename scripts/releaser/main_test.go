package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// entry is an archive entry as read back.
type entry struct {
	name     string
	mode     fs.FileMode
	mtime    time.Time
	uid, gid int
	data     string
}

func readTarGz(t *testing.T, b []byte) []entry {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header carries name %q and time %v, want neither", gz.Name, gz.ModTime)
	}
	var got []entry
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		got = append(got, entry{h.Name, fs.FileMode(h.Mode), h.ModTime.UTC(), h.Uid, h.Gid, string(data)})
	}
}

func readZip(t *testing.T, b []byte) []entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var got []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		got = append(got, entry{f.Name, f.Mode().Perm(), f.Modified.UTC(), 0, 0, string(data)})
	}
	return got
}

// Archives hold exactly the files given, in their order, with their modes
// and the fixed time, and two writes of the same files are the same bytes.
func TestArchives(t *testing.T) {
	files := []file{
		{name: "parcours", mode: 0o755, data: []byte("\x7fELF binary")},
		{name: "LICENSE", mode: 0o644, data: []byte("MIT License\n")},
		{name: "README.md", mode: 0o644, data: []byte("# parcours\n")},
	}
	mtime := time.Date(2026, 11, 29, 15, 47, 0, 0, time.UTC)
	tests := []struct {
		name  string
		write func(io.Writer, []file, time.Time) error
		read  func(*testing.T, []byte) []entry
	}{
		{"tar.gz", writeTarGz, readTarGz},
		{"zip", writeZip, readZip},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b, later bytes.Buffer
			if err := tt.write(&a, files, mtime); err != nil {
				t.Fatal(err)
			}
			if err := tt.write(&b, files, mtime); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two archives of the same files differ")
			}
			if err := tt.write(&later, files, mtime.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(a.Bytes(), later.Bytes()) {
				t.Error("archives stamped with different times are identical: the time given is not what is stamped")
			}
			got := tt.read(t, a.Bytes())
			if len(got) != len(files) {
				t.Fatalf("archive has %d entries, want %d", len(got), len(files))
			}
			for i, f := range files {
				want := entry{f.name, f.mode, mtime, 0, 0, string(f.data)}
				if got[i] != want {
					t.Errorf("entry %d = %+v, want %+v", i, got[i], want)
				}
			}
		})
	}
}

// Each target has its own archive, and only Windows gets a zip.
func TestArchiveNames(t *testing.T) {
	var names []string
	for _, tg := range targets {
		name := tg.archive("0.2.0")
		if strings.HasSuffix(name, ".zip") != (tg.goos == "windows") {
			t.Errorf("%s/%s archive %s: want .zip for Windows only", tg.goos, tg.goarch, name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	if len(slices.Compact(names)) != len(targets) {
		t.Errorf("archive names collide: %v", names)
	}
}

// The -X flag names the variable internal/version prints: a binary linked
// with the release's flags says the release's number.
func TestLdflagsSetTheVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parcours")
	}
	bin := filepath.Join(t.TempDir(), "parcours")
	r := release{version: "9.8.7-rc.1"}
	build := exec.Command("go", "build", "-ldflags", r.ldflags(), "-o", bin, "./cmd/parcours")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "parcours 9.8.7-rc.1 ") {
		t.Errorf("parcours version = %q, want it to start with the release number", out)
	}
}

func TestVersionNumbers(t *testing.T) {
	tests := []struct {
		version string
		ok      bool
	}{
		{"0.2.0", true},
		{"1.0.0-rc.1", true},
		{"v0.2.0", false},
		{"0.2", false},
		{"0.2.0/../../x", false},
		{"0.2.0 ", false},
	}
	for _, tt := range tests {
		if got := semver.MatchString(tt.version); got != tt.ok {
			t.Errorf("semver.MatchString(%q) = %v, want %v", tt.version, got, tt.ok)
		}
	}
}

// The output folder may hold an earlier release, which is replaced, and
// nothing else: a mistyped -dist must not delete a user's files.
func TestPublishReplacesOnlyARelease(t *testing.T) {
	tests := []struct {
		name    string
		files   []string // already in dist; a trailing / makes a folder
		refused bool
	}{
		{"no folder yet", nil, false},
		{"an earlier release", []string{"SHA256SUMS", "parcours_0.1.0_linux_amd64.tar.gz", "parcours_0.1.0_windows_amd64.zip"}, false},
		{"someone's file", []string{"SHA256SUMS", "notes.txt"}, true},
		{"a folder", []string{"src/"}, true},
		{"a look-alike folder", []string{"parcours_0.1.0_linux_amd64.tar.gz/"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			built, dist := t.TempDir(), filepath.Join(t.TempDir(), "dist")
			for _, n := range []string{"SHA256SUMS", "parcours_0.2.0_linux_amd64.tar.gz"} {
				if err := os.WriteFile(filepath.Join(built, n), []byte(n), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.files {
				p := filepath.Join(dist, strings.TrimSuffix(f, "/"))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				var err error
				if strings.HasSuffix(f, "/") {
					err = os.Mkdir(p, 0o755)
				} else {
					err = os.WriteFile(p, []byte("old"), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			err := publish(built, dist, io.Discard)
			if (err != nil) != tt.refused {
				t.Fatalf("publish: %v; want refused %v", err, tt.refused)
			}
			got, _ := fileNames(dist)
			want := []string{"SHA256SUMS", "parcours_0.2.0_linux_amd64.tar.gz"}
			if tt.refused {
				want = nil
				for _, f := range tt.files {
					want = append(want, strings.TrimSuffix(f, "/"))
				}
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("dist holds %v, want %v", got, want)
			}
		})
	}
}
