package render

import (
	"bytes"
	"encoding/xml"
	"image"
	// The raster formats whose size a page's images are read in.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"math"
	"path"
	"strconv"
	"strings"
)

// Image is an image a page shows or shares (its Open Graph image, a
// case's logo): its site path and intrinsic size in pixels, which lets the
// browser keep its room before it loads and social networks lay out a card
// without fetching it.
type Image struct {
	URL           string
	Width, Height int
}

// HeightAt is the image's height when shown w pixels wide, for the height
// attribute of an image whose width the theme fixes.
func (i Image) HeightAt(w int) int {
	if i.Width == 0 {
		return 0
	}
	return int(math.Round(float64(w) * float64(i.Height) / float64(i.Width)))
}

// Large reports whether the image is wide enough for the large card of
// social networks (twitter:card summary_large_image), which crop to 2:1
// and want 300 pixels across at least.
func (i Image) Large() bool { return i.Width >= 300 && i.Width >= i.Height*3/2 }

// Shareable reports whether social networks show the image: they take
// PNG, JPEG and GIF, and refuse SVG.
func (i Image) Shareable() bool {
	switch strings.ToLower(path.Ext(i.URL)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return i.Width > 0
	}
	return false
}

// ReadImage returns the image at site path u whose bytes are data, with
// its intrinsic size: a PNG, JPEG or GIF's from its header, an SVG's from
// its root's width and height, else its viewBox. ok is false when the size
// cannot be read.
func ReadImage(u string, data []byte) (img Image, ok bool) {
	img.URL = u
	if strings.EqualFold(path.Ext(u), ".svg") {
		img.Width, img.Height, ok = svgSize(data)
		return img, ok
	}
	c, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || c.Width <= 0 || c.Height <= 0 {
		return img, false
	}
	img.Width, img.Height = c.Width, c.Height
	return img, true
}

// svgSize reads the size of an SVG's root element: its width and height in
// pixels (a bare number or px), else its viewBox's.
func svgSize(data []byte) (w, h int, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		root, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if root.Name.Local != "svg" {
			return 0, 0, false
		}
		var width, height, box string
		for _, a := range root.Attr {
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		if w, h := pixels(width), pixels(height); w > 0 && h > 0 {
			return w, h, true
		}
		f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
		if len(f) == 4 {
			if w, h := pixels(f[2]), pixels(f[3]); w > 0 && h > 0 {
				return w, h, true
			}
		}
		return 0, 0, false
	}
}

// pixels reads an SVG length in pixels, 0 for a relative one (50%, 3em).
func pixels(s string) int {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || f <= 0 || f > 1<<20 {
		return 0
	}
	return int(math.Round(f))
}
