// Package ospath is where the operating system's paths meet the slash
// paths parcours works with (content paths, output names, URLs). The rules
// are written for both conventions, Unix and Windows, and chosen by a
// Style value rather than by the build's GOOS, so that tests on Linux check
// the Windows rules too: back-slashes, drive letters, names that differ in
// case only, and the names Windows cannot create.
//
// Everything read through fs.FS (os.DirFS for content, bundles, static
// files and themes) already has slash paths on every OS; this package is
// for the places that hold an OS path: the watcher's events, the output
// folder's checks and the files written there.
package ospath

import (
	"runtime"
	"strings"
)

// Style is a file system's path convention.
type Style struct{ windows bool }

var (
	Unix    = Style{}
	Windows = Style{windows: true}
	// Host is the convention of the OS parcours runs on.
	Host = Style{windows: runtime.GOOS == "windows"}
)

func (s Style) sep() string {
	if s.windows {
		return `\`
	}
	return "/"
}

// native writes p with the style's separator: Windows accepts / as well.
func (s Style) native(p string) string {
	if s.windows {
		return strings.ReplaceAll(p, "/", `\`)
	}
	return p
}

// Rel returns target as a slash path relative to base when target is base
// (".") or lies below it, and ok false otherwise. Both are absolute and
// clean, as filepath.Abs and filepath.Join return them; on Windows they
// compare without regard to case, as NTFS names do.
func (s Style) Rel(base, target string) (rel string, ok bool) {
	base, target = s.native(base), s.native(target)
	equal := func(a, b string) bool { return a == b }
	if s.windows {
		equal = strings.EqualFold
	}
	if equal(target, base) {
		return ".", true
	}
	// A root (/, C:\) already ends with the separator.
	prefix := strings.TrimSuffix(base, s.sep()) + s.sep()
	if len(target) <= len(prefix) || !equal(target[:len(prefix)], prefix) {
		return "", false
	}
	return strings.ReplaceAll(target[len(prefix):], s.sep(), "/"), true
}

// Contains reports whether p is dir or lies below it.
func (s Style) Contains(dir, p string) bool {
	_, ok := s.Rel(dir, p)
	return ok
}

// Problem says why the style's file system cannot hold the slash path
// name, or "" when it can. Unix takes any name that reaches it.
func (s Style) Problem(name string) string {
	if !s.windows {
		return ""
	}
	return windowsProblem(name)
}

// windowsProblem says why Windows cannot create the slash path name (a
// device name such as aux or con, alone or with an extension, a character
// Windows forbids, a name ending in a dot or a space), or "" when it can.
// French makes it likely: "aux" is a common word, so a tag or a slug.
func windowsProblem(name string) string {
	for _, elem := range strings.Split(name, "/") {
		if i := strings.IndexAny(elem, `<>:"\|?*`); i >= 0 {
			return "Windows forbids " + elem[i:i+1] + " in the name " + elem
		}
		for _, r := range elem {
			if r < 0x20 {
				return "Windows forbids control characters in the name " + elem
			}
		}
		if strings.HasSuffix(elem, ".") || strings.HasSuffix(elem, " ") {
			return "Windows drops the dot or space that ends the name " + elem
		}
		stem, _, _ := strings.Cut(elem, ".")
		if reserved(strings.TrimRight(stem, " ")) {
			return "Windows reserves the name " + stem + " for a device"
		}
	}
	return ""
}

// reserved reports Windows's device names, which no file or folder may take.
func reserved(stem string) bool {
	switch strings.ToUpper(stem) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) != 4 {
		return false
	}
	kind, d := strings.ToUpper(stem[:3]), stem[3]
	return (kind == "COM" || kind == "LPT") && d >= '1' && d <= '9'
}
