package render

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/parcours/parcours/internal/content"
)

func TestReadImage(t *testing.T) {
	var pngData, jpegData, gifData bytes.Buffer
	png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 120, 63)))
	jpeg.Encode(&jpegData, image.NewGray(image.Rect(0, 0, 40, 30)), nil)
	gif.Encode(&gifData, image.NewGray(image.Rect(0, 0, 7, 9)), nil)
	tests := []struct {
		name, url, data string
		w, h            int
		ok              bool
	}{
		{"png", "/a.png", pngData.String(), 120, 63, true},
		{"jpeg", "/a.JPG", jpegData.String(), 40, 30, true},
		{"gif", "/a.gif", gifData.String(), 7, 9, true},
		{"svg size", "/a.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80px" viewBox="0 0 24 8"/>`, 240, 80, true},
		{"svg viewBox", "/a.svg", `<?xml version="1.0"?><!-- logo --><svg viewBox="0,0,300.4,100"/>`, 300, 100, true},
		{"svg relative size", "/a.svg", `<svg width="100%" height="100%" viewBox="0 0 50 20"/>`, 50, 20, true},
		{"svg no size", "/a.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`, 0, 0, false},
		{"svg huge", "/a.svg", `<svg width="1e300" height="1e300"/>`, 0, 0, false},
		{"not svg", "/a.svg", `<html width="3" height="3"/>`, 0, 0, false},
		{"broken png", "/a.png", "\x89PNG garbage", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, ok := ReadImage(tt.url, []byte(tt.data))
			if ok != tt.ok || img.Width != tt.w || img.Height != tt.h || img.URL != tt.url {
				t.Errorf("ReadImage = %+v, %v; want %dx%d, %v", img, ok, tt.w, tt.h, tt.ok)
			}
		})
	}
}

func TestImageCards(t *testing.T) {
	tests := []struct {
		img              Image
		shareable, large bool
		heightAt160      int
	}{
		{Image{"/og.png", 1200, 630}, true, true, 84},
		{Image{"/logo.png", 200, 100}, true, false, 80},
		{Image{"/logo.svg", 240, 80}, false, false, 53},
		{Image{"/x.png", 0, 0}, false, false, 0},
	}
	for _, tt := range tests {
		if got := tt.img.Shareable(); got != tt.shareable {
			t.Errorf("%+v.Shareable() = %v", tt.img, got)
		}
		if got := tt.img.Large(); got != tt.large {
			t.Errorf("%+v.Large() = %v", tt.img, got)
		}
		if got := tt.img.HeightAt(160); got != tt.heightAt160 {
			t.Errorf("%+v.HeightAt(160) = %d, want %d", tt.img, got, tt.heightAt160)
		}
	}
}

// TestJSONLDPublished: an article without a date is dated by when it last
// changed; a page with neither is a WebPage, not an undated Article.
func TestJSONLDPublished(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		date, updated time.Time
		want, typ     any
	}{
		{day("2024-03-01"), day("2025-01-02"), "2024-03-01", "Article"},
		{time.Time{}, day("2025-01-02"), "2025-01-02", "Article"},
		{time.Time{}, time.Time{}, nil, "WebPage"},
	}
	for _, tt := range tests {
		v := &View{Site: &Site{}, Path: "/guides/g/", Page: &content.Page{Kind: content.KindGuide, Date: tt.date}, Updated: tt.updated}
		ld := v.JSONLD()
		if ld["datePublished"] != tt.want || ld["@type"] != tt.typ {
			t.Errorf("date %v, updated %v: %v datePublished %v, want %v %v", tt.date, tt.updated, ld["@type"], ld["datePublished"], tt.typ, tt.want)
		}
	}
}
