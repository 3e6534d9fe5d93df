package linter

import (
	"os"
	"sort"
)

// hideSensitive keeps the values a plan marks sensitive (after_sensitive,
// sensitive_values: what Terraform prints as "(sensitive value)") out of
// every report: a finding located in one has a message that names no value
// (the rule's title and why the details are hidden), and the plan's text in
// res.Sources (quoted by the text report) has those bytes masked.
// Fingerprints, computed before, still tell findings apart.
func hideSensitive(res *Result, opts Options, runs []*planRun) {
	cwd, _ := os.Getwd()
	titles := map[string]string{}
	for _, r := range opts.Rules {
		titles[r.ID] = r.Title
	}
	for _, run := range runs {
		if run == nil || run.p == nil || len(run.p.Sensitive) == 0 {
			continue
		}
		name := relName(run.name, cwd)
		ranges := run.p.Sensitive
		// The ranges are disjoint: each is a distinct value of the plan.
		in := func(off int) bool {
			i := sort.Search(len(ranges), func(i int) bool { return ranges[i][0] > off }) - 1
			return i >= 0 && off < ranges[i][1]
		}
		hide := func(fs []Finding) {
			for i := range fs {
				f := &fs[i]
				if f.Range.Filename != name || !in(f.Range.Start.Byte) {
					continue
				}
				t := titles[f.Rule]
				if t == "" {
					t = f.Rule
				}
				f.Message = t + " (in a value the plan marks sensitive: details hidden; see the configuration)"
			}
		}
		hide(res.Findings)
		hide(res.Suppressed)
		if src, ok := res.Sources[name]; ok {
			masked := append([]byte(nil), src...)
			for _, r := range ranges {
				for i := max(r[0], 0); i < r[1] && i < len(masked); i++ {
					if c := masked[i]; c != '\n' && c != '\r' {
						masked[i] = '*'
					}
				}
			}
			res.Sources[name] = masked
		}
	}
}
