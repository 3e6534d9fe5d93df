package plan

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
)

// lazyBodies holds what Plan.Stream needs to build the bodies Load left
// unbuilt (Options.Lazy): the loader (its scanner reads the plan bytes),
// the job of each such block, and the links Load would have given them
// (configured, linkDocuments).
type lazyBodies struct {
	l    *loader
	jobs map[*eval.Block]*bodyJob

	refs   map[*Change]map[string][]string // configuration references (linkUnknown)
	docs   map[string]bool
	iamRes map[string]bool
	mods   *moduleRefs
	links  *docLinks // nil: no data document to link to
}

// defers reports whether the body of job j is left to Stream: that of a
// managed resource whose values the caller reads (Options.Relevant).
// Data sources are built by Load: other blocks read them.
func (lz *lazyBodies) defers(j *bodyJob) bool {
	c := j.c
	return c.Mode == "resource" && c.Deposed == "" && !lz.l.skips(c)
}

// lazyBlock reports whether the change of a job left to Stream has an
// after block (as build decides once the values are read).
func (l *loader) lazyBlock(j *bodyJob) bool {
	s := l.s
	known := j.after >= 0 && !s.isNull(j.after)
	return inAfter(j.c.Actions) && (known || s.at(j.unknown) == 't' || j.allUnknown)
}

// Lazy reports whether blocks of p.After wait for Stream to build their
// bodies.
func (p *Plan) Lazy() bool { return p != nil && p.lazy != nil && len(p.lazy.jobs) > 0 }

// Stream calls fn with every block of p.After, in the order of its modules
// and blocks, chunk blocks at a time; the blocks Load left without a body
// (Options.Lazy) have it when fn is called, built (on every CPU) and linked
// as Load would have (configuration references, data documents), when
// build is nil or reports true for them. Stream keeps no reference to the
// bodies it built: once fn returns, what fn kept of them is all that stays.
// It may be called more than once; each call builds the bodies again.
//
// A value that does not build (the plan's JSON is checked by Load, so
// only a value no cty value can hold) ends the stream with Load's error
// for it.
func (p *Plan) Stream(chunk int, build func(*eval.Block) bool, fn func([]*eval.Block)) (diags hcl.Diagnostics) {
	lz := p.lazy
	if lz == nil {
		lz = &lazyBodies{}
	}
	chunk = max(chunk, 1)
	blocks := make([]*eval.Block, 0, chunk)
	var todo []*bodyJob
	flush := func() bool {
		todo = todo[:0]
		for _, b := range blocks {
			if j := lz.jobs[b]; j != nil && (build == nil || build(b)) {
				j.failed = nil
				todo = append(todo, j)
			}
		}
		if len(todo) < minParallelJobs {
			for _, j := range todo {
				lz.l.build(j)
			}
		} else {
			par.For(len(todo), 32, func(i int) { lz.l.build(todo[i]) })
		}
		for _, j := range todo {
			if j.failed != nil {
				if se, ok := j.failed.(syntaxError); ok {
					diags = hcl.Diagnostics{lz.l.s.syntaxDiag(se)}
					return false
				}
				panic(j.failed)
			}
		}
		for _, j := range todo {
			c := j.c
			c.After.Body, j.afterBody = j.afterBody, nil
			if refs := lz.refs[c]; refs != nil {
				linkUnknown(c, refs, lz.docs, lz.iamRes, lz.mods)
			}
			lz.links.link(c.After.Module, c.After)
		}
		fn(blocks)
		clear(blocks)
		blocks = blocks[:0]
		return true
	}
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			blocks = append(blocks, b)
			if len(blocks) == chunk && !flush() {
				return diags
			}
		}
	}
	if len(blocks) > 0 {
		flush()
	}
	return diags
}

// EndStream drops what Stream needs (the loader, the plan bytes it reads).
func (p *Plan) EndStream() {
	if p != nil {
		p.lazy = nil
	}
}

// Deferred reports whether Stream builds the body of b.
func (p *Plan) Deferred(b *eval.Block) bool {
	return p != nil && p.lazy != nil && p.lazy.jobs[b] != nil
}
