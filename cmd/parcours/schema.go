package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parcours/parcours/internal/config"
	"github.com/parcours/parcours/internal/diag"
	"github.com/parcours/parcours/internal/schema"
)

// cmdSchema writes the JSON Schemas of the frontmatter of each kind and of
// the journey block: all of them into a folder with -o, or one to stdout.
func cmdSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("schema", stderr)
	root := fs.String("s", ".", "site root `DIR`, whose [journey] lanes the journey block's schema accepts")
	out := fs.String("o", "", "write every schema into `DIR`, one NAME.schema.json each")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	names := strings.Join(schema.Names(), "|")
	if (*out == "") == (fs.NArg() == 0) || fs.NArg() > 1 {
		fmt.Fprintf(stderr, "usage: parcours schema [-s DIR] -o DIR\n       parcours schema [-s DIR] %s\n", names)
		return 2
	}
	cfg, err := config.Load(*root)
	var de *diag.Errors
	if err != nil && !(errors.As(err, &de) && !config.Exists(*root)) {
		return report(stderr, err)
	}
	lanes := schema.Lanes(cfg)
	if *out == "" {
		b, err := schema.JSON(fs.Arg(0), lanes)
		if err != nil {
			fmt.Fprintln(stderr, "parcours:", err)
			return 2
		}
		stdout.Write(b)
		return 0
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, "parcours:", err)
		return 1
	}
	for _, name := range schema.Names() {
		b, err := schema.JSON(name, lanes)
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, name+".schema.json"), b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, "parcours:", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "wrote %d schemas into %s\n", len(schema.Names()), *out)
	return 0
}
