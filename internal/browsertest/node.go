package browsertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Node returns the node binary, for the tests that run the theme's scripts
// outside a page. Like New, it skips the test when there is none, unless
// PARCOURS_BROWSER=1 says the client must be tested.
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("PARCOURS_BROWSER") == "1" {
			t.Fatalf("node not found and PARCOURS_BROWSER=1: %v", err)
		}
		t.Skip("node not found")
	}
	return p
}

// RunNode runs prog under node with the CommonJS module at path loaded as
// S and input, as JSON, in the constant input; prog writes JSON to stdout,
// which is decoded into out.
func RunNode(t testing.TB, module, prog string, input, out any) {
	t.Helper()
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	// Reading the module here makes go test's cache notice when it changes.
	if _, err := os.ReadFile(module); err != nil {
		t.Fatal(err)
	}
	prog = "const S = require(" + JSString(module) + ");\n" +
		"const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" + prog
	cmd := exec.Command(Node(t), "-e", prog)
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Stderr = os.Stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node output: %v", err)
	}
}
