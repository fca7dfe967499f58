// Package version tells which parcours a binary is: the release number set
// at link time by scripts/release, and what Go recorded in the binary (the
// module version of a go install, the commit and its date of a build from a
// git checkout, the Go toolchain and the platform).
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the release number, set by scripts/release with
// -ldflags "-X github.com/parcours/parcours/internal/version.version=0.2.0".
var version string

// Info is what a binary knows of its origin. Empty fields are unknown.
type Info struct {
	Version  string // 0.2.0, or the module version of a go install, or "dev"
	Commit   string // git revision the binary was built from
	Modified bool   // the checkout had uncommitted changes
	Date     string // the commit's time (RFC 3339, UTC): reproducible, unlike the time of the build
	Go       string // toolchain, go1.26.8
	Platform string // GOOS/GOARCH
}

// Get describes the running binary.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return fromBuild(version, bi, runtime.GOOS+"/"+runtime.GOARCH)
}

// fromBuild merges the link-time release number with the build information
// Go embeds; bi is nil when the binary carries none.
func fromBuild(release string, bi *debug.BuildInfo, platform string) Info {
	info := Info{Version: strings.TrimPrefix(release, "v"), Go: runtime.Version(), Platform: platform}
	if bi == nil {
		if info.Version == "" {
			info.Version = "dev"
		}
		return info
	}
	info.Go = bi.GoVersion
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		// go install …@v0.2.0 records the module version and no VCS data.
		info.Version = strings.TrimPrefix(bi.Main.Version, "v")
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			info.Date = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String is the line parcours version prints, in the manner of hugo
// version: parcours 0.2.0 commit=62787dc3a9f1 date=2026-11-29T15:47:00Z go1.26.8 linux/amd64
func (i Info) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "parcours %s", i.Version)
	if i.Commit != "" {
		commit := i.Commit
		if len(commit) > 12 {
			commit = commit[:12]
		}
		if i.Modified {
			commit += "+modified"
		}
		fmt.Fprintf(&b, " commit=%s", commit)
	}
	if i.Date != "" {
		fmt.Fprintf(&b, " date=%s", i.Date)
	}
	fmt.Fprintf(&b, " %s %s", i.Go, i.Platform)
	return b.String()
}
