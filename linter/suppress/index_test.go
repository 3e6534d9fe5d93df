package suppress

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// naiveApply is ApplyWith as it was before the indexes: every block for
// each directive's scope, every directive for each finding.
func naiveApply(findings []linter.Finding, dirs []Directive, blocks []BlockRange, now time.Time) (kept, suppressed []linter.Finding) {
	today := now.UTC().Format(dateLayout)
	scopeOf := func(d Directive) scope {
		file, line := d.Range.Filename, d.Range.Start.Line
		if d.Source == Checkov {
			var best *BlockRange
			for i, b := range blocks {
				if b.File == file && b.StartLine <= line && line <= b.EndLine && (best == nil || b.EndLine-b.StartLine > best.EndLine-best.StartLine) {
					best = &blocks[i]
				}
			}
			if best != nil {
				return scope{file, best.StartLine, best.EndLine}
			}
		}
		at := d.NextLine
		if d.Trailing {
			at = line
		} else if at == 0 {
			return scope{file, -1, -1}
		}
		s := scope{file, at, at}
		for _, b := range blocks {
			if b.File == file && b.StartLine == at && b.EndLine > s.to {
				s.to = b.EndLine
			}
		}
		return s
	}
	kept, suppressed = []linter.Finding{}, []linter.Finding{}
	for _, f := range findings {
		hit := -1
		for i, d := range dirs {
			s := scopeOf(d)
			m := s.covers(f.Range)
			for _, r := range f.Related {
				m = m || s.covers(r.Range)
			}
			if m && contains(d.Rules, f.Rule) && !(d.Expires != "" && d.Expires < today) && hit < 0 {
				hit = i
			}
		}
		if hit < 0 {
			kept = append(kept, f)
			continue
		}
		f.Suppression = &linter.Suppression{Kind: "inline", Reason: dirs[hit].Reason, Expires: dirs[hit].Expires}
		suppressed = append(suppressed, f)
	}
	return kept, suppressed
}

// TestApplyIndexedMatchesNaive: random directives (trailing, above a line
// or block, checkov, expired, in two files) and findings (with related
// locations) are split as the walk of every directive splits them.
func TestApplyIndexedMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(18))
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	files := []string{"a.tf", "b.tf"}
	rules := []string{"r1", "r2", "r3"}
	pos := func(file string, line int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 2}}
	}
	total := 0
	for round := 0; round < 200; round++ {
		var blocks []BlockRange
		for range rng.Intn(20) {
			s := 1 + rng.Intn(60)
			blocks = append(blocks, BlockRange{File: files[rng.Intn(2)], StartLine: s, EndLine: s + rng.Intn(15)})
		}
		var dirs []Directive
		for i := range rng.Intn(30) {
			d := Directive{Source: Iamlint, Range: pos(files[rng.Intn(2)], 1+rng.Intn(60)), Reason: fmt.Sprint("d", i)}
			for _, r := range rules {
				if rng.Intn(2) == 0 {
					d.Rules = append(d.Rules, r)
				}
			}
			switch rng.Intn(4) {
			case 0:
				d.Trailing = true
			case 1:
				d.Source = Checkov
			case 2:
				d.NextLine = 0
			default:
				d.NextLine = d.Range.Start.Line + 1 + rng.Intn(3)
			}
			if d.Source == Checkov && rng.Intn(2) == 0 {
				d.NextLine = d.Range.Start.Line + 1
			}
			if rng.Intn(5) == 0 {
				d.Expires = "2020-01-01"
			}
			dirs = append(dirs, d)
		}
		var fs []linter.Finding
		for range rng.Intn(40) {
			f := linter.Finding{Rule: rules[rng.Intn(3)], Range: pos(files[rng.Intn(2)], 1+rng.Intn(70))}
			for range rng.Intn(3) {
				f.Related = append(f.Related, iam.Related{Range: pos(files[rng.Intn(2)], 1+rng.Intn(70))})
			}
			fs = append(fs, f)
		}
		gk, gs, _ := ApplyWith(fs, dirs, blocks, Options{Now: now})
		wk, ws := naiveApply(fs, dirs, blocks, now)
		total += len(ws)
		if !reflect.DeepEqual(gk, wk) || !reflect.DeepEqual(gs, ws) {
			t.Fatalf("round %d: kept %d suppressed %d, want %d and %d\ndirs %+v\nblocks %+v", round, len(gk), len(gs), len(wk), len(ws), dirs, blocks)
		}
	}
	if total < 200 {
		t.Errorf("%d findings suppressed in all: too few to compare", total)
	}
	t.Logf("%d findings suppressed", total)
}

// TestApplyManyDirectives: 20,000 blocks, each with a directive above and
// one trailing, and 20,000 findings in one file are split in well under
// 20 s (red team 18: more than 100 CPU s, every directive walked for each
// finding and every block for each directive).
func TestApplyManyDirectives(t *testing.T) {
	const n = 20000
	var blocks []BlockRange
	var dirs []Directive
	var fs []linter.Finding
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: line, Column: 1}, End: hcl.Pos{Line: line, Column: 2}}
	}
	for i := range n {
		l := 1 + 4*i // comment, block header, attribute, }
		blocks = append(blocks, BlockRange{File: "main.tf", StartLine: l + 1, EndLine: l + 3})
		dirs = append(dirs,
			Directive{Source: Iamlint, Range: at(l), Rules: []string{"r1", "r2"}, Reason: "above", NextLine: l + 1},
			Directive{Source: Iamlint, Range: at(l + 2), Rules: []string{"r1"}, Reason: "trailing", Trailing: true})
		fs = append(fs, linter.Finding{Rule: "r1", Range: at(l + 2)})
	}
	start := cputime.Used()
	kept, suppressed, problems := ApplyWith(fs, dirs, blocks, Options{Now: time.Now()})
	if d := cputime.Used() - start; d > 20*time.Second {
		t.Errorf("took %v of CPU", d)
	}
	if len(kept) != 0 || len(suppressed) != n || len(problems) != 0 {
		t.Errorf("kept %d, suppressed %d, problems %d; want 0, %d, 0", len(kept), len(suppressed), len(problems), n)
	}
	for _, f := range suppressed[:3] {
		if !strings.HasPrefix(f.Suppression.Reason, "above") {
			t.Errorf("suppressed by %q, want the directive above (the first)", f.Suppression.Reason)
		}
	}
}
