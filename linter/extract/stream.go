package extract

import (
	"path/filepath"
	"sync"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// Space is the model of one address space (a root module and the module
// instances it calls), extracted on its own by SpaceOf. It holds no
// evaluated value: once it is made, the space's evaluation can be dropped,
// so a large scan keeps only the model of what it has already read.
type Space struct {
	Documents []*iam.Document
	Diags     hcl.Diagnostics

	graph   *iam.Graph
	secrets []foundSecret        // credential literals of evaluated attributes
	shapes  map[hcl.Range]string // see iam.Graph.Shapes
	rootDir string               // the root module's directory ("" when the space has no root module)
	called  []string             // directories of the module instances the root calls

	pending []pendingDoc      // documents to parse (SpacesDeferred), by Merge
	srcs    map[string][]byte // the sources that locate them
}

// SpaceOf extracts the model of one address space: mods are a root
// module instance followed by the instances of the modules it calls, as
// eval.Evaluate returns them. It only reads mods. Spaces are independent:
// SpaceOf may run for several spaces at once; Merge joins them.
func SpaceOf(mods []*eval.Module) *Space { return spaceOf(mods, nil, false) }

// spaceOf is SpaceOf with the source files (by name) whose JSON string
// literals locate the policies they hold (plans: see stringMapper).
func spaceOf(mods []*eval.Module, srcs map[string][]byte, deferred bool) *Space {
	sp := &Space{shapes: map[hcl.Range]string{}}
	var live []*eval.Module
	for _, m := range mods {
		if m != nil {
			live = append(live, m)
		}
	}
	if len(live) == 0 {
		sp.graph = &iam.Graph{}
		return sp
	}
	// The secret and shape scan and the entities of the graph only read
	// the bodies: on big spaces (a plan) they run while the documents are
	// extracted, each on its own goroutine, and the graph is linked to the
	// documents after. What each writes is its own; the result is the same
	// as in one pass.
	x := newExtractor(live) // renders the data documents the graph reads
	x.srcs = srcs
	x.deferred = deferred
	gb := newGraphBuilder(live)
	side := []func(){
		func() { sp.secrets = scanBodies(live, sp.shapes) },
		gb.entities,
	}
	if blockCount(live) >= minConcurrentBlocks && !serialSpaces {
		wait := goAll(side)
		sp.Documents = x.run()
		wait()
	} else {
		for _, fn := range side {
			fn()
		}
		sp.Documents = x.run()
	}
	sp.Diags = x.diags
	sp.pending, sp.srcs = x.pending, srcs
	sp.graph = gb.link(sp.Documents)
	for _, mod := range live {
		if mod.Path != "" && mod.Dir != "" {
			sp.called = append(sp.called, filepath.Clean(mod.Dir))
		}
	}
	if live[0].Path == "" && live[0].Dir != "" {
		sp.rootDir = filepath.Clean(live[0].Dir)
	}
	return sp
}

// minConcurrentBlocks is the number of blocks from which SpaceOf scans
// secrets and shapes and makes the graph's entities on other goroutines.
const minConcurrentBlocks = 2000

// serialSpaces makes spaceOf do in one goroutine what it does on several
// (tests compare the two).
var serialSpaces = false

// goAll runs each of fns on its own goroutine and returns what waits for
// them all; a panic in one is raised again by the wait, in the caller.
func goAll(fns []func()) (wait func()) {
	var wg sync.WaitGroup
	panics := make([]any, len(fns))
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[i] = recover() }()
			fn()
		}()
	}
	return func() {
		wg.Wait()
		for _, p := range panics {
			if p != nil {
				panic(p)
			}
		}
	}
}

func blockCount(mods []*eval.Module) int {
	n := 0
	for _, m := range mods {
		n += len(m.Blocks)
	}
	return n
}

// CalledRoots reports, for each space, whether its root is a module
// directory that another space calls: linted on its own, its variables have
// no value, and the called instance (with the caller's inputs) is the one
// that deploys.
func CalledRoots(spaces []*Space) []bool {
	called := map[string]bool{}
	for _, sp := range spaces {
		if sp != nil {
			for _, d := range sp.called {
				called[d] = true
			}
		}
	}
	out := make([]bool, len(spaces))
	for i, sp := range spaces {
		out[i] = sp != nil && sp.rootDir != "" && called[sp.rootDir]
	}
	return out
}

// Merge joins the models of address spaces, in their order, into one: the
// documents, the identity graph (with the credential literals of spaces and
// of every source file, and AWS managed policies resolved from the
// snapshot), and the diagnostics, deduplicated.
//
// The entities of a space whose root is a module directory that some other
// space calls are marked Partial: linted on their own, they are only part of
// the picture.
func Merge(spaces []*Space, sources map[string][]byte) (*iam.Model, hcl.Diagnostics) {
	m := &iam.Model{}
	g := &iam.Graph{}
	m.Graph = g
	called := map[string]bool{}
	for _, sp := range spaces {
		if sp == nil {
			continue
		}
		for _, d := range sp.called {
			called[d] = true
		}
	}
	completeAll(spaces)
	var diags hcl.Diagnostics
	var secrets [][]foundSecret
	g.Shapes = map[iam.Range]string{}
	for _, sp := range spaces {
		if sp == nil {
			continue
		}
		m.Documents = append(m.Documents, sp.Documents...)
		diags = append(diags, sp.Diags...)
		secrets = append(secrets, sp.secrets)
		for r, s := range sp.shapes {
			c := iam.MakeRange(r) // 16 bytes a key instead of 64; the same key exactly when r is
			if _, dup := g.Shapes[c]; !dup {
				g.Shapes[c] = s
			}
		}
		sg := sp.graph
		if sg == nil {
			continue
		}
		if sp.rootDir != "" && called[sp.rootDir] {
			for _, es := range [][]*iam.Entity{sg.Users, sg.Groups, sg.Roles, sg.PermissionSets} {
				for _, e := range es {
					e.Partial = true // its external links too: the called instance has them all
				}
			}
		}
		g.Users = append(g.Users, sg.Users...)
		g.Groups = append(g.Groups, sg.Groups...)
		g.Roles = append(g.Roles, sg.Roles...)
		g.PermissionSets = append(g.PermissionSets, sg.PermissionSets...)
		g.Memberships = append(g.Memberships, sg.Memberships...)
		g.Inline = append(g.Inline, sg.Inline...)
		g.Attachments = append(g.Attachments, sg.Attachments...)
		g.AccessKeys = append(g.AccessKeys, sg.AccessKeys...)
		g.LoginProfiles = append(g.LoginProfiles, sg.LoginProfiles...)
		g.PasswordPolicies = append(g.PasswordPolicies, sg.PasswordPolicies...)
		for d, cs := range sg.Consumers {
			if g.Consumers == nil {
				g.Consumers = map[*iam.Document][]string{}
			}
			g.Consumers[d] = append(g.Consumers[d], cs...)
		}
	}
	g.Secrets = findSecrets(secrets, sources)
	diags = append(diags, resolveManaged(g)...) // managed.go: AWS managed policies from the snapshot
	return m, dedupe(diags)
}
