package linter

import (
	"fmt"
	"slices"
	"strings"
)

// hiddenNotices tells of the findings the file filter (named files) drops
// although the block they are about (Finding.Resource) is declared in a
// named file: a pre-commit run naming main.tf, whose policy reads
// `Action = var.a`, and `a = "*"` in an unchanged terraform.tfvars, has its
// wildcard-action finding located in terraform.tfvars, which is not
// reported (only findings in the named files are); it is not dropped in
// silence either. One notice per file and block, at the first such finding,
// counting them by severity (those under MinSeverity not counted).
// findings' file names are relative to cwd; blocks are the run's.
func hiddenNotices(findings []Finding, ff *fileFilter, min Severity, blocks []*blockSummary, cwd string) []Notice {
	if ff == nil {
		return nil
	}
	var dropped []int
	addrs := map[string]bool{}
	keep := ff.keeper()
	for i := range findings {
		f := &findings[i]
		if f.Resource == "" || f.Severity < min || keep(f.Range.Filename) {
			continue
		}
		dropped = append(dropped, i)
		addrs[f.Resource] = true
	}
	if len(dropped) == 0 {
		return nil
	}
	ranges := blockRanges(blocks, addrs)
	type key struct{ file, resource string }
	type hidden struct {
		first  *Finding
		in     string // the named file that declares the block
		counts map[Severity]int
		n      int
	}
	byKey := map[key]*hidden{}
	var order []key
	for _, i := range dropped {
		f := &findings[i]
		in := ""
		for _, r := range ranges[f.Resource] {
			if keep(r.Filename) {
				in = relName(r.Filename, cwd)
				break
			}
		}
		if in == "" {
			continue
		}
		k := key{f.Range.Filename, f.Resource}
		h := byKey[k]
		if h == nil {
			h = &hidden{first: f, in: in, counts: map[Severity]int{}}
			byKey[k] = h
			order = append(order, k)
		} else if f.Range.Start.Line < h.first.Range.Start.Line {
			h.first = f
		}
		h.counts[f.Severity]++
		h.n++
	}
	var out []Notice
	for _, k := range order {
		h := byKey[k]
		sevs := make([]Severity, 0, len(h.counts))
		for s := range h.counts {
			sevs = append(sevs, s)
		}
		slices.Sort(sevs)
		slices.Reverse(sevs)
		parts := make([]string, len(sevs))
		for i, s := range sevs {
			parts[i] = fmt.Sprintf("%d %s", h.counts[s], s)
		}
		what := "finding"
		if h.n > 1 {
			what = "findings"
		}
		at := h.first.Range.Start // the column converted with the findings' (finish)
		out = append(out, Notice{File: k.file, Line: at.Line, Column: at.Column, Resource: k.resource, at: &at,
			Message: fmt.Sprintf("%d %s (%s) about %s, which %s declares, lie in this file, which was not named: not reported (only findings in the named files are); lint the directory to see them", h.n, what, strings.Join(parts, ", "), k.resource, h.in)})
	}
	return out
}
