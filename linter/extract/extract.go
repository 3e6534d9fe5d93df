package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// Extract builds the IAM model from an evaluation result: one Document per
// policy per consuming attribute (per branch of an unknown conditional), with
// its kind, address and module call chain. Policy JSON that does not parse is
// an error diagnostic with the exact position; the rest is still extracted.
func Extract(res *eval.Result) (*iam.Model, hcl.Diagnostics) {
	if res == nil {
		return &iam.Model{Graph: &iam.Graph{}}, nil
	}
	return Merge(Spaces(res), res.Sources)
}

// Spaces extracts each address space of an evaluation result (a root module
// with the modules it calls: the modules from one with an empty Path to the
// next) with SpaceOf, without SpaceOfMax's bound on the values read: a
// plan's values are each written in its text (none multiplied by count or
// for_each), which bounds them.
func Spaces(res *eval.Result) []*Space { return spaces(res, false, nil) }

func spaces(res *eval.Result, deferred bool, documented func()) []*Space {
	if res == nil {
		return nil
	}
	var spaces []*Space
	var group []*eval.Module
	flush := func() {
		if len(group) > 0 {
			spaces = append(spaces, spaceOf(group, res.Sources, deferred, documented, noBound))
		}
		group = nil
	}
	for _, mod := range res.Modules {
		if mod == nil {
			continue
		}
		if mod.Path == "" {
			flush()
		}
		group = append(group, mod)
	}
	flush()
	return spaces
}

// dedupe drops repeated diagnostics (a policy reached by several branches).
func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	seen := map[string]bool{}
	for _, d := range diags {
		k := d.Summary + "\x00" + d.Detail
		if d.Subject != nil {
			k += "\x00" + d.Subject.String()
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// extractor extracts the documents of one root module and its module calls.
type extractor struct {
	mods []*eval.Module
	// docs holds the data aws_iam_policy_document instances by address:
	// those a reference names. A second declaration of an address (a
	// shadowed block, eval.Block.Shadowed) is none of them: it is linted on
	// its own, and every map below is keyed by the block, not by its
	// address, so that the two declarations of one address stay two.
	docs map[string]*eval.Block
	// byJSON finds a data document by its rendered json or minified_json, for
	// values that lost their reference on the way (one(), join(), compact()).
	byJSON map[string]*eval.Block
	diags  hcl.Diagnostics

	used  map[*eval.Block]map[iam.Kind]bool // data document -> kinds of its consumers
	parts map[*eval.Block][]*eval.Block     // data document -> documents it is a source/override of
	// merged counts the statements of merged lists (spendMerged).
	merged int
	// kindsOf remembers kinds' results (read only by their callers).
	kindsOf map[*eval.Block]map[iam.Kind]bool
	// survives holds the statements of source/override documents that are
	// still in the merged statements of some document that is not only a
	// source/override (one that reaches AWS) after override by Sid.
	survives map[*iam.Statement]bool
	// full holds, per built document variant, every statement of its merge
	// (its own and those of the documents it merges, transitively), in
	// order: what another document merging it takes.
	full  map[*iam.Document][]*iam.Statement
	built map[*eval.Block]*policyDoc
	// shadowed holds, for each shadowed block (eval.Block.Shadowed), the
	// documents finish made of it; nil when there is none.
	shadowed map[*eval.Block][]*iam.Document

	// parsed holds the policy texts of consumer attributes parsed ahead,
	// in parallel (preparse); read-only while run extracts.
	parsed map[*eval.Node]*parsedText

	// srcs holds the source files by name, to locate the policies of JSON
	// string literals (a plan's); nil for HCL.
	srcs map[string][]byte
	// lit gives the bytes from a to b of the file litName when srcs does
	// not hold it (PlanStream.Lit), or nil.
	lit     func(a, b int) []byte
	litName string
	// litText, when not nil, reports that a policy string is the text
	// of the literal at a byte offset of the file litFile
	// (PlanStream.LitText).
	litText func(s string, at int) bool
	litFile string

	// deferred is set for a plan whose bodies the caller drops before the
	// model is merged (SpacesDeferred): the documents of the policy strings
	// consumers hold are handed out empty and built later (Space.complete),
	// listed in pending.
	deferred bool
	ownTexts bool // a deferred text that is not its literal is copied (PlanStream: plan.Plan.StreamHeld)
	pending  []pendingDoc
	docChunk []iam.Document // the Documents newDoc hands out next
	// docChunked is set once newDoc made its first chunk.
	docChunked bool

	trees     *treeArena                        // the nodeTrees of the FromTree call under way (fromJSON), from arenas
	direct    *directBuilder                    // fromJSON's, from directBuilders
	texts     *textBuf                          // fromNode's, from textBufs
	lastType  string                            // the type consumersOf looked up last
	lastCons  []consumer                        // its consumers
	consumers int                               // the consumer blocks of run (the room jsonDocs is made with)
	ch0       choices                           // the choices of consume's first variant (reused)
	jsonDocs  map[jsonKey]*iam.Document         // see fromJSON
	jsonDiags map[*iam.Document]hcl.Diagnostics // the diagnostics of those of jsonDocs (and textDocs) built with some
	textDocs  map[textKey]textDoc               // see fromNode

	// The bound on the values of the policies read (budget.go): maxValues,
	// the values read so far, the data documents not read, and the
	// blocks whose policies were not read, by configuration.
	maxValues  int
	values     int
	unreadDocs map[*eval.Block]bool
	unreads    []unread
	unreadAt   map[hcl.Range]int
}

// pendingDoc is a document whose policy text is parsed after the bodies
// are dropped (see SpacesDeferred).
type pendingDoc struct {
	doc    *iam.Document // handed out by consume (with the Range of the text), filled by complete
	src    string        // the text; "" when lit
	lit    bool          // the text is decoded from its literal at doc's Range when parsed (literalHolds)
	diagAt int           // where its diagnostics go in the space's Diags
}

// parsedText is the document parseString builds of a node's string for
// kind, with its diagnostics. The tree itself is not kept: holding every
// policy's tree until run reaches it was most of the peak memory of a big
// plan.
type parsedText struct {
	diags hcl.Diagnostics
	doc   *iam.Document
	kind  iam.Kind
	used  bool // doc was handed out (a second use builds its own)
}

// newExtractor returns the extractor of the space of mods, whose policies
// hold at most about maxValues values (DefaultMaxValues when not
// positive; see budget.go): it counts the values of the data documents
// and renders those it reads.
func newExtractor(mods []*eval.Module, maxValues int) *extractor {
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}
	x := &extractor{mods: mods, docs: map[string]*eval.Block{}, byJSON: map[string]*eval.Block{},
		used: map[*eval.Block]map[iam.Kind]bool{}, parts: map[*eval.Block][]*eval.Block{}, built: map[*eval.Block]*policyDoc{},
		survives: map[*iam.Statement]bool{}, full: map[*iam.Document][]*iam.Statement{}, maxValues: maxValues}
	for _, mod := range mods {
		for _, b := range mod.Blocks {
			if !x.isDoc(b) {
				continue
			}
			if !b.Shadowed() {
				x.docs[b.Address] = b
			}
			if x.overBudget() {
				// Neither rendered nor read (policyDoc, the graph).
				if x.unreadDocs == nil {
					x.unreadDocs = map[*eval.Block]bool{}
				}
				x.unreadDocs[b] = true
				x.skip(b)
				continue
			}
			x.values += docValues(b)
			if !b.Shadowed() {
				if r := b.Render(RenderPolicyDocument); isKnown(r) {
					for _, k := range []string{"json", "minified_json"} {
						if j := r.GetAttr(k); isKnown(j) {
							if _, dup := x.byJSON[j.AsString()]; !dup {
								x.byJSON[j.AsString()] = b
							}
						}
					}
				}
			}
		}
	}
	return x
}

var kindOrder = []iam.Kind{iam.Identity, iam.Trust, iam.Resource, iam.SCP}

func (x *extractor) run() []*iam.Document {
	// The consumers, with room for every block (a pointer each, most are
	// consumers in an estate): grown by appends, as much garbage again.
	n := 0
	for _, mod := range x.mods {
		n += len(mod.Blocks)
	}
	blocks := make([]*eval.Block, 0, n)
	for _, mod := range x.mods {
		for _, b := range mod.Blocks {
			if isConsumer(b) {
				blocks = append(blocks, b)
			}
		}
	}
	x.preparse(blocks)
	// Consumers first: they give the data documents their kinds. Their
	// documents are in parts, in the order of the blocks (an evaluation
	// lists a block once).
	var parts []consumed
	x.consumers = len(blocks)
	if x.deferred && len(blocks) >= 2*consumeChunk && !serialSpaces {
		parts = x.consumeParallel(blocks)
	} else {
		parts = []consumed{x.consumeAll(blocks)}
	}
	docs := x.finish(parts)
	x.diags = append(x.diags, x.unreadDiags()...)
	x.release()
	return docs
}

// release hands the extractor's treeArena and directBuilder (reset by
// fromJSON) back to their pools.
func (x *extractor) release() {
	if x.trees != nil {
		arenas.Put(x.trees)
		x.trees = nil
	}
	if x.direct != nil {
		directBuilders.Put(x.direct)
		x.direct = nil
	}
	if x.texts != nil {
		textBufs.Put(x.texts)
		x.texts = nil
	}
}

// arenas holds the treeArenas of extractors done with theirs: an
// extractor (a space) grew its own from empty, to the size of its biggest
// policy, a few times over for each of the hundreds of spaces of an
// estate.
var arenas = sync.Pool{New: func() any { return new(treeArena) }}

// finish is run once the consumers are extracted (parts, in the order of
// the blocks): the data documents, then every document in block order.
func (x *extractor) finish(parts []consumed) []*iam.Document {
	n := 0 // the documents out holds, a document per data document
	for _, mod := range x.mods {
		for _, b := range mod.Blocks {
			if x.isDoc(b) {
				x.safe(b, func() { x.policyDoc(b) })
				n++
			}
		}
	}
	for _, p := range parts {
		n += len(p.docs)
	}
	// The statements of a document that is only a source or override of
	// others survive when they are still in the merge of one that is not.
	for _, mod := range x.mods {
		for _, b := range mod.Blocks {
			if !x.isDoc(b) || len(x.used[b]) == 0 && len(x.parts[b]) > 0 {
				continue
			}
			for _, d := range x.policyDoc(b).variants {
				for _, st := range x.full[d] {
					x.survives[st] = true
				}
			}
		}
	}
	out := make([]*iam.Document, 0, n)
	x.kindsOf = nil    // parts and used are complete now
	part, next := 0, 0 // the next consumer's documents: parts[part], its block next
	for _, mod := range x.mods {
		for _, b := range mod.Blocks {
			if b == nil {
				continue
			}
			from := len(out)
			if x.isDoc(b) {
				pd := x.policyDoc(b)
				if pd.busy || len(pd.variants) == 0 {
					pd = &policyDoc{variants: []*iam.Document{{Address: b.Address, ResourceType: policyDocumentType,
						Attribute: "json", Range: iam.MakeRange(b.Range), Related: related(b), Unknown: true}}}
				}
				kinds := x.kinds(b, map[*eval.Block]bool{})
				// A document used only as a source or override of others
				// reaches AWS only through them: judge just the statements
				// that survive their merges (an override by Sid replaces one).
				onlyPart := len(x.used[b]) == 0 && len(x.parts[b]) > 0
				for _, k := range kindOrder {
					if !kinds[k] {
						continue
					}
					for _, d := range pd.variants {
						cp := *d
						cp.Kind = k
						if onlyPart {
							cp.Statements = nil
							for _, st := range d.Statements {
								if x.survives[st] {
									cp.Statements = append(cp.Statements, st)
								}
							}
						}
						out = append(out, &cp)
					}
				}
			} else if isConsumer(b) {
				for next == len(parts[part].ends) {
					part, next = part+1, 0
				}
				out = append(out, parts[part].of(next)...)
				next++
			}
			if b.Shadowed() {
				// Its documents, told apart from those of the first
				// declaration of its address (the graph's links).
				if x.shadowed == nil {
					x.shadowed = map[*eval.Block][]*iam.Document{}
				}
				x.shadowed[b] = out[from:len(out):len(out)]
			}
		}
	}
	return out
}

// consumersOf is consumers[typ], that of the type asked last remembered:
// the blocks of a type come in runs (a file of one resource type, the
// instances of a block), and a lookup hashes the type's name.
func (x *extractor) consumersOf(typ string) []consumer {
	if typ != x.lastType {
		x.lastType, x.lastCons = typ, consumers[typ]
	}
	return x.lastCons
}

// isConsumer tells whether b is a block whose documents the consumer pass
// of run extracts.
func isConsumer(b *eval.Block) bool {
	return b != nil && b.Mode == "resource" && b.Body != nil && consumerTypes[b.Type]
}

// consumerTypes holds the types of consumers and lambdaPermissions: one
// map lookup per block where isConsumer made two (it is asked of every
// block several times).
var consumerTypes = func() map[string]bool {
	m := map[string]bool{}
	for t := range lambdaPermissions {
		m[t] = true
	}
	for t, cs := range consumers {
		if len(cs) > 0 {
			m[t] = true
		}
	}
	return m
}()

// isDoc tells whether b is a data aws_iam_policy_document: one of x.docs,
// or a second declaration of the address of one (linted too).
func (x *extractor) isDoc(b *eval.Block) bool {
	return b != nil && b.Mode == "data" && b.Type == policyDocumentType
}

// consumed holds the documents of consumer blocks, in order: those of
// the i-th are docs[ends[i-1]:ends[i]].
type consumed struct {
	docs []*iam.Document
	ends []int32
}

// of returns the documents of the i-th block.
func (c consumed) of(i int) []*iam.Document {
	lo := int32(0)
	if i > 0 {
		lo = c.ends[i-1]
	}
	return c.docs[lo:c.ends[i]]
}

// consumeAll extracts the documents of the consumer blocks, in order.
func (x *extractor) consumeAll(blocks []*eval.Block) consumed {
	// Room for a policy and a quarter per block (as consumeParallel's
	// pending documents).
	c := consumed{docs: make([]*iam.Document, 0, len(blocks)+len(blocks)/4), ends: make([]int32, len(blocks))}
	var ats []*eval.Node
	for i, b := range blocks {
		if x.overBudget() && len(x.consumersOf(b.Type)) > 0 {
			c.docs = x.unreadBlock(c.docs, b)
			c.ends[i] = int32(len(c.docs))
			continue
		}
		from := len(c.docs)
		x.safe(b, func() {
			cs := x.consumersOf(b.Type)
			switch {
			case len(cs) == 0 && b.Type == "aws_cloudwatch_event_permission":
				c.docs = append(c.docs, x.eventPermission(b)...)
			case len(cs) == 0 && lambdaPermissions[b.Type]:
				c.docs = append(c.docs, x.lambdaPermission(b)...)
			default:
				for _, k := range cs {
					if k.When != nil && !k.When(b.Body) {
						continue
					}
					ats = appendAttrNodes(ats[:0], b.Body, k.Path)
					for _, at := range ats {
						c.docs = x.consume(c.docs, b, at, k)
					}
				}
			}
		})
		x.values += docsValues(c.docs[from:])
		c.ends[i] = int32(len(c.docs))
	}
	return c
}

// unreadBlock appends to out the documents of the policies of consumer
// block b past the bound of the values read (budget.go): an Unread
// document for each policy consume would read, none for a reference to a
// data document (which takes the consumer's kind, as consume gives it),
// null or an empty string.
func (x *extractor) unreadBlock(out []*iam.Document, b *eval.Block) []*iam.Document {
	from := len(out)
	var ats []*eval.Node
	for _, k := range x.consumersOf(b.Type) {
		if k.When != nil && !k.When(b.Body) {
			continue
		}
		attrName := strings.Join(k.Path, ".")
		ats = appendAttrNodes(ats[:0], b.Body, k.Path)
		for _, at := range ats {
			if ref := x.docRef(at); ref != nil {
				if x.used[ref] == nil {
					x.used[ref] = map[iam.Kind]bool{}
				}
				x.used[ref][k.Kind] = true
				continue
			}
			if isNull(at) {
				continue
			}
			if isEmptyString(at) {
				continue
			}
			d := unreadDoc(at.Range, k.Kind)
			x.named(d, b, attrName)
			out = append(out, d)
		}
	}
	if len(out) > from {
		x.skip(b)
	}
	return out
}

// consumeChunk is the number of consumer blocks a goroutine of
// consumeParallel extracts at a time.
const consumeChunk = 1024

// consumeParallel is consumeAll on every CPU, for a deferred extraction
// (whose consumers read only the blocks and the data documents: no
// preparsed text is shared). Each chunk of blocks is extracted by an
// extractor of its own; their diagnostics, pending documents and uses are
// then joined in block order, as consumeAll makes them.
func (x *extractor) consumeParallel(blocks []*eval.Block) []consumed {
	subs := make([]*extractor, (len(blocks)+consumeChunk-1)/consumeChunk)
	parts := make([]consumed, len(subs))
	par.For(len(subs), 1, func(c int) {
		lo, hi := c*consumeChunk, min((c+1)*consumeChunk, len(blocks))
		// Room for a policy and a quarter per block (a role has its
		// trust policy and inline ones): the pending documents are
		// copied into x's right after, and growing them by appends
		// was as much garbage again (p50: 7.8 MB allocated while the
		// plan's values are all in memory).
		sub := &extractor{mods: x.mods, docs: x.docs, byJSON: x.byJSON, srcs: x.srcs, lit: x.lit, litName: x.litName, litText: x.litText, litFile: x.litFile, deferred: x.deferred, ownTexts: x.ownTexts,
			used: map[*eval.Block]map[iam.Kind]bool{}, built: map[*eval.Block]*policyDoc{}, maxValues: noBound}
		if x.deferred {
			sub.pending = make([]pendingDoc, 0, (hi-lo)+(hi-lo)/4)
		}
		parts[c] = sub.consumeAll(blocks[lo:hi])
		sub.release()
		subs[c] = sub
	})
	np, nd := len(x.pending), len(x.diags)
	for _, sub := range subs {
		np += len(sub.pending)
		nd += len(sub.diags)
	}
	if np > cap(x.pending) {
		// At least twice the room: a streamed plan joins its chunks'
		// documents here one chunk after the other (slices.Grow alone
		// grows a big slice by a quarter: 11 MB of garbage on p50).
		x.pending = slices.Grow(x.pending, max(np, 2*cap(x.pending))-len(x.pending))
	}
	x.diags = slices.Grow(x.diags, nd-len(x.diags))
	for _, sub := range subs {
		for _, p := range sub.pending {
			p.diagAt += len(x.diags)
			x.pending = append(x.pending, p)
		}
		x.diags = append(x.diags, sub.diags...)
		for doc, kinds := range sub.used {
			if x.used[doc] == nil {
				x.used[doc] = map[iam.Kind]bool{}
			}
			for k := range kinds {
				x.used[doc][k] = true
			}
		}
	}
	return parts
}

// safe runs fn for block b; a panic (a bug) becomes an error diagnostic on
// the block instead of ending the run, and the block's policies are unknown.
func (x *extractor) safe(b *eval.Block, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			x.diags = append(x.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Internal error extracting policies",
				Detail: fmt.Sprintf("iamlint could not read the policies of %s (%v); please report this.%s", b.Address, r, eval.PanicStack()), Subject: b.Range.Ptr()})
			if x.isDoc(b) {
				x.built[b] = &policyDoc{variants: []*iam.Document{{Address: b.Address, ResourceType: policyDocumentType,
					Attribute: "json", Range: iam.MakeRange(b.Range), Related: related(b), Unknown: true}}}
			}
		}
	}()
	fn()
}

// kinds returns the kinds a data document takes: those of its consumers and
// of the documents it is a source or override of; identity when none.
// Results found without meeting a cycle do not depend on the walk that found
// them and are remembered (kindsOf): a chain of n documents, each a source
// of the next, was walked n times from each of its documents (n = 8,000:
// 45 CPU s).
func (x *extractor) kinds(doc *eval.Block, visiting map[*eval.Block]bool) map[iam.Kind]bool {
	out, _ := x.kindsWalk(doc, visiting)
	return out
}

// kindsWalk is kinds, and whether the walk met a document it was already
// visiting (the result then depends on the walk: not remembered).
func (x *extractor) kindsWalk(doc *eval.Block, visiting map[*eval.Block]bool) (map[iam.Kind]bool, bool) {
	if k, ok := x.kindsOf[doc]; ok {
		return k, false
	}
	out := map[iam.Kind]bool{}
	if visiting[doc] {
		return out, true
	}
	visiting[doc] = true
	defer delete(visiting, doc)
	for k := range x.used[doc] {
		out[k] = true
	}
	cyc := false
	for _, parent := range x.parts[doc] {
		kinds, c := x.kindsWalk(parent, visiting)
		cyc = cyc || c
		for k := range kinds {
			out[k] = true
		}
	}
	if len(out) == 0 {
		out[iam.Identity] = true
	}
	if !cyc {
		if x.kindsOf == nil {
			x.kindsOf = map[*eval.Block]map[iam.Kind]bool{}
		}
		x.kindsOf[doc] = out
	}
	return out, cyc
}

// appendAttrNodes appends to out the nodes of an attribute path: the
// attribute itself, or the attribute of every block of the nested block
// types leading to it.
func appendAttrNodes(out []*eval.Node, body *eval.Node, path []string) []*eval.Node {
	if body == nil || len(path) == 0 {
		return out
	}
	if len(path) == 1 {
		if n := body.Get(path[0]); n != nil {
			out = append(out, n)
		}
		return out
	}
	for _, blk := range blocksOf(body.Get(path[0]), nil) {
		out = appendAttrNodes(out, blk, path[1:])
	}
	return out
}

// blocksOf returns the blocks of a nested block type node: its elements, or
// the node itself when it is one object (.tf.json). An unknown block list
// gives one unknown block. With no choices (c nil), a list or an element
// that is a conditional's value (a dynamic block over var.a ? x : y) gives
// the blocks of every branch (branches).
func blocksOf(n *eval.Node, c *choices) []*eval.Node {
	if c == nil && isBranches(n) {
		var out []*eval.Node
		for _, b := range branches(n) {
			out = append(out, blocksOf(b, nil)...)
		}
		return out
	}
	n = c.r(n)
	if isNull(n) {
		return nil
	}
	if len(n.Elems) > 0 {
		out := make([]*eval.Node, 0, len(n.Elems))
		for _, e := range n.Elems {
			if c == nil && isBranches(e) {
				for _, b := range branches(e) {
					if !isNull(b) {
						out = append(out, b)
					}
				}
				continue
			}
			if e = c.r(e); !isNull(e) {
				out = append(out, e)
			}
		}
		return out
	}
	v := n.Value()
	if !isKnown(v) {
		return []*eval.Node{n}
	}
	ty := v.Type()
	if ty.IsObjectType() || ty.IsMapType() {
		return []*eval.Node{n}
	}
	if !v.CanIterateElements() {
		return nil
	}
	var out []*eval.Node
	for i := 0; i < v.LengthInt(); i++ {
		if e := c.r(n.Index(i)); !isNull(e) {
			out = append(out, e)
		}
	}
	return out
}

// isBranches reports whether n is a conditional's value: unknown, with
// Alts.
func isBranches(n *eval.Node) bool {
	return n != nil && len(n.Alts()) > 0 && !isKnown(n.Val)
}

// branches returns the values n (a conditional's value) stands for, its
// branches' and theirs, at most maxVariants of them.
func branches(n *eval.Node) []*eval.Node {
	var out []*eval.Node
	var walk func(n *eval.Node)
	walk = func(n *eval.Node) {
		if len(out) >= maxVariants {
			return
		}
		if !isBranches(n) {
			out = append(out, n)
			return
		}
		for _, a := range n.Alts() {
			walk(a)
		}
	}
	walk(n)
	return out
}

// blocksOf is the package's blocksOf, with an error for each value that
// cannot be a block: a known string, number or bool where blocks (objects)
// are expected, whole (statement = "x", condition = 7) or as an element
// (principals = ["x"]). Terraform rejects them; they were skipped in
// silence, and what the document granted with them was not said. what
// names the block type.
func (x *extractor) blocksOf(n *eval.Node, c *choices, what string) []*eval.Node {
	return checkedBlocks(n, c, what, func(d *hcl.Diagnostic) { x.diags = append(x.diags, d) })
}

// checkedBlocks is blocksOf with an error (given to report) for each value
// that cannot be a block (extractor.blocksOf).
func checkedBlocks(n *eval.Node, c *choices, what string, report func(*hcl.Diagnostic)) []*eval.Node {
	bad := func(e *eval.Node) bool {
		if e == nil || len(e.Elems) > 0 || e.IsObject() {
			return false
		}
		v := e.Value()
		if !isKnown(v) || v.IsNull() || !v.Type().IsPrimitiveType() {
			return false
		}
		report(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + what,
			Detail:  fmt.Sprintf("%s must be a block (an object, or a list of objects); this is %s, and it is not linted.", what, withArticle(v.Type().FriendlyName())),
			Subject: e.Range.Ptr()})
		return true
	}
	if r := c.r(n); !isNull(r) && bad(r) {
		return nil
	}
	out := blocksOf(n, c)
	kept := out[:0]
	for _, e := range out {
		if !bad(e) {
			kept = append(kept, e)
		}
	}
	return kept
}

// shapeWant is what an attribute the extraction reads must hold
// (wrongShape).
type shapeWant uint8

const (
	wantString shapeWant = iota // a string (a number or a bool converts to one)
	wantARN                     // a string, which a number or a bool cannot be
	wantList                    // a list, set or tuple, or one string (read as a list of it)
	wantNumber                  // a whole number, or a string that converts to one
	wantBool                    // a bool, or a string that converts to one ("true", "false", "1", "0")
	wantStatus                  // an access key's status: "Active" or "Inactive" (case included)
)

// wrongShape returns the type (with its article) of the value n holds
// when it is known, not null and cannot be what want says: a list or an
// object where a string belongs, a map where a list does, a number where
// an ARN does; "" otherwise. Terraform rejects those values; the
// extraction read them as unknown, or as nothing, in silence. Unknown and
// null values are never wrong.
func wrongShape(n *eval.Node, want shapeWant) string {
	if n == nil {
		return ""
	}
	if n.IsObject() {
		return "an object"
	}
	if len(n.Elems) > 0 {
		if want == wantList {
			return ""
		}
		return "a list"
	}
	v := n.Value()
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() {
		return ""
	}
	t := v.Type()
	switch {
	case t == cty.String, t == cty.Number && want == wantNumber:
		switch want {
		case wantNumber:
			if _, ok := wholeNumber(v); !ok {
				return withArticle(t.FriendlyName()) + " that is not a whole number"
			}
		case wantBool:
			if _, ok := boolText(v); !ok {
				return `a string other than "true", "false", "1" or "0"`
			}
		case wantStatus:
			if s := v.AsString(); s != "Active" && s != "Inactive" {
				return "another string, which the AWS provider refuses at plan (case counts)"
			}
		}
		return ""
	case t == cty.Bool && want == wantBool:
		return ""
	case t == cty.Number || t == cty.Bool:
		if want == wantString {
			return ""
		}
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		if want == wantList {
			return ""
		}
	}
	return withArticle(t.FriendlyName())
}

// wholeNumber returns the decimal text of v, a number or a string, when
// Terraform converts it to a whole number (" 14", "14.5" and "abc" are
// not; "1e1" is 10), as it does for an integer attribute.
func wholeNumber(v cty.Value) (string, bool) {
	s, ok := scalarText(v)
	if !ok {
		return "", false
	}
	n, err := cty.ParseNumberVal(s)
	if err != nil {
		return "", false
	}
	f := n.AsBigFloat()
	if !f.IsInt() {
		return "", false
	}
	return f.Text('f', 0), true
}

// boolText returns "true" or "false" for v, a bool or a string, when
// Terraform converts it to a bool (go-cty: "true" and "1", "false" and "0";
// "TRUE" and "yes" are errors), as it does for a bool attribute.
func boolText(v cty.Value) (string, bool) {
	s, ok := scalarText(v)
	if !ok {
		return "", false
	}
	switch s {
	case "true", "1":
		return "true", true
	case "false", "0":
		return "false", true
	}
	return "", false
}

// shapeDiag is the error at n when it is not null and cannot be what want
// says (wrongShape), nil otherwise (elem: n is an element of attr).
func shapeDiag(n *eval.Node, attr string, want shapeWant, elem bool) *hcl.Diagnostic {
	if isNull(n) {
		return nil
	}
	if is := wrongShape(n, want); is != "" {
		return shapeError(n, attr, want, is, elem)
	}
	return nil
}

// shapeError is the error of a value of attr that is not what want says
// (wrongShape says what it is); elem: one of the list's elements.
func shapeError(n *eval.Node, attr string, want shapeWant, is string, elem bool) *hcl.Diagnostic {
	must := map[shapeWant]string{wantString: "a string", wantARN: "an ARN (a string)", wantList: "a list of strings",
		wantNumber: "a whole number", wantBool: "a bool", wantStatus: `"Active" or "Inactive"`}[want]
	what := attr
	if elem {
		what = "each element of " + attr
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + attr,
		Detail:  fmt.Sprintf("%s must be %s; this is %s, and it is not linted.", what, must, is),
		Subject: n.Range.Ptr()}
}

// docRef returns the data aws_iam_policy_document whose json n is, or nil:
// by reference (the first declaration of the address), or by its rendered
// text when the reference was lost in a function call.
func (x *extractor) docRef(n *eval.Node) *eval.Block {
	if n == nil {
		return nil
	}
	if n.RefTo() == nil {
		if s, ok := docText(n); ok && n.Text == nil {
			return x.byJSON[s]
		}
		return nil
	}
	if n.RefTo().Attr != "json" && n.RefTo().Attr != "minified_json" {
		return nil
	}
	return x.docs[n.RefTo().Address]
}

// consume appends to out the documents of the policy held by attribute
// node at of block b (one per variant).
//
// It is variants over consumeOne, without variants' allocations for the
// usual policy, which holds no conditional (one variant).
func (x *extractor) consume(out []*iam.Document, b *eval.Block, at *eval.Node, c consumer) []*iam.Document {
	attrName := strings.Join(c.Path, ".")
	c0 := &x.ch0
	*c0 = choices{}
	d := x.consumeOne(b, at, c, attrName, c0)
	if !moreVariants(c0) {
		*c0 = choices{}
		if d != nil {
			out = append(out, d)
		}
		return out
	}
	res := otherVariants(c0, func(ch *choices) *iam.Document { return x.consumeOne(b, at, c, attrName, ch) })
	*c0 = choices{}
	for _, d := range res {
		if d != nil {
			out = append(out, d)
		}
	}
	return out
}

// consumeOne builds the variant of the policy of attribute node at of
// block b that ch picks (nil for none: a reference to a data document,
// null, an empty string, an error).
func (x *extractor) consumeOne(b *eval.Block, at *eval.Node, c consumer, attrName string, ch *choices) *iam.Document {
	n := ch.r(at)
	if ref := x.docRef(n); ref != nil {
		if x.used[ref] == nil {
			x.used[ref] = map[iam.Kind]bool{}
		}
		x.used[ref][c.Kind] = true
		return nil
	}
	d, diags := x.deferredDoc(n, c.Kind)
	if d == nil {
		d, diags = x.fromNode(n, ch, c.Kind)
	}
	x.diags = append(x.diags, diags...)
	if d == nil && len(diags) == 0 && x.srcs == nil && x.lit == nil && emptyRejected[b.Type+"."+attrName] && isEmptyString(n) {
		// An empty policy where the provider requires one: terraform plan
		// fails ("contains an invalid JSON policy"); say so before it. Not
		// in a plan: one that exists was accepted (a state can hold "").
		d = &iam.Document{Kind: c.Kind, Range: iam.MakeRange(n.Range), Unknown: true, Extra: &iam.DocumentExtra{Empty: true,
			ParseErrors: []iam.Value{{Text: "the policy is empty; " + b.Type + "." + attrName + " needs a policy document", Known: true, Range: iam.MakeRange(n.Range)}},
		}}
	}
	if d == nil {
		return nil
	}
	d.Kind = c.Kind
	x.named(d, b, attrName)
	return d
}

// isEmptyString reports whether n is a known string of white space only.
func isEmptyString(n *eval.Node) bool {
	return n != nil && !isNull(n) && isKnown(n.Val) && n.Val.Type() == cty.String && strings.TrimSpace(n.Val.AsString()) == ""
}

// emptyRejected are the policy attributes (type.attribute) the AWS
// provider requires to hold a policy: an empty string there fails
// terraform plan. Elsewhere (aws_s3_bucket.policy, aws_vpc_endpoint_policy,
// an inline_policy block) an empty string means no policy.
var emptyRejected = map[string]bool{
	"aws_iam_policy.policy":                                   true,
	"aws_iam_role_policy.policy":                              true,
	"aws_iam_user_policy.policy":                              true,
	"aws_iam_group_policy.policy":                             true,
	"aws_iam_role.assume_role_policy":                         true,
	"aws_ssoadmin_permission_set_inline_policy.inline_policy": true,
	"aws_organizations_policy.content":                        true,
	"aws_s3_bucket_policy.policy":                             true,
	"aws_sqs_queue_policy.policy":                             true,
	"aws_sns_topic_policy.policy":                             true,
	"aws_kms_key_policy.policy":                               true,
	"aws_ecr_repository_policy.policy":                        true,
	"aws_ecr_registry_policy.policy":                          true,
	"aws_secretsmanager_secret_policy.policy":                 true,
	"aws_efs_file_system_policy.policy":                       true,
	"aws_glacier_vault_lock.policy":                           true,
	"aws_backup_vault_policy.policy":                          true,
	"aws_api_gateway_rest_api_policy.policy":                  true,
	"aws_cloudwatch_log_resource_policy.policy_document":      true,
	"aws_cloudwatch_log_destination_policy.access_policy":     true,
	"aws_glue_resource_policy.policy":                         true,
	"aws_dynamodb_resource_policy.policy":                     true,
	"aws_kinesis_resource_policy.policy":                      true,
	"aws_cloudwatch_event_bus_policy.policy":                  true,
	"aws_opensearch_domain_policy.access_policies":            true,
	"aws_elasticsearch_domain_policy.access_policies":         true,
}

// named gives d, a document of attribute attrName of consumer block b,
// the block's address, type, module call chain and, for an
// aws_iam_policy, its name and path.
func (x *extractor) named(d *iam.Document, b *eval.Block, attrName string) {
	d.Address = b.Address
	d.ResourceType = b.Type
	d.Attribute = attrName
	d.Related = related(b)
	if b.Type == "aws_iam_policy" {
		if d.PolicyName = knownStringOf(b.Body, "name"); d.PolicyName != "" {
			switch pv, ok := memberValue(b.Body, "path"); {
			case !ok:
				d.PolicyPath = "/"
			case pv.Known && pv.Text != "":
				d.PolicyPath = pv.Text
			default:
				d.PolicyName = "" // a path known only after apply: the ARN is not known
			}
		}
	}
}

// unconsumed undoes on d, a copy of a document fromNode built for kind,
// what consume (and a merge) wrote on it: the fields of its consumer.
func unconsumed(d *iam.Document, kind iam.Kind) {
	d.Kind = kind
	d.Address, d.ResourceType, d.Attribute = "", "", ""
	d.Related = nil
	d.PolicyName, d.PolicyPath = "", ""
}

func related(b *eval.Block) []iam.Related {
	if b.Module == nil || len(b.Module.CallChain) == 0 {
		return nil
	}
	// Shared by every document of the instance (a module instance can hold
	// thousands): the chain is never written after the instance is made, and
	// its capacity is clipped so that an append to it copies.
	c := b.Module.CallChain
	return c[:len(c):len(c)]
}

// fromNode builds the document of a policy value (already resolved through
// its conditionals): jsonencode structure, located text, a computed string,
// or unknown. It returns nil for null and empty strings and for JSON that
// does not parse (with an error diagnostic).
func (x *extractor) fromNode(n *eval.Node, ch *choices, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	if isNull(n) {
		return nil, nil
	}
	rng := n.Range
	v := n.Val
	switch {
	case n.JSONArg() != nil:
		return x.fromJSON(n, ch, kind)
	case !isKnown(v):
		if n.PartialOf() != nil {
			m := textMapper(n.PartialOf().Map, rng)
			t, diags := iam.ParseJSON([]byte(quoteBareMarkers(n.PartialOf().Text)), m)
			if !diags.HasErrors() && t != nil {
				d, diags := iam.FromTree(wrapMarker(t), kind)
				if d != nil {
					d.Range = iam.MakeRange(rng)
					d.Size = 0
				}
				return d, diags
			}
			if errs := errorsBeforeUnknown(diags, n.PartialOf().Text, m); len(errs) > 0 {
				return &iam.Document{Kind: kind, Range: iam.MakeRange(rng), Unknown: true, Extra: &iam.DocumentExtra{ParseErrors: errs}}, nil
			}
		}
		return &iam.Document{Kind: kind, Range: iam.MakeRange(rng), Unknown: true}, nil
	case v.Type() == cty.String:
		s := v.AsString()
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		if p, ok := x.parsed[n]; ok && p.doc != nil && p.kind == kind && !p.used {
			// Built ahead by preparse, exactly as below.
			p.used = true
			return p.doc, append(hcl.Diagnostics(nil), p.diags...)
		}
		// The position mapper only when the text is parsed here: the bulk
		// of a plan's policies were parsed by preparse, and building a
		// plan string's mapper reads the whole literal.
		ki, keep := kindIndex(kind)
		keep = keep && reuseJSON && len(s) >= minSharedText
		key := textKey{p: unsafe.StringData(s), n: len(s), text: n.Text, rng: rng, kind: ki}
		if e, ok := x.textDocs[key]; ok && keep && e.s == s {
			d := x.newDoc()
			*d = *e.doc
			unconsumed(d, kind)
			return d, append(hcl.Diagnostics(nil), x.jsonDiags[e.doc]...)
		}
		var d *iam.Document
		var diags hcl.Diagnostics
		if n.Text != nil {
			if x.texts == nil {
				x.texts = textBufs.Get().(*textBuf)
			}
			d, diags = parseText(s, n.Text, rng, kind, x.texts)
		} else {
			d, diags = parseString(s, stringMapper(x.srcs, rng, s), rng, kind)
		}
		if keep && d != nil {
			if x.textDocs == nil {
				x.textDocs = map[textKey]textDoc{}
			}
			x.textDocs[key] = textDoc{d, s}
			if len(diags) > 0 {
				if x.jsonDiags == nil {
					x.jsonDiags = map[*iam.Document]hcl.Diagnostics{}
				}
				x.jsonDiags[d] = append(hcl.Diagnostics(nil), diags...)
			}
		}
		return d, diags
	}
	return nil, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid policy value",
		Detail:   fmt.Sprintf("A policy must be a JSON string; this is %s.", withArticle(v.Type().FriendlyName())),
		Subject:  rng.Ptr(),
	}}
}

// minSharedText is the length from which fromNode builds the document of
// a policy string once for every consumer that holds the same string from
// the same place (textKey): the instances of a for_each or of a module
// that read one file() or heredoc built a document each, with its texts
// copied (1,000 instances of a 3 MB policy file: 3 GB, out of memory).
const minSharedText = 1024

// textKey names the document of a policy string: its bytes (the value
// cty holds, shared by the nodes of one file() or expression), where they
// are located and the kind it is built for.
type textKey struct {
	p    *byte
	n    int
	text *eval.TextMap
	rng  hcl.Range
	kind uint8
}

// textDoc is a document of textDocs and its text (held, so that its bytes
// are not another string's later).
type textDoc struct {
	doc *iam.Document
	s   string
}

// withArticle is name after "a", or "an" before a vowel ("an object").
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// jsonKey names the document of a jsonencode node for a kind (its
// kindIndex): small, as the map holds one per jsonencode policy.
type jsonKey struct {
	n    *eval.Node
	kind uint8
}

// kindIndex numbers the kinds fromJSON builds documents for; ok is false
// for any other (not kept).
func kindIndex(k iam.Kind) (i uint8, ok bool) {
	switch k {
	case "":
		return 0, true
	case iam.Identity:
		return 1, true
	case iam.Trust:
		return 2, true
	case iam.Resource:
		return 3, true
	case iam.SCP:
		return 4, true
	}
	return 0, false
}

// reuseJSON lets fromJSON hand out copies of the documents it built (tests
// compare with building each).
var reuseJSON = true

// fromJSON is fromNode for the jsonencode node n: the document directDoc
// builds of its located argument, when it builds one (no branch picked),
// else iam.FromTree over it. The evaluator shares the node of a constant
// expression between module instances (and a local between the blocks of
// one): a node met again gets a copy of the document built the first time
// (sharing its statements, as the kinds of a data document do; unconsumed
// clears what its consumer wrote on the first), when that build met no
// conditional (what it builds then depends on n alone, not on the branches
// picked).
func (x *extractor) fromJSON(n *eval.Node, ch *choices, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	ki, keep := kindIndex(kind)
	key := jsonKey{n, ki}
	if e, ok := x.jsonDocs[key]; ok && keep {
		d := x.newDoc()
		*d = *e
		unconsumed(d, kind)
		return d, append(hcl.Diagnostics(nil), x.jsonDiags[e]...)
	}
	if directDocs && (ch == nil || len(ch.pick) == 0) {
		if x.direct == nil {
			x.direct = directBuilders.Get().(*directBuilder)
		}
		if d, ok := x.direct.directDoc(n.JSONArg(), kind); ok {
			// What the general way builds when it meets no conditional
			// and says nothing.
			x.jsonDone(n, d, nil, key, keep, ch != nil)
			return d, nil
		}
	}
	var pending *eval.Node
	if ch != nil {
		// FromTree keeps none of its trees: one arena serves every call.
		if x.trees == nil {
			x.trees = arenas.Get().(*treeArena)
		}
		ch.arena = x.trees
		defer func() { x.trees.reset(); ch.arena = nil }()
		pending, ch.pending = ch.pending, nil // to see whether this walk meets a conditional
	}
	d, diags := iam.FromTree(newTree(n.JSONArg(), ch), kind)
	plain := false
	if ch != nil {
		plain = ch.pending == nil && len(ch.pick) == 0
		if pending != nil {
			ch.pending = pending // the first conditional met stays the first
		}
	}
	x.jsonDone(n, d, diags, key, keep, plain)
	return d, diags
}

// jsonDone finishes the document d fromJSON built of the jsonencode node
// n: its range and size, and, when plain (built with no branch picked and
// meeting no conditional), its place in jsonDocs under key (when keep).
func (x *extractor) jsonDone(n *eval.Node, d *iam.Document, diags hcl.Diagnostics, key jsonKey, keep, plain bool) {
	if d != nil {
		d.Range = iam.MakeRange(n.Range)
		if d.Size == 0 {
			// Not found off the structure: off the text (written now
			// when the evaluator left it unwritten).
			if v := n.Value(); isKnown(v) && v.Type() == cty.String {
				d.Size = compactLen(v.AsString())
			}
		}
	}
	if plain && d != nil && reuseJSON && keep {
		if x.jsonDocs == nil {
			// Most consumers of a configuration hold a jsonencode
			// policy: room for them all (a map grown from empty
			// copies itself at each doubling).
			x.jsonDocs = make(map[jsonKey]*iam.Document, x.consumers)
		}
		x.jsonDocs[key] = d
		if len(diags) > 0 {
			if x.jsonDiags == nil {
				x.jsonDiags = map[*iam.Document]hcl.Diagnostics{}
			}
			x.jsonDiags[d] = append(hcl.Diagnostics(nil), diags...)
		}
	}
}

// parseString builds the document of policy text s (at rng, its offsets
// mapped by m), as fromNode does for a string.
func parseString(s string, m iam.PosMapper, rng hcl.Range, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	if d, fast := iam.FromJSONString(s, m, kind); fast {
		// A plain policy: the same document without the tree.
		d.Range = iam.MakeRange(rng)
		return d, nil
	}
	return parseTree(s, m, rng, kind)
}

// parseText is parseString of the string s of a node with text map tm
// (textMapper(tm, rng)): its fast way, which keeps nothing of its mapper,
// maps the offsets with one made in b's memory; the general way, whose
// tree may keep its mapper, with one of its own.
func parseText(s string, tm *eval.TextMap, rng hcl.Range, kind iam.Kind, b *textBuf) (*iam.Document, hcl.Diagnostics) {
	d, fast := iam.FromJSONString(s, b.mapper(tm, rng), kind)
	b.clear()
	if fast {
		d.Range = iam.MakeRange(rng)
		return d, nil
	}
	return parseTree(s, textMapper(tm, rng), rng, kind)
}

// parseTree is parseString without the fast path (the caller tried it).
func parseTree(s string, m iam.PosMapper, rng hcl.Range, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	t, diags := iam.ParseJSONString(s, m)
	return docOfTree(t, diags, s, rng, kind)
}

// docOfTree builds the document of the parsed policy text s: an unknown
// one with the parse errors when it is not JSON.
func docOfTree(t iam.Tree, diags hcl.Diagnostics, s string, rng hcl.Range, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	if diags.HasErrors() || t == nil {
		// Not JSON: a policy-invalid finding (IAM rejects it at apply),
		// not a failure of the linter. The runner turns these back into
		// errors when rule policy-invalid does not run.
		d := &iam.Document{Kind: kind, Range: iam.MakeRange(rng), Unknown: true}
		for _, dg := range diags {
			if dg.Severity != hcl.DiagError {
				continue
			}
			at := rng
			if dg.Subject != nil {
				at = *dg.Subject
			}
			d.MutableExtra().ParseErrors = append(d.ParseErrors(), iam.Value{Text: dg.Detail, Known: true, Range: iam.MakeRange(at)})
		}
		if len(d.ParseErrors()) == 0 {
			d.MutableExtra().ParseErrors = []iam.Value{{Text: "the policy is not a JSON object", Known: true, Range: iam.MakeRange(rng)}}
		}
		return d, nil
	}
	d, fd := iam.FromTree(t, kind)
	diags = append(diags, fd...)
	if d != nil {
		d.Range = iam.MakeRange(rng)
		if d.Size == 0 {
			d.Size = compactLen(s)
		}
	}
	return d, diags
}

// errorsBeforeUnknown returns the JSON errors of a partly unknown policy
// text that lie before its first unknown part: the parser reads left to
// right, so such an error holds whatever the unknown parts turn out to be
// (an error at or after one may be the placeholder's doing, and is dropped).
func errorsBeforeUnknown(diags hcl.Diagnostics, text string, m iam.PosMapper) []iam.Value {
	i := strings.Index(text, eval.UnknownMarker)
	if i < 0 {
		return nil
	}
	mark := m.Range(i, i+len(eval.UnknownMarker)).Start
	var out []iam.Value
	for _, dg := range diags {
		if dg.Severity != hcl.DiagError || dg.Subject == nil {
			continue
		}
		if at := *dg.Subject; at.Start.Byte < mark.Byte && (at.Start.Line < mark.Line || at.Start.Line == mark.Line && at.Start.Column < mark.Column) {
			out = append(out, iam.Value{Text: dg.Detail, Known: true, Range: iam.MakeRange(at)})
		}
	}
	return out
}

// compactLen is the length of JSON text without white space (0 when it is
// not JSON).
func compactLen(s string) int {
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		return 0
	}
	return buf.Len()
}

// preparseMin is the number of policy texts below which preparse does not
// bother with goroutines.
const preparseMin = 64

// preparse parses, on every CPU, the known policy strings that consumer
// attributes hold directly (the bulk of a large plan: one JSON string per
// policy), and builds their documents for the kind of the first consumer
// seen, so fromNode finds them built. The result is the same as building
// them in fromNode: same text, same position mapper, same kind (fromNode
// builds its own when the kind differs or the node is consumed twice).
//
// blocks are the consumer blocks of the space (isConsumer), in order:
// the resource blocks with a body whose type has consumers are among them.
func (x *extractor) preparse(blocks []*eval.Block) {
	if x.deferred {
		return // parsed by Space.complete, after the bodies are dropped
	}
	var nodes, ats []*eval.Node
	var kinds []iam.Kind
	seen := map[*eval.Node]bool{}
	// The texts parsed ahead are bounded with the values read: those of
	// the blocks consumeAll does not read would be parsed for nothing.
	textBytes, maxBytes := 0, preparseBytes(x.maxValues)
	for _, b := range blocks {
		if textBytes > maxBytes {
			break
		}
		for _, c := range x.consumersOf(b.Type) {
			ats = appendAttrNodes(ats[:0], b.Body, c.Path)
			for _, n := range ats {
				if n == nil || n.JSONArg() != nil || n.RefTo() != nil || !isKnown(n.Val) || n.Val.IsNull() || n.Val.Type() != cty.String || seen[n] {
					continue
				}
				if _, isDoc := x.byJSON[n.Val.AsString()]; isDoc && n.Text == nil {
					continue // a rendered policy document's json: taken by reference
				}
				seen[n] = true
				textBytes += len(n.Val.AsString())
				nodes = append(nodes, n)
				kinds = append(kinds, c.Kind)
			}
		}
	}
	if len(nodes) < preparseMin {
		return
	}
	results := make([]parsedText, len(nodes))
	par.For(len(nodes), 1, func(i int) { results[i] = preparseOne(nodes[i], kinds[i], x.srcs) })
	x.parsed = make(map[*eval.Node]*parsedText, len(nodes))
	for i, n := range nodes {
		if r := &results[i]; r.doc != nil {
			x.parsed[n] = r
		}
	}
}

// atBufs holds escape buffers for the mappers of fastPooled.
var atBufs = sync.Pool{New: func() any { return new([]int32) }}

// preparseOne builds the document of a consumer's policy text, as fromNode
// would (parseString). A panic leaves the result empty: fromNode then parses
// the text again and reports it.
func preparseOne(n *eval.Node, kind iam.Kind, srcs map[string][]byte) (res parsedText) {
	defer func() {
		if recover() != nil {
			res = parsedText{}
		}
	}()
	src := n.Val.AsString()
	if n.Text != nil {
		b := textBufs.Get().(*textBuf)
		defer textBufs.Put(b)
		d, diags := parseText(src, n.Text, n.Range, kind, b)
		return parsedText{diags: diags, doc: d, kind: kind}
	}
	parse := parseString
	d, tried := fastPooled(src, srcs[n.Range.Filename], n.Range, kind)
	if d != nil {
		return parsedText{doc: d, kind: kind}
	}
	if tried {
		parse = parseTree // not a plain policy
	}
	// Built again: the general way may keep the mapper (in the tree).
	m := stringMapper(srcs, n.Range, src)
	d, diags := parse(src, m, n.Range, kind)
	return parsedText{diags: diags, doc: d, kind: kind}
}

// fastPooled is parseString's fast path for string literal s at rng of
// source file (tried false when s is not found there), read as written
// when it can be (fastLiteral), else decoded: the decoded fast path keeps
// nothing of the mapper (the document's ranges are values), so its escapes
// go in a pooled buffer, not in a new slice per policy (millions of escapes
// on a big plan, each 4 bytes of memory that nothing else has touched while
// the collector waits for the extraction to end).
func fastPooled(s string, file []byte, rng hcl.Range, kind iam.Kind) (d *iam.Document, tried bool) {
	if literalHolds(file, rng, s) {
		// Read as written, when its escapes allow (fastLiteral): the
		// same document without mapping each offset through them.
		d = &iam.Document{Kind: kind}
		if fastLiteral(d, file, rng) {
			return d, true
		}
	}
	bp := atBufs.Get().(*[]int32)
	defer atBufs.Put(bp)
	jm := newJSONStrMapperIn(file, rng, s, (*bp)[:0])
	if jm == nil {
		return nil, false
	}
	d, fast := iam.FromJSONString(s, jm, kind)
	if jm.at != nil {
		*bp = jm.at[:0] // grown by append: kept for the next
	}
	if !fast {
		return nil, true
	}
	d.Range = iam.MakeRange(rng)
	return d, true
}
