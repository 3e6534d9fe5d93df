// Command gen writes a synthetic Terraform estate or plan for benchmarks
// (package bench/estate):
//
//	go run ./bench/gen -files 10000 -out /tmp/estate     # .tf files
//	go run ./bench/gen -files 10000 -iam-every 10 -out /tmp/mixed  # 1 root in 10 with IAM
//	go run ./bench/gen -plan-mb 200 -out /tmp/plan.json  # a plan
//	go run ./bench/gen -plan-mb 200 -planned-values=false -out /tmp/plan.json  # resource_changes only
//
// It prints what it wrote (files, bytes, policies) as one line of JSON.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/iamlint/iamlint/bench/estate"
)

func main() {
	files := flag.Int("files", 1000, "number of .tf files to write (rounded up to whole root modules)")
	size := flag.Int("file-size", 10000, "approximate bytes per .tf file")
	iamEvery := flag.Int("iam-every", 0, "make only one root module in N an IAM root; the others are infrastructure without IAM (10: about the policy density of real repositories)")
	shared := flag.Int("shared-modules", 0, "write N shared team modules under OUT/modules that every IAM root calls (root r calls module r mod N) instead of a copy per root")
	planMB := flag.Int("plan-mb", 0, "write a plan of about this many MiB instead of an estate")
	planned := flag.Bool("planned-values", true, "write the plan's resources in planned_values too, as terraform show -json does (about half the bytes); false: in resource_changes only, twice as many resources for the size")
	out := flag.String("out", "", "output directory (estate) or file (plan); required")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		flag.Usage()
		os.Exit(2)
	}
	var stats any
	if *planMB > 0 {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		write := estate.WriteFullPlan
		if !*planned {
			write = estate.WritePlan
		}
		st, err := write(f, int64(*planMB)<<20)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		stats = st
	} else {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		st, err := estate.Generate(*out, estate.Options{Files: *files, FileSize: *size, IAMEvery: *iamEvery, SharedModules: *shared})
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		stats = st
	}
	if err := json.NewEncoder(os.Stdout).Encode(stats); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
