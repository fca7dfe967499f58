package langtag

import "testing"

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		tag string
		ok  bool
	}{
		{"fr", true},
		{"en", true},
		{"fr-CA", true},
		{"en-GB", true},
		{"zh-Hant-TW", true},
		{"", false},
		{`fr"><script>alert(1)</script>`, false},
		{"fr fr", false},
		{"français", false},
		{"fr\n", false},
	} {
		if err := Check(tc.tag); (err == nil) != tc.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", tc.tag, err, tc.ok)
		}
	}
}
