package extract

import (
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/fpath"
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
	secrets []foundSecret // credential literals of evaluated attributes
	shapes  shapeList     // see iam.Graph.Shapes (addShapes)
	rootDir string        // the root module's directory ("" when the space has no root module)
	called  []string      // directories of the module instances the root calls

	pending []pendingDoc      // documents to parse (SpacesDeferred), by Merge
	srcs    map[string][]byte // the sources that locate them
	// raws holds, for each pending document (nil: none), the bytes of
	// the source at its Range, copied out of it by Detach (nil: read from
	// srcs). Apart from pending: most spaces have none.
	raws [][]byte
}

// SpaceOf extracts the model of one address space: mods are a root
// module instance followed by the instances of the modules it calls, as
// eval.Evaluate returns them. It only reads mods. Spaces are independent:
// SpaceOf may run for several spaces at once; Merge joins them.
func SpaceOf(mods []*eval.Module) *Space { return spaceOf(mods, nil, false, nil, 0) }

// SpaceOfMax is SpaceOf reading the policies of the space up to about
// maxValues values (actions, resources, principals, condition values;
// DefaultMaxValues when not positive): the policies of the blocks past
// them are Unknown documents, not read, and an error says where (see
// budget.go).
func SpaceOfMax(mods []*eval.Module, maxValues int) *Space {
	return spaceOf(mods, nil, false, nil, maxValues)
}

// spaceOf is SpaceOfMax with the source files (by name) whose JSON string
// literals locate the policies they hold (plans: see stringMapper).
func spaceOf(mods []*eval.Module, srcs map[string][]byte, deferred bool, documented func(), maxValues int) *Space {
	sp := &Space{}
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
	x := newExtractor(live, maxValues) // renders the data documents the graph reads
	x.srcs = srcs
	x.deferred = deferred
	gb := newGraphBuilder(live)
	gb.unread = x.unreadDocs
	side := []func(){
		func() { sp.secrets, _ = scanBodiesInto(live, &sp.shapes) },
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
	if documented != nil {
		documented()
	}
	sp.graph = gb.link(sp.Documents, x.shadowed)
	sp.Diags = append(sp.Diags, gb.diags...)
	for _, mod := range live {
		if mod.Path != "" && mod.Dir != "" {
			sp.called = append(sp.called, fpath.Clean(mod.Dir))
		}
	}
	if live[0].Path == "" && live[0].Dir != "" {
		sp.rootDir = fpath.Clean(live[0].Dir)
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
		addShapes(g.Shapes, &sp.shapes)
		sg := sp.graph
		if sg == nil {
			continue
		}
		if sp.rootDir != "" && called[sp.rootDir] {
			MarkPartial(sg, true) // its external links too: the called instance has them all
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

// Joiner joins address spaces one at a time, in order, the way Merge joins
// them all at once, so that a caller can lint each space's model as soon as
// it is extracted and drop it: Next gives the model of one space, Finish
// what only every space gives (the credential literals, the diagnostics in
// Merge's order). It keeps the shapes of every space (first wins, as in
// Merge), the directories the spaces call, and the secrets and diagnostics
// of each: small next to the models.
//
// A model of one space differs from the merged model only where spaces
// meet; the joiner says when that may have changed what a rule saw:
// ShapesMissed (a rule looked a shape up that a later space recorded), and
// the caller decides the spaces whose root is called only by a later space
// (Called, at the end). Next must not run while a model it returned is
// still read (the shapes map is shared).
//
// The shapes of the spaces are added to the map only when a rule of a
// model looks one up (fillShapes, through iam.Graph.ShapesFill), or when
// ShapesMissed needs them: most runs never look one up, and the map held
// every unknown string of every space (5,420 on a generated estate of 200
// files, 1% of the instructions with their scan).
type Joiner struct {
	shapes  map[iam.Range]string
	pending []shapeList // the shapes of the spaces added since the last fill, in order (copies: a pointer into a Space would keep its model)
	fillMu  sync.Mutex  // guards shapes and pending while the rules run
	filled  atomic.Bool // pending is empty
	called  map[string]bool
	diags   hcl.Diagnostics
	managed hcl.Diagnostics
	secrets [][]foundSecret

	missMu sync.Mutex
	missed map[iam.Range]bool // shape lookups that found none
}

// NewJoiner returns an empty Joiner.
func NewJoiner() *Joiner {
	return &Joiner{shapes: map[iam.Range]string{}, called: map[string]bool{}, missed: map[iam.Range]bool{}}
}

// Next adds the next space, in order, and returns its model: the space's
// documents and graph, the shapes of the spaces so far (the first space's
// shape of a range wins, as in Merge), no credential literals (see Finish),
// AWS managed policies resolved. called reports whether the space's root is
// a directory that a space added so far (this one included) calls; the
// entities are not marked (MarkPartial).
func (j *Joiner) Next(sp *Space) (m *iam.Model, called bool) {
	if sp == nil {
		return &iam.Model{Graph: &iam.Graph{Shapes: j.shapes, ShapesFill: j.fillShapes}}, false
	}
	sp.complete()
	for _, d := range sp.called {
		j.called[d] = true
	}
	if len(sp.shapes.entries) > 0 {
		j.pending = append(j.pending, sp.shapes)
		j.filled.Store(false)
	}
	j.diags = append(j.diags, sp.Diags...)
	j.secrets = append(j.secrets, sp.secrets)
	g := sp.graph
	if g == nil {
		g = &iam.Graph{}
	}
	g.Shapes = j.shapes
	g.ShapesFill = j.fillShapes
	g.ShapeMissed = j.miss
	j.managed = append(j.managed, resolveManaged(g)...)
	return &iam.Model{Documents: sp.Documents, Graph: g}, sp.rootDir != "" && j.called[sp.rootDir]
}

// fillShapes adds the shapes of the spaces added so far to the map, in
// order (the first of a range kept, as Merge keeps it). It is safe for
// concurrent use by the rules of a model (Next does not run meanwhile): a
// reader reads the map after it returns.
func (j *Joiner) fillShapes() {
	if j.filled.Load() {
		return
	}
	j.fillMu.Lock()
	defer j.fillMu.Unlock()
	for i := range j.pending {
		addShapes(j.shapes, &j.pending[i])
		j.pending[i] = shapeList{}
	}
	j.pending = j.pending[:0]
	j.filled.Store(true)
}

func (j *Joiner) miss(r iam.Range) {
	j.missMu.Lock()
	j.missed[r] = true
	j.missMu.Unlock()
}

// Called reports whether dir is a directory that a space added so far
// calls.
func (j *Joiner) Called(dir string) bool { return dir != "" && j.called[dir] }

// ShapesMissed reports whether a shape looked up in a model of Next and not
// found was recorded by a space added after it: in the merged model the
// lookup would have found it.
func (j *Joiner) ShapesMissed() bool {
	j.missMu.Lock()
	defer j.missMu.Unlock()
	if len(j.missed) == 0 {
		return false
	}
	j.fillShapes()
	for r := range j.missed {
		if _, ok := j.shapes[r]; ok {
			return true
		}
	}
	return false
}

// Finish returns what Merge gives of all the spaces added: the credential
// literals of the spaces and of every source file (iam.Graph.Secrets) and
// the diagnostics, in Merge's order, deduplicated.
func (j *Joiner) Finish(sources map[string][]byte) ([]*iam.Secret, hcl.Diagnostics) {
	return findSecrets(j.secrets, sources), dedupe(append(append(hcl.Diagnostics(nil), j.diags...), j.managed...))
}

// RootDir is the directory of the space's root module ("" when it has
// none).
func (sp *Space) RootDir() string { return sp.rootDir }

// HasEntities reports whether the space's graph has a user, group, role or
// permission set (what MarkPartial marks).
func (sp *Space) HasEntities() bool {
	g := sp.graph
	return g != nil && len(g.Users)+len(g.Groups)+len(g.Roles)+len(g.PermissionSets) > 0
}

// MarkPartial sets (or clears) Partial on the users, groups, roles and
// permission sets of g, as Merge does for a space whose root another space
// calls.
func MarkPartial(g *iam.Graph, on bool) {
	if g == nil {
		return
	}
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		for _, e := range es {
			e.Partial = on
		}
	}
}
