package iamdbg

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter/load"
)

func TestDump(t *testing.T) {
	p := os.Getenv("P")
	t0 := time.Now()
	res := load.Load(load.Options{Paths: strings.Split(p, ",")})
	fmt.Println("time", time.Since(t0), "modules", len(res.Modules), "files", len(res.Files))
	nb := 0
	for _, m := range res.Modules {
		nb += len(m.Blocks)
	}
	fmt.Println("blocks", nb)
	errs := 0
	for _, d := range res.Diags {
		if d.Severity == 1 {
			errs++
			fmt.Println("ERR", d.Error())
		}
	}
	w := map[string]int{}
	for _, d := range res.Diags {
		if d.Severity == 2 {
			w[d.Summary]++
			if os.Getenv("V") != "" {
				fmt.Println("WARN", d.Error())
			}
		}
	}
	fmt.Println("errors", errs, "warnings", w)
}
