package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuild(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "62787dc3a9f1e0b4c2d8e5f7a6b9c0d1e2f3a4b5"},
		{Key: "vcs.time", Value: "2026-11-29T15:47:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	dirty := append(vcs[:len(vcs)-1:len(vcs)-1], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name    string
		release string
		bi      *debug.BuildInfo
		want    Info
		line    string
	}{
		{
			name:    "release built by scripts/release",
			release: "0.2.0",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			want:    Info{Version: "0.2.0", Commit: "62787dc3a9f1e0b4c2d8e5f7a6b9c0d1e2f3a4b5", Date: "2026-11-29T15:47:00Z", Go: "go1.26.8", Platform: "linux/amd64"},
			line:    "parcours 0.2.0 commit=62787dc3a9f1 date=2026-11-29T15:47:00Z go1.26.8 linux/amd64",
		},
		{
			name: "go install of a tagged module",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.2.0"}},
			want: Info{Version: "0.2.0", Go: "go1.26.8", Platform: "linux/amd64"},
			line: "parcours 0.2.0 go1.26.8 linux/amd64",
		},
		{
			name: "go build in a checkout with local changes",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: dirty},
			want: Info{Version: "dev", Commit: "62787dc3a9f1e0b4c2d8e5f7a6b9c0d1e2f3a4b5", Modified: true, Date: "2026-11-29T15:47:00Z", Go: "go1.26.8", Platform: "linux/amd64"},
			line: "parcours dev commit=62787dc3a9f1+modified date=2026-11-29T15:47:00Z go1.26.8 linux/amd64",
		},
		{
			name:    "release number with a v, as a tag would give it",
			release: "v1.0.0",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.9.0"}},
			want:    Info{Version: "1.0.0", Go: "go1.26.8", Platform: "linux/amd64"},
			line:    "parcours 1.0.0 go1.26.8 linux/amd64",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fromBuild(tt.release, tt.bi, "linux/amd64")
			if got != tt.want {
				t.Errorf("fromBuild = %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.line {
				t.Errorf("String() = %q, want %q", got.String(), tt.line)
			}
		})
	}
}

// A binary without build information (built by another toolchain, or
// stripped of it) still says what it can.
func TestFromBuildWithoutInfo(t *testing.T) {
	got := fromBuild("", nil, "windows/amd64")
	if got.Version != "dev" || got.Platform != "windows/amd64" || !strings.HasPrefix(got.Go, "go") {
		t.Errorf("fromBuild without build info = %+v, want version dev, the platform and this toolchain", got)
	}
}

// The test binary itself carries build information: Get reads it.
func TestGet(t *testing.T) {
	got := Get()
	if got.Go == "" || !strings.Contains(got.Platform, "/") {
		t.Errorf("Get() = %+v, want the toolchain and the platform", got)
	}
}
