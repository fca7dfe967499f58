package build

import (
	"io/fs"
	"path"
	"strings"

	"github.com/parcours/parcours/internal/content"
	"github.com/parcours/parcours/internal/render"
)

// siteImage reads the size of the site's image (parcours.toml's image), a
// file of the site's static folder or the theme's; an address elsewhere
// keeps a zero size.
func (s *site) siteImage() render.Image {
	u := s.m.Config.Image
	img := render.Image{URL: u}
	if !strings.HasPrefix(u, "/") {
		return img
	}
	name := strings.TrimPrefix(u, "/")
	layers := append([]fs.FS{s.static}, s.theme.Static()...)
	for _, l := range layers {
		if l == nil {
			continue
		}
		if data, err := fs.ReadFile(l, name); err == nil {
			if sized, ok := render.ReadImage(u, data); ok {
				return sized
			}
			return img
		}
	}
	return img
}

// pageImages sets what a page's head and header show of images: a case's
// logo with its size, and the image the page shares, its own (a persona's
// image, a case's logo) when social networks take it, else the site's.
func (s *site) pageImages(v *render.View, siteImg render.Image) {
	v.Image = siteImg
	p := v.Page
	if p == nil || p.IsList() {
		return
	}
	if p.Logo != "" {
		v.Logo, _ = s.bundleImage(p, p.Logo)
	}
	for _, own := range []string{p.Image, p.Logo} {
		if own == "" {
			continue
		}
		if img, ok := s.bundleImage(p, own); ok && img.Shareable() {
			v.Image = img
			return
		}
	}
}

// bundleImage reads a file of a page's bundle named as its frontmatter
// names it, relative to the page.
func (s *site) bundleImage(p *content.Page, name string) (render.Image, bool) {
	u := p.URL + name
	if p.BundleDir == "" {
		return render.Image{URL: u}, false
	}
	data, err := fs.ReadFile(s.content.FS, path.Join(p.BundleDir, name))
	if err != nil {
		return render.Image{URL: u}, false
	}
	return render.ReadImage(u, data)
}
