// Command gendocs writes docs/rules/<id>.md and the README rule table
// (go generate ./internal/docgen), or with -check lists the generated files
// that are stale and exits 1.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/iamlint/iamlint/internal/docgen"
)

func main() {
	root := flag.String("root", ".", "repository root")
	check := flag.Bool("check", false, "only check that the generated files are up to date")
	flag.Parse()
	if *check {
		stale, err := docgen.Check(*root)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
			os.Exit(2)
		}
		for _, s := range stale {
			fmt.Fprintf(os.Stderr, "gendocs: %s is stale; run go generate ./internal/docgen\n", s)
		}
		if len(stale) > 0 {
			os.Exit(1)
		}
		return
	}
	if err := docgen.Write(*root); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
}
