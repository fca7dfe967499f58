// Command gencorpus writes a synthetic site for the benchmarks.
//
//	go run ./internal/corpus/cmd/gencorpus [-mix hugo|full] N [SEED [DIR]]
//
// N is the number of content pages (at least 10), SEED defaults to 42 and
// DIR to corpus-N. The default mix, hugo, is the one scripts/bench/run builds
// with parcours and Hugo alike; full adds journeys, [[wiki]] links and
// bundles, which only parcours reads. The same arguments give a
// byte-identical tree; DIR's content/ is replaced.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/parcours/parcours/internal/corpus"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	mixName := fs.String("mix", "hugo", "hugo (what Hugo builds too) or full (every kind of page and link)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gencorpus [-mix hugo|full] N [SEED [DIR]]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	var mix corpus.Mix
	switch *mixName {
	case "hugo":
		mix = corpus.Hugo
	case "full":
		mix = corpus.Full
	default:
		return fmt.Errorf("-mix %q: want hugo or full", *mixName)
	}
	if fs.NArg() < 1 || fs.NArg() > 3 {
		fs.Usage()
		return fmt.Errorf("want N [SEED [DIR]], got %d arguments", fs.NArg())
	}
	n, err := strconv.Atoi(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("number of pages: %w", err)
	}
	seed := uint64(42)
	if fs.NArg() > 1 {
		if seed, err = strconv.ParseUint(fs.Arg(1), 10, 64); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	dir := fmt.Sprintf("corpus-%d", n)
	if fs.NArg() > 2 {
		dir = fs.Arg(2)
	}
	st, err := corpus.GenerateMix(dir, n, seed, mix)
	if err != nil {
		return err
	}
	fmt.Printf("corpus %s (%s): %d cases, %d guides, %d journeys, %d irritants, %d body words, %d links (seed %d)\n",
		dir, mix, st.Cases, st.Guides, st.Journeys, st.Irritants, st.Words, st.Links, seed)
	return nil
}
