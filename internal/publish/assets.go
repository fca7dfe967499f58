package publish

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/parcours/parcours/internal/render"
)

// Layer is a folder of static files; a later layer's file replaces an
// earlier one's of the same name, as the site's static/ does the theme's.
type Layer struct {
	FS fs.FS
	// Src names the folder in errors about collisions ("static/"), or is
	// "" for the theme's own files, which only the site can replace.
	Src string
}

// Assets publishes the static layers and the extra generated files (name →
// bytes). With fingerprint, CSS and JS get a content hash in their name and
// an integrity value: what the theme's links point to is returned by name.
func (p *Publisher) Assets(layers []Layer, extra map[string][]byte, fingerprint bool) (map[string]render.Asset, error) {
	files := map[string][]byte{}
	srcs := map[string]string{}
	for n, b := range extra {
		files[n] = b
	}
	for _, layer := range layers {
		err := fs.WalkDir(layer.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					return fs.SkipDir // no static/ folder
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			b, err := fs.ReadFile(layer.FS, p)
			if err != nil {
				return err
			}
			files[p] = b
			delete(srcs, p)
			if layer.Src != "" {
				srcs[p] = layer.Src + p
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("static files: %w", err)
		}
	}
	assets := map[string]render.Asset{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := p.finish(n, files[n])
		if err != nil {
			return nil, err
		}
		out := n
		ext := path.Ext(n)
		if fingerprint && (ext == ".css" || ext == ".js") {
			sum := sha256.Sum256(data)
			out = strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
			sri := sha512.Sum384(data)
			assets[n] = render.Asset{Path: "/" + out, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
		} else {
			assets[n] = render.Asset{Path: "/" + out}
		}
		if err := p.store(out, srcs[n], data); err != nil {
			return nil, err
		}
	}
	return assets, nil
}
