package extract

import (
	"path/filepath"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
)

// PlanStream is SpacesDeferred for a plan whose resource bodies are built
// a chunk at a time (plan.Plan.Stream): the blocks are handed to Add in the
// order of the result's modules and blocks, and each chunk's bodies are read
// (their policies, credentials and shapes) and then cut down to what the
// identity graph reads (lightBody) before the next chunk is built. The graph
// is linked by Spaces, once every entity is known. The values of a big plan
// are then never all in memory at once. The result is SpacesDeferred's.
//
// The result's data sources (policy documents, data aws_iam_policy) must
// have their bodies when NewPlanStream is called: consumers and the graph
// read them across blocks.
type PlanStream struct {
	res  *eval.Result
	mods []*eval.Module
	x    *extractor
	sp   *Space
	seen map[string]bool // the credentials found so far (scanBodies)

	parallel bool          // consumeParallel, as spaceOf would for this many consumers
	queue    []*eval.Block // consumers read, not yet extracted
	parts    []consumed

	// The entities of the graph are made as the blocks come (Add), while
	// the next chunk is built, not on one CPU at the end: gb, with the
	// blocks it was given in order (Spaces checks them against the
	// result's).
	gb       *graphBuilder
	entBlock []*eval.Block

	// NoSecrets leaves the credentials of the bodies unsought (Add walks
	// them for their shapes only): for a plan whose caller finds the
	// credentials of the plan's file in its text and drops those the
	// bodies hold there (the linter's planSecrets), the walk's regexps
	// over every string of every body found nothing that is reported.
	NoSecrets bool
}

// Lit gives the extraction the bytes of the plan file name that the
// result's sources do not hold (a plan read through windows: lit returns
// the bytes from a to b of the chunks the stream's caller holds, nil for
// others): the policy texts decoded from a literal of name are parsed
// from it again by Merge, once the space has its bytes (Space.DetachRead).
// Called before Add.
func (ps *PlanStream) Lit(name string, lit func(a, b int) []byte) {
	ps.x.lit, ps.x.litName = lit, name
}

// LitText gives the extraction what tells that a policy string of a body
// is the text of the JSON string literal at its range in the plan file
// name (plan.Plan.LitText): such a string is not compared with its
// literal (literalHolds) before its document is deferred to be parsed
// from the literal. Called before Add.
func (ps *PlanStream) LitText(name string, holds func(s string, at int) bool) {
	ps.x.litText, ps.x.litFile = holds, name
}

// NewPlanStream starts the extraction of res, which holds consumers
// consumer blocks (isConsumer once their bodies are built). It returns nil
// when res is not one address space (a plan always is).
func NewPlanStream(res *eval.Result, consumers int) *PlanStream {
	if res == nil {
		return nil
	}
	var live []*eval.Module
	for i, m := range res.Modules {
		if m == nil {
			continue
		}
		if (i == 0) != (m.Path == "") {
			return nil
		}
		live = append(live, m)
	}
	if len(live) == 0 {
		return nil
	}
	x := newExtractor(live, noBound)
	x.srcs = res.Sources
	x.deferred = true
	x.ownTexts = true
	if consumers > 0 {
		// Room for a policy and a quarter per consumer (as
		// consumeParallel gives each chunk): grown from empty, the list
		// of a big plan's documents was a third more than it holds at
		// the end, and as much again of garbage on the way (the 200 MB
		// bench plan: 14 MB for 9 MB of entries, while the stream's
		// memory is at its peak).
		x.pending = make([]pendingDoc, 0, consumers+consumers/4)
	}
	gb := newGraphBuilder(live)
	gb.initEntities([4]int{})
	return &PlanStream{res: res, mods: live, x: x, sp: &Space{}, seen: map[string]bool{},
		parallel: consumers >= 2*consumeChunk && !serialSpaces, gb: gb}
}

// Add reads the blocks (the next ones of the result, in order, with their
// bodies) and replaces the body of each resource it is done with by its
// light body.
//
// The bodies are walked (credentials, shapes) and the resources that are
// not consumers lightened on every CPU, a run of addRun blocks at a time:
// each run's credentials and shapes are kept apart and taken in the order
// of the blocks after, as one walk in order takes them. A block's walk and
// lightening touch only its own body's Nodes (the stream built them for
// it). The entities of the graph are then made in order.
func (ps *PlanStream) Add(blocks []*eval.Block) {
	type found struct {
		secrets []foundSecret
		shapes  shapeList
	}
	runs := make([]found, (len(blocks)+addRun-1)/addRun)
	par.For(len(runs), 1, func(r int) {
		f := &runs[r]
		w := bodyWalk{add: func(s foundSecret) { f.secrets = append(f.secrets, s) }, shapes: &f.shapes}
		for _, bl := range blocks[r*addRun : min((r+1)*addRun, len(blocks))] {
			if bl == nil || bl.Body == nil {
				continue
			}
			w.bl = bl
			w.walk(bl.Body, "", 0, !ps.NoSecrets)
			if !isConsumer(bl) {
				// What entityOf reads of a body (a name, a boundary, a
				// data document's rendering) is the same before and
				// after lighten.
				ps.lighten(bl)
			}
		}
	})
	for r := range runs {
		for _, s := range runs[r].secrets {
			k := secretKey(s.Secret)
			if !ps.seen[k] {
				ps.seen[k] = true
				ps.sp.secrets = append(ps.sp.secrets, s)
			}
		}
		// The first node met at a range gives its shape (shapeOf): the
		// first run's, and in a run, its first (addShapes keeps the
		// first entry of a range).
		ps.sp.shapes.add(&runs[r].shapes)
	}
	for _, bl := range blocks {
		if bl == nil || bl.Body == nil {
			continue
		}
		ps.gb.entityOf(bl, len(ps.entBlock))
		ps.entBlock = append(ps.entBlock, bl)
		if isConsumer(bl) {
			ps.queue = append(ps.queue, bl)
		}
	}
	if !ps.parallel {
		ps.consume(len(ps.queue))
		return
	}
	// The chunks of consumeParallel are those of one call over all the
	// consumers: whole chunks only, until the last.
	ps.consume(len(ps.queue) / consumeChunk * consumeChunk)
}

// addRun is the number of blocks of a run of Add's walk.
const addRun = 64

// consume extracts the first n consumers of the queue.
func (ps *PlanStream) consume(n int) {
	if n == 0 {
		return
	}
	q := ps.queue[:n]
	if ps.parallel {
		ps.parts = append(ps.parts, ps.x.consumeParallel(q)...)
	} else {
		ps.parts = append(ps.parts, ps.x.consumeAll(q))
	}
	par.For(len(q), addRun, func(i int) { ps.lighten(q[i]) })
	clear(q)
	ps.queue = append(ps.queue[:0], ps.queue[n:]...)
}

// Spaces extracts what is left and links the graph: the spaces of the
// result (one), as SpacesDeferred returns them.
func (ps *PlanStream) Spaces() []*Space {
	ps.consume(len(ps.queue))
	sp, x := ps.sp, ps.x
	gb := ps.gb
	if !ps.sameBlocks() {
		// Not handed every block with a body, in order (never so
		// from plan.Plan.Stream): made again from the result.
		gb = newGraphBuilder(ps.mods)
		gb.entities()
	}
	ps.gb, ps.entBlock = nil, nil
	sp.Documents = x.finish(ps.parts)
	ps.parts = nil
	sp.Diags = x.diags
	sp.pending, sp.srcs = x.pending, ps.res.Sources
	sp.graph = gb.link(sp.Documents, x.shadowed)
	sp.Diags = append(sp.Diags, gb.diags...)
	for _, mod := range ps.mods {
		if mod.Path != "" && mod.Dir != "" {
			sp.called = append(sp.called, filepath.Clean(mod.Dir))
		}
	}
	if ps.mods[0].Path == "" && ps.mods[0].Dir != "" {
		sp.rootDir = filepath.Clean(ps.mods[0].Dir)
	}
	return []*Space{sp}
}

// sameBlocks reports whether Add was handed the blocks with a body of the
// result, in order (the positions entities gives them).
func (ps *PlanStream) sameBlocks() bool {
	k := 0
	for _, mod := range ps.mods {
		for _, bl := range mod.Blocks {
			if bl == nil || bl.Body == nil {
				continue
			}
			if k >= len(ps.entBlock) || ps.entBlock[k] != bl {
				return false
			}
			k++
		}
	}
	return k == len(ps.entBlock)
}

// graphAttrs are the attributes of a resource that the graph reads
// (graph.go: entityOf, blockLinks, consumers, boundary, and the bodies of
// aws_iam_policy that attachments and boundaries reach); the others are
// read only by the consumers and the credential scan, while the block's
// chunk is read. TestPlanStreamGraph checks that the graph of light bodies
// is the graph of whole ones.
var graphAttrs = map[string][]string{
	"aws_iam_user":                               {"name", "permissions_boundary", "groups", "inline_policy"},
	"aws_iam_group":                              {"name"},
	"aws_iam_role":                               {"name", "permissions_boundary", "assume_role_policy", "inline_policy", "managed_policy_arns"},
	"aws_ssoadmin_permission_set":                {"name"},
	"aws_iam_policy":                             {"name", "policy"},
	"aws_iam_user_group_membership":              {"user", "groups"},
	"aws_iam_group_membership":                   {"group", "users"},
	"aws_iam_user_policy":                        {"user", "policy"},
	"aws_iam_group_policy":                       {"group", "policy"},
	"aws_iam_role_policy":                        {"role", "policy"},
	"aws_ssoadmin_permission_set_inline_policy":  {"permission_set_arn", "inline_policy"},
	"aws_iam_user_policy_attachment":             {"user", "policy_arn"},
	"aws_iam_group_policy_attachment":            {"group", "policy_arn"},
	"aws_iam_role_policy_attachment":             {"role", "policy_arn"},
	"aws_iam_user_policy_attachments_exclusive":  {"user_name", "policy_arns"},
	"aws_iam_group_policy_attachments_exclusive": {"group_name", "policy_arns"},
	"aws_iam_role_policy_attachments_exclusive":  {"role_name", "policy_arns"},
	"aws_ssoadmin_managed_policy_attachment":     {"permission_set_arn", "managed_policy_arn"},
	"aws_iam_policy_attachment":                  {"policy_arn", "users", "groups", "roles"},
	"aws_iam_access_key":                         {"user", "status", "pgp_key"},
	"aws_iam_user_login_profile":                 {"user"},
	"aws_iam_account_password_policy":            passwordAttrs,
}

// policyAttrs are the attributes of graphAttrs that hold a policy text:
// the graph reads of it only whether it is a known string and, when it is,
// which data document renders it (docByJSON).
var policyAttrs = map[string]bool{"policy": true, "assume_role_policy": true, "inline_policy": true}

// noBody is the light body of a resource the graph reads nothing of
// (read-only, shared).
var noBody = &eval.Node{Val: cty.EmptyObjectVal}

// lighten replaces the body of resource bl by its light body.
func (ps *PlanStream) lighten(bl *eval.Block) {
	if bl.Mode != "resource" || bl.Body == nil {
		return
	}
	bl.Body = lightBody(bl.Type, bl.Body, ps.x.byJSON)
}

// lightBody cuts body down to what the graph reads of it (Get of the
// attributes of graphAttrs, and of what they hold), answering those reads
// as before: the scalars among them become Nodes of their own (as Get
// derives them), and a known policy text that is not the json of a data
// document (byJSON) becomes a short string that is not one either. The
// Nodes are changed in place: the stream owns them (they were built for
// its chunk, and nothing but the graph reads them once it is read).
func lightBody(typ string, body *eval.Node, byJSON map[string]*eval.Block) *eval.Node {
	attrs, ok := graphAttrs[typ]
	if !ok {
		return noBody
	}
	v := body.Val
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || body.Inst() != "" {
		return body // unknown as a whole: small
	}
	if _, clash := byJSON[notJSON.AsString()]; clash {
		byJSON = nil // keep every text (never so in practice)
	}
	var kept []*eval.Node
	var keys []string
	for _, k := range attrs {
		c := body.Get(k)
		if c == nil {
			continue
		}
		if policyAttrs[k] {
			c = lightPolicy(c, byJSON, k == "inline_policy" && (typ == "aws_iam_role" || typ == "aws_iam_user"))
		}
		keys = append(keys, k)
		kept = append(kept, c)
	}
	if kept == nil {
		kept = []*eval.Node{}
	}
	body.Val = cty.EmptyObjectVal
	body.SetAttrs(keys, kept)
	return body
}

// notJSON is the light text of a policy that no data document renders,
// and notDoc the Node of it, shared by all (read-only; the graph reads of
// a policy text no range).
var (
	notJSON    = cty.StringVal("\x00")
	notDoc     = &eval.Node{Val: notJSON}
	notDocKids = []*eval.Node{notDoc}
	notDocKeys = []string{"policy"}
	policyKeys = notDocKeys
)

// lightPolicy is lightBody for a policy attribute n (blocks, for a nested
// inline_policy block list: of each block, its policy): the Node to keep.
// byJSON nil keeps every text.
func lightPolicy(n *eval.Node, byJSON map[string]*eval.Block, blocks bool) *eval.Node {
	if blocks {
		if len(n.Elems) == 0 || isNull(n) {
			return n // blocksOf reads its value: small (no policy Node below)
		}
		n.Val = cty.EmptyTupleVal // blocksOf reads the Elems
		for _, e := range n.Elems {
			if e == nil || isNull(e) || e.Val == cty.NilVal || !e.Val.IsKnown() || !e.Val.Type().IsObjectType() || e.Inst() != "" {
				continue
			}
			p := e.Get("policy")
			e.Val = cty.EmptyObjectVal
			e.ClearAttrs()
			if p == nil {
				continue
			}
			if p = lightPolicy(p, byJSON, false); p == notDoc {
				e.SetAttrs(notDocKeys, notDocKids)
			} else {
				e.SetAttrs(policyKeys, []*eval.Node{p})
			}
		}
		return n
	}
	if n.Text != nil || n.JSONArg() != nil || !isKnown(n.Val) || n.Val.IsNull() || n.Val.Type() != cty.String {
		return n
	}
	if byJSON == nil {
		return ownText(n)
	}
	if _, doc := byJSON[n.Val.AsString()]; doc {
		return ownText(n)
	}
	if n.RefTo() != nil || n.PartialOf() != nil || n.Alts() != nil || n.Inst() != "" {
		n.Val = notJSON
		return n
	}
	return notDoc
}

// ownText gives the known string of n (a policy text kept in a light
// body) memory of its own: the stream may have decoded it in memory that
// is reused once its chunk is read (plan.Plan.StreamHeld).
func ownText(n *eval.Node) *eval.Node {
	n.Val = cty.StringVal(strings.Clone(n.Val.AsString()))
	return n
}

// Held is the first block handed to Add whose body the stream still reads
// (a consumer not yet extracted), nil for none: see plan.Plan.StreamHeld.
func (ps *PlanStream) Held() *eval.Block {
	if len(ps.queue) == 0 {
		return nil
	}
	return ps.queue[0]
}

// ConsumerType reports whether the resources of type typ are consumers
// (see NewPlanStream's count).
func ConsumerType(typ string) bool { return consumerTypes[typ] }
