package extract

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// A graphBuilder builds the identity graph of one address space (a root module
// and the modules it calls): users, groups, roles and permission sets;
// memberships in every Terraform form; inline and attached policies (linked
// to the documents Extract made for this space); access keys, login
// profiles and password policies. Merge joins the spaces' graphs, adds the
// credential literals and marks the entities of module directories that
// another root calls as Partial.
//
// Links resolve, in order, through the reference (user = aws_iam_user.u.name:
// eval.Node.RefTo), then through the literal IAM name (or the name at the end of
// an ARN) of an entity of the same address space. A link to something not in
// the configuration becomes an External entity; it is never dropped.
//
// Documents are looked up by address within the space only: two root modules
// that both hold aws_iam_role.r are two address spaces, and one's documents
// must not reach the other's entities (that was also quadratic in the number
// of roots sharing an address).
//
// newGraphBuilder returns the builder of the graph of mods. Building it is
// two steps: entities, which reads only the blocks (it may run while the
// documents are extracted), then link with the documents.
func newGraphBuilder(mods []*eval.Module) *graphBuilder {
	return &graphBuilder{g: &iam.Graph{}, mods: mods}
}

// link completes the graph with the space's documents (see newGraphBuilder),
// once entities has run, and returns it.
//
// shadowed holds the documents of the shadowed blocks (eval.Block.Shadowed,
// extractor.shadowed), which are among docs: a reference to their address
// names the first declaration's, which docs (by address) then holds alone.
func (b *graphBuilder) link(docs []*iam.Document, shadowed map[*eval.Block][]*iam.Document) *iam.Graph {
	if len(b.mods) == 0 {
		return b.g
	}
	if len(shadowed) > 0 {
		b.shadowDocs = shadowed
		skip := map[*iam.Document]bool{}
		for _, ds := range shadowed {
			for _, d := range ds {
				skip[d] = true
			}
		}
		docs = slices.DeleteFunc(slices.Clone(docs), func(d *iam.Document) bool { return skip[d] })
	}
	b.docs = docsByAddress(docs)
	b.links()
	b.capGroupPolicies()
	return b.g
}

// maxGroupPolicies is the most policies the users of one space hold
// through their groups, summed over the users (a user in 3 groups of 2
// policies each holds 6), a variable for the tests. What a user holds is
// analysed and reported per user: 1,000 groups of one policy each, all
// with the same 1,000 users (a file of a few lines), were a million, and
// with 10,000 users ten million: 31 s, 3.6 GB and a 650 MB report.
var maxGroupPolicies = 1_000_000

// groupPolicies is the number of policies group g holds (its sources).
func groupPolicies(g *iam.Entity) int {
	n := len(g.Inline)
	for _, a := range g.Attachments {
		n += max(1, len(a.Policies))
	}
	return n
}

// capGroupPolicies unlinks, once the users (in order, each its groups in
// order) hold more than maxGroupPolicies policies through their groups, the
// membership where they do and all the ones after it, with an error there.
func (b *graphBuilder) capGroupPolicies() {
	total := 0
	cost := map[*iam.Entity]int{}
	var cut map[[2]*iam.Entity]bool
	for _, u := range b.g.Users {
		if u == nil {
			continue
		}
		for _, g := range u.Groups() {
			if cut != nil {
				cut[[2]*iam.Entity{u, g}] = true
				continue
			}
			c, ok := cost[g]
			if !ok {
				c = groupPolicies(g)
				cost[g] = c
			}
			if total += c; total <= maxGroupPolicies {
				continue
			}
			cut = map[[2]*iam.Entity]bool{{u, g}: true}
			b.diags = append(b.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Identity graph too large",
				Detail: fmt.Sprintf("the users of this root module hold more than %d policies through their groups (a user in 3 groups of 2 policies each holds 6); this membership (user %s, group %s), the user's later ones and those of the users after it are not linked.",
					maxGroupPolicies, entityLabel(u), entityLabel(g)),
				Subject: b.membershipRange(u, g).Ptr()})
		}
	}
	if cut == nil {
		return
	}
	iam.CutMemberships(cut)
	b.g.Memberships = slices.DeleteFunc(b.g.Memberships, func(m *iam.Membership) bool { return cut[[2]*iam.Entity{m.User, m.Group}] })
}

// membershipRange is the range of the first membership of user u in group g.
func (b *graphBuilder) membershipRange(u, g *iam.Entity) hcl.Range {
	for _, m := range b.g.Memberships {
		if m.User == u && m.Group == g {
			return m.Range
		}
	}
	return hcl.Range{}
}

// entityLabel names e in a message: its address, or its IAM name.
func entityLabel(e *iam.Entity) string {
	switch {
	case e.Address != "":
		return e.Address
	case e.Name.Known:
		return fmt.Sprintf("%q", e.Name.Text)
	}
	return "(name known after apply)"
}

// docsByAddress groups docs (nil ones left out) by address, each group in
// the order of docs. The documents of a block are next to one another in
// docs: each run of one address is a slice of docs, not a copy.
func docsByAddress(docs []*iam.Document) map[string][]*iam.Document {
	// Sized for the runs (at least as many as the addresses): a plan has
	// hundreds of thousands, and a map grown one rehash at a time copies
	// itself again at each doubling.
	runs := 0
	for i, d := range docs {
		if d != nil && (i == 0 || docs[i-1] == nil || docs[i-1].Address != d.Address) {
			runs++
		}
	}
	byAddr := make(map[string][]*iam.Document, runs)
	for i := 0; i < len(docs); {
		if docs[i] == nil {
			i++
			continue
		}
		addr := docs[i].Address
		j := i + 1
		for j < len(docs) && docs[j] != nil && docs[j].Address == addr {
			j++
		}
		run := docs[i:j:j] // an append to it copies
		if prev, ok := byAddr[addr]; ok {
			run = append(prev[:len(prev):len(prev)], run...)
		}
		byAddr[addr] = run
		i = j
	}
	return byAddr
}

// shapeOf records the form of n when it is an unknown template string or
// an unknown reference with one (refShape); the first node met at a range
// gives it (addShapes keeps the first entry of a range). The ranges are
// iam.Ranges (the same key exactly when the hcl.Range is). The text of a
// template string is copied as it is (its bytes are in the evaluator's
// chunks, which it would keep), its form written (UnknownMarker turned
// into "*") only when a rule first looks a shape up: most are never read.
func shapeOf(n *eval.Node, out *shapeList) {
	if n.PartialOf() != nil && !isKnown(n.Val) && len(n.PartialOf().Text) <= 4096 {
		out.addPartial(iam.MakeRange(n.Range), n.PartialOf().Text)
	} else if n.RefTo() != nil && !isKnown(n.Val) {
		if sh := refShape(n.RefTo()); sh != "" {
			out.addRef(iam.MakeRange(n.Range), sh)
		}
	}
}

// shapeList holds the shapes a walk found, in the order found (a range
// may repeat: the first entry of a range gives its shape).
type shapeList struct {
	entries []shapeEntry
	text    []byte   // the texts of the entries, one after the other
	big     []string // the shapes of the entries past 4 GB of text
}

// shapeEntry is a shape found at r: the text at text[off:off+n] of its
// list, the shape itself (shapeRef: refShape's) or that of an unknown
// template string, with its unknown parts UnknownMarker (shapePartial);
// or big[off] (shapeBig). Small (28 bytes): an estate has one for every
// unknown string.
type shapeEntry struct {
	r      iam.Range
	off, n uint32
	kind   uint8
}

// The kinds of shapeEntry.
const (
	shapePartial = iota
	shapeRef
	shapeBig
)

// addPartial adds the unknown template string text found at r.
func (l *shapeList) addPartial(r iam.Range, text string) { l.addText(r, text, shapePartial) }

// addRef adds the shape sh of an unknown reference found at r.
func (l *shapeList) addRef(r iam.Range, sh string) { l.addText(r, sh, shapeRef) }

// addText adds an entry of kind at r whose text is text.
func (l *shapeList) addText(r iam.Range, text string, kind uint8) {
	if uint64(len(l.text))+uint64(len(text)) > math.MaxUint32 {
		// (4 GB of texts: kept as they are, a string of their own.)
		if kind == shapePartial {
			text = partialShape(text) // (a copy: its bytes are the evaluator's)
		}
		l.addBig(r, strings.Clone(text))
		return
	}
	l.entries = append(l.entries, shapeEntry{r: r, off: uint32(len(l.text)), n: uint32(len(text)), kind: kind})
	l.text = append(l.text, text...)
}

// addBig adds the entry at r of shape sh, a string of its own.
func (l *shapeList) addBig(r iam.Range, sh string) {
	l.entries = append(l.entries, shapeEntry{r: r, off: uint32(len(l.big)), kind: shapeBig})
	l.big = append(l.big, sh)
}

// add appends the entries of m to l, in order.
func (l *shapeList) add(m *shapeList) {
	base, bigBase := uint32(len(l.text)), uint32(len(l.big))
	if uint64(base)+uint64(len(m.text)) > math.MaxUint32 {
		for i := range m.entries {
			l.addBig(m.entries[i].r, m.shape(i))
		}
		return
	}
	for _, e := range m.entries {
		if e.kind == shapeBig {
			e.off += bigBase
		} else {
			e.off += base
		}
		l.entries = append(l.entries, e)
	}
	l.text = append(l.text, m.text...)
	l.big = append(l.big, m.big...)
}

// shape returns the form of entry i.
func (l *shapeList) shape(i int) string {
	e := &l.entries[i]
	switch e.kind {
	case shapeBig:
		return l.big[e.off]
	case shapeRef:
		return string(l.text[e.off : e.off+e.n])
	}
	return partialShape(string(l.text[e.off : e.off+e.n]))
}

// partialShape is the form of the text of an unknown template string.
func partialShape(text string) string {
	return strings.ReplaceAll(text, eval.UnknownMarker, "*")
}

// addShapes adds the shapes of src to dst, the first of a range kept.
func addShapes(dst map[iam.Range]string, src *shapeList) {
	for i := range src.entries {
		if _, dup := dst[src.entries[i].r]; !dup {
			dst[src.entries[i].r] = src.shape(i)
		}
	}
}

// refShape is the form of the ARN of an IAM user or role that the
// configuration creates (aws_iam_user.u.arn: arn:aws:iam::*:user/*), so that
// a trust policy naming it is known to trust a person or a role.
//
// data.aws_caller_identity.X.account_id is the ID of the account the
// configuration is applied in: a bare account ID, which as an AWS principal
// is the account's root (arn:aws:iam::*:root).
func refShape(r *eval.Ref) string {
	if r.Attr == "account_id" && (strings.HasPrefix(r.Address, "data.aws_caller_identity.") ||
		strings.Contains(r.Address, ".data.aws_caller_identity.")) {
		return "arn:aws:iam::*:root"
	}
	if r.Attr != "arn" {
		return ""
	}
	addr := r.Address
	if i := strings.LastIndex(addr, ".aws_iam_"); i >= 0 && strings.HasPrefix(addr, "module.") {
		addr = addr[i+1:]
	}
	switch {
	case strings.HasPrefix(addr, "aws_iam_user."):
		return "arn:aws:iam::*:user/*"
	case strings.HasPrefix(addr, "aws_iam_role."):
		return "arn:aws:iam::*:role/*"
	}
	return ""
}

// graphBuilder builds the part of the graph of one address space.
type graphBuilder struct {
	g *iam.Graph
	// unread holds the data documents the extraction does not read
	// (budget.go): not rendered (read only).
	unread   map[*eval.Block]bool
	docs     map[string][]*iam.Document // documents by address (those of the first declaration of each)
	mods     []*eval.Module
	byAddr   map[string]*iam.Entity      // entity by block address (of its first declaration)
	byName   [4]map[string]*iam.Entity   // entity by IAM name, by kind (entitySlot)
	external map[externalKey]*iam.Entity // external entities
	blocks   map[string]*eval.Block      // every block with a body by address (block)
	policies map[string]*eval.Block      // aws_iam_policy by name
	byJSON   map[string]jsonDoc          // data document by rendered json
	members  map[[2]*iam.Entity]bool
	// nlinks counts the memberships and policy attachments linked
	// (linkRoom); linksFull is set once maxGraphLinks of them are.
	nlinks    int
	linksFull bool
	// diags are the errors of the attributes links reads that hold a
	// value of the wrong type (shapesOK).
	diags hcl.Diagnostics

	// shadowDocs and shadowEnts are the documents and the entity of each
	// shadowed block (eval.Block.Shadowed): a second declaration of an
	// address has its own, which no reference reaches (docs and byAddr
	// hold the first's). nil when there is none.
	shadowDocs map[*eval.Block][]*iam.Document
	shadowEnts map[*eval.Block]*iam.Entity

	all   []*eval.Block // the blocks with a body, in order
	roles []roleAt      // the roles, whose trust documents link adds
	// docsAt and entAt are, for a big space, the documents (docs) and
	// the entity (byAddr) at the address of each block of all, looked up
	// on every CPU before links reads them (prefetch); cur is the position
	// in all of the block links is at (-1: none).
	docsAt [][]*iam.Document
	entAt  []*iam.Entity
	cur    int
	// horizon is the position in all from which the data documents of
	// byJSON are not seen (see docByJSON).
	horizon int
}

// externalKey names an External entity of a kind: by its IAM name (by
// 'n'), by the address it references ('r') or by where it is written ('a':
// the file in text, lines and columns in at).
type externalKey struct {
	kind iam.EntityKind
	by   byte
	text string
	at   [4]int
}

// jsonDoc is a data document of graphBuilder.byJSON: its address and
// the position of its block.
type jsonDoc struct {
	addr string
	at   int
}

// roleAt is a role entity and its block, at position at of all.
type roleAt struct {
	e  *iam.Entity
	bl *eval.Block
	at int
}

// docByJSON returns the address of the data document whose rendered json
// is s, among those of the blocks before b.horizon; "" when none.
func (b *graphBuilder) docByJSON(s string) string {
	if j, ok := b.byJSON[s]; ok && j.at < b.horizon {
		return j.addr
	}
	return ""
}

// entities makes the entities of the space (users, groups, roles,
// permission sets) and the indexes links use. It reads only the blocks.
func (b *graphBuilder) entities() {
	if len(b.mods) == 0 {
		return
	}
	b.initEntities(b.entityCounts())
	// Entities first, so that links can find them. i is the position of
	// bl among the blocks with a body (links' all).
	i := -1
	for _, mod := range b.mods {
		for _, bl := range mod.Blocks {
			if bl == nil || bl.Body == nil {
				continue
			}
			i++
			b.entityOf(bl, i)
		}
	}
}

// entityCounts counts the blocks of the space that make users, groups,
// roles and permission sets (initEntities' room for them).
func (b *graphBuilder) entityCounts() (n [4]int) {
	for _, mod := range b.mods {
		for _, bl := range mod.Blocks {
			if bl == nil || bl.Body == nil || bl.Mode != "resource" {
				continue
			}
			switch bl.Type {
			case "aws_iam_user":
				n[0]++
			case "aws_iam_group":
				n[1]++
			case "aws_iam_role":
				n[2]++
			case "aws_ssoadmin_permission_set":
				n[3]++
			}
		}
	}
	return n
}

// initEntities makes the indexes entityOf fills, byAddr, byName and the
// graph's lists of users, groups, roles and permission sets with room for
// n of each kind (in that order; resolve adds the External ones after):
// maps grown from empty copy themselves at each doubling, and a space of
// an estate holds hundreds of entities.
func (b *graphBuilder) initEntities(n [4]int) {
	b.byAddr = make(map[string]*iam.Entity, n[0]+n[1]+n[2]+n[3])
	lists := [4]*[]*iam.Entity{&b.g.Users, &b.g.Groups, &b.g.Roles, &b.g.PermissionSets}
	for i := range lists {
		if n[i] > 0 {
			b.byName[i] = make(map[string]*iam.Entity, n[i])
			*lists[i] = make([]*iam.Entity, 0, n[i])
		}
	}
	if n[2] > 0 {
		b.roles = make([]roleAt, 0, n[2])
	}
	b.external = map[externalKey]*iam.Entity{}
	b.policies = map[string]*eval.Block{}
	b.byJSON = map[string]jsonDoc{}
	b.members = map[[2]*iam.Entity]bool{}
}

// entityOf is entities for block bl, at position i.
func (b *graphBuilder) entityOf(bl *eval.Block, i int) {
	if bl.Mode == "data" && bl.Type == policyDocumentType && !bl.Shadowed() && !b.unread[bl] {
		if r := bl.Render(RenderPolicyDocument); isKnown(r) {
			for _, k := range []string{"json", "minified_json"} {
				if j := r.GetAttr(k); isKnown(j) && !j.IsNull() {
					if _, dup := b.byJSON[j.AsString()]; !dup {
						b.byJSON[j.AsString()] = jsonDoc{addr: bl.Address, at: i}
					}
				}
			}
		}
	}
	if bl.Mode != "resource" {
		return
	}
	switch bl.Type {
	case "aws_iam_user":
		b.entity(bl, iam.User, "name")
	case "aws_iam_group":
		b.entity(bl, iam.Group, "name")
	case "aws_iam_role":
		b.roles = append(b.roles, roleAt{e: b.entity(bl, iam.Role, "name"), bl: bl, at: i})
	case "aws_ssoadmin_permission_set":
		b.entity(bl, iam.PermissionSet, "name")
	case "aws_iam_policy":
		if n := knownStringOf(bl.Body, "name"); n != "" {
			if _, dup := b.policies[n]; !dup {
				b.policies[n] = bl
			}
		}
	}

}

// links adds, once the documents are known, the trust documents of the
// roles, then what each resource block links.
func (b *graphBuilder) links() {
	n := 0
	for _, mod := range b.mods {
		for _, bl := range mod.Blocks {
			if bl != nil && bl.Body != nil {
				n++ // not the blocks listed without a body (a streamed plan's non-IAM resources)
			}
		}
	}
	b.all = make([]*eval.Block, 0, n)
	for _, mod := range b.mods {
		for _, bl := range mod.Blocks {
			if bl == nil || bl.Body == nil {
				continue
			}
			b.all = append(b.all, bl)
		}
	}
	b.prefetch()
	defer func() { b.docsAt, b.entAt, b.cur = nil, nil, -1 }()
	// A role's trust documents are those a one-pass build finds when it
	// makes the role: by rendered json, only the data documents of the
	// blocks before the role's.
	for _, r := range b.roles {
		b.horizon, b.cur = r.at, r.at
		for _, d := range b.docsFor(r.bl, r.bl.Body.Get("assume_role_policy"), "assume_role_policy", iam.Trust) {
			if r.e.Trust == nil {
				r.e.Trust = d
			}
			r.e.Trusts = append(r.e.Trusts, d)
		}
	}
	b.horizon = math.MaxInt
	for i, bl := range b.all {
		if bl.Mode != "resource" {
			continue
		}
		b.cur = i
		b.blockLinks(bl)
		b.consumers(bl)
		// (Only users and roles have a boundary: the address, a long key,
		// is not looked up for the other blocks.)
		if bl.Type != "aws_iam_user" && bl.Type != "aws_iam_role" {
			continue
		}
		if e := b.entOf(bl); e != nil && e.Boundary != nil {
			pn := bl.Body.Get("permissions_boundary")
			b.shapeOK(pn, "permissions_boundary", wantARN, false)
			b.boundary(e, pn)
		}
	}
}

// prefetchMin is the number of blocks from which links looks the
// documents and the entity of each block up on every CPU first: links
// runs on one CPU, and on a big plan (hundreds of thousands of blocks, in
// maps that miss the cache at every lookup) those lookups were a third of
// its time. (A variable for the tests.)
var prefetchMin = 1 << 13

// prefetch fills docsAt and entAt when all holds prefetchMin blocks or more.
func (b *graphBuilder) prefetch() {
	b.cur = -1
	if len(b.all) < prefetchMin {
		return
	}
	b.docsAt = make([][]*iam.Document, len(b.all))
	b.entAt = make([]*iam.Entity, len(b.all))
	const chunk = 1 << 12
	par.For((len(b.all)+chunk-1)/chunk, 1, func(c int) {
		for i := c * chunk; i < min((c+1)*chunk, len(b.all)); i++ {
			addr := b.all[i].Address
			b.docsAt[i], b.entAt[i] = b.docs[addr], b.byAddr[addr]
		}
	})
}

// docsOf is b.docs[bl.Address], read from docsAt when bl is the block
// links is at.
func (b *graphBuilder) docsOf(bl *eval.Block) []*iam.Document {
	if b.shadowDocs != nil && bl.Shadowed() {
		return b.shadowDocs[bl]
	}
	if b.cur >= 0 && b.cur < len(b.docsAt) && b.all[b.cur] == bl {
		return b.docsAt[b.cur]
	}
	return b.docs[bl.Address]
}

// entOf is b.byAddr[bl.Address], read from entAt when bl is the block
// links is at.
func (b *graphBuilder) entOf(bl *eval.Block) *iam.Entity {
	if b.shadowEnts != nil && bl.Shadowed() {
		return b.shadowEnts[bl]
	}
	if b.cur >= 0 && b.cur < len(b.entAt) && b.all[b.cur] == bl {
		return b.entAt[b.cur]
	}
	return b.byAddr[bl.Address]
}

// block returns the block (with a body) at address addr, nil when none.
// The index of the blocks by address is made at the first lookup (sized for
// the space, whose blocks are b.all): only a reference to a policy looks
// blocks up (a permissions boundary, an attachment), and a plan's space of
// hundreds of thousands of blocks often has none, while the index took
// 3 MB of p50's peak heap, at the graph's link (its garbage after it).
func (b *graphBuilder) block(addr string) *eval.Block {
	if b.blocks == nil {
		b.blocks = make(map[string]*eval.Block, len(b.all))
		for _, bl := range b.all {
			if !bl.Shadowed() { // a reference names the first declaration
				b.blocks[bl.Address] = bl
			}
		}
	}
	return b.blocks[addr]
}

func ptr(v iam.Value) *iam.Value { return &v }

// boundary resolves a permissions boundary the configuration defines: a
// reference to an aws_iam_policy (or its literal ARN, by policy name) gives
// its documents; a data "aws_iam_policy" gives its ARN, or for a name the
// AWS managed policy ARN of that name.
func (b *graphBuilder) boundary(e *iam.Entity, n *eval.Node) {
	if n == nil {
		return
	}
	var pb *eval.Block
	if n.RefTo() != nil {
		if t := b.block(n.RefTo().Address); t != nil && t.Type == "aws_iam_policy" {
			switch {
			case t.Mode == "resource":
				pb = t
			case !e.Boundary.Known:
				if v := value(t.Body.Get("arn")); v.Known {
					e.Boundary = ptr(iam.KnownValue(v.Text, n.Range))
				} else if name := knownString(t.Body.Get("name")); name != "" {
					if _, ok := awsdata.ManagedPolicy("arn:aws:iam::aws:policy/" + name); ok {
						e.Boundary = ptr(iam.KnownValue("arn:aws:iam::aws:policy/"+name, n.Range))
					} else if p := b.policies[name]; p != nil {
						pb = p
					}
				}
			}
		}
	}
	if v := e.Boundary; pb == nil && v.Known && strings.Contains(v.Text, ":policy/") && !strings.Contains(v.Text, ":iam::aws:policy/") {
		pb = b.policies[nameOf(v.Text)]
	}
	if pb != nil {
		e.BoundaryPolicies = b.docsFor(pb, pb.Body.Get("policy"), "policy", iam.Identity)
	}
}

// consumers records which blocks use a data aws_iam_policy_document as an
// identity policy.
func (b *graphBuilder) consumers(bl *eval.Block) {
	var buf [2]*eval.Node // most blocks have one (an allocation each, 34,000 on a dense 1,000-file estate)
	nodes := buf[:0]
	switch bl.Type {
	case "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
		nodes = append(nodes, bl.Body.Get("policy"))
	case "aws_ssoadmin_permission_set_inline_policy":
		nodes = append(nodes, bl.Body.Get("inline_policy"))
	case "aws_iam_role":
		for _, ib := range blocksOf(bl.Body.Get("inline_policy"), nil) {
			nodes = append(nodes, ib.Get("policy"))
		}
	}
	for _, n := range nodes {
		if isNull(n) {
			continue
		}
		addr := ""
		if n.RefTo() != nil && (n.RefTo().Attr == "json" || n.RefTo().Attr == "minified_json") && b.docs[n.RefTo().Address] != nil {
			addr = n.RefTo().Address
		} else if s, ok := docText(n); ok && n.Text == nil {
			addr = b.docByJSON(s)
		}
		if addr == "" {
			continue
		}
		if b.g.Consumers == nil {
			b.g.Consumers = map[*iam.Document][]string{}
		}
		for _, d := range b.docs[addr] {
			if d.Kind == iam.Identity && !containsString(b.g.Consumers[d], bl.Address) {
				b.g.Consumers[d] = append(b.g.Consumers[d], bl.Address)
			}
		}
	}
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// entitySlot is the index of kind in byName (and initEntities' lists), -1
// for any other kind: a switch, not a lookup that hashes the kind's name.
func entitySlot(kind iam.EntityKind) int {
	switch kind {
	case iam.User:
		return 0
	case iam.Group:
		return 1
	case iam.Role:
		return 2
	case iam.PermissionSet:
		return 3
	}
	return -1
}

// entity adds the entity created by block bl.
func (b *graphBuilder) entity(bl *eval.Block, kind iam.EntityKind, nameAttr string) *iam.Entity {
	e := &iam.Entity{Kind: kind, Address: bl.Address, Range: iam.MakeRange(bl.Range), Related: related(bl)}
	if v, ok := memberValue(bl.Body, nameAttr); ok {
		e.Name = v
	} else {
		e.Name = iam.UnknownValue(bl.Range) // name_prefix or generated
	}
	if bl.Shadowed() {
		// A second declaration of the address: an entity of its own,
		// which references (to the first) do not reach.
		if b.shadowEnts == nil {
			b.shadowEnts = map[*eval.Block]*iam.Entity{}
		}
		b.shadowEnts[bl] = e
	} else {
		b.byAddr[bl.Address] = e
	}
	if e.Name.Known {
		m := &b.byName[entitySlot(kind)] // (entityOf makes the four kinds only)
		if *m == nil {
			*m = map[string]*iam.Entity{}
		}
		if _, dup := (*m)[e.Name.Text]; !dup {
			(*m)[e.Name.Text] = e
		}
	}
	switch kind {
	case iam.User:
		b.g.Users = append(b.g.Users, e)
	case iam.Group:
		b.g.Groups = append(b.g.Groups, e)
	case iam.Role:
		b.g.Roles = append(b.g.Roles, e)
		if n := bl.Body.Get("permissions_boundary"); n != nil && !isNull(n) {
			v := value(n)
			e.Boundary = &v
		}
		// Its trust documents: links.
	case iam.PermissionSet:
		b.g.PermissionSets = append(b.g.PermissionSets, e)
	}
	if kind == iam.User {
		if n := bl.Body.Get("permissions_boundary"); n != nil && !isNull(n) {
			v := value(n)
			e.Boundary = &v
		}
	}
	return e
}

// value turns a node into a model value: its text when it is a known
// string (or number/bool), unknown otherwise.
func value(n *eval.Node) iam.Value {
	if n == nil {
		return iam.Value{}
	}
	v := n.Value()
	if s, ok := rawString(v); ok {
		return iam.KnownValue(s, n.Range) // (scalarText's first way)
	}
	if isKnown(v) && !v.IsNull() {
		if s, ok := scalarText(v); ok {
			return iam.KnownValue(s, n.Range)
		}
	}
	return iam.UnknownValue(n.Range)
}

func knownString(n *eval.Node) string {
	v := value(n)
	if v.Known {
		return v.Text
	}
	return ""
}

// The readers below are value(n.Get(k)), knownString(n.Get(k)) and isNull
// of it without the Node that Get derives for a member held in n.Val only
// (eval.Node.GetVal): a big plan's bodies keep their scalars in Val, and
// each derived Node (208 bytes) was garbage allocated while the plan's
// values are all in memory (p50: 14.5 MB with readBack's).

// memberValue is value(n.Get(k)) and whether that member is present and
// not null (!isNull).
func memberValue(n *eval.Node, k string) (iam.Value, bool) {
	if c, ok := n.Lookup(k); ok {
		if isNull(c) {
			return iam.Value{}, false
		}
		return value(c), true
	}
	v := n.GetVal(k)
	if nullVal(v) {
		return iam.Value{}, false
	}
	if s, ok := scalarText(v); ok {
		return iam.KnownValue(s, n.Range), true
	}
	return iam.UnknownValue(n.Range), true
}

// knownStringOf is knownString(n.Get(k)).
func knownStringOf(n *eval.Node, k string) string {
	if c, ok := n.Lookup(k); ok {
		return knownString(c)
	}
	s, _ := scalarText(n.GetVal(k))
	return s
}

// nullVal is isNull of the Node Get derives for a member whose value
// GetVal returns v (cty.NilVal: no such member, Get returns nil).
func nullVal(v cty.Value) bool {
	return v == cty.NilVal || (v.IsKnown() && v.IsNull())
}

// elems returns the elements of a list, tuple or set node; a single string
// counts as a one-element list. An unknown list gives one unknown element.
func elems(n *eval.Node) []*eval.Node {
	if isBranches(n) {
		// A conditional's value (var.admin ? [...] : []): the elements
		// of every branch, each linked (one of them is, in Terraform).
		var out []*eval.Node
		for _, b := range branches(n) {
			out = append(out, elems(b)...)
		}
		return out
	}
	if isNull(n) {
		return nil
	}
	if len(n.Elems) > 0 {
		for i, e := range n.Elems {
			if isBranches(e) {
				out := append(make([]*eval.Node, 0, len(n.Elems)+1), n.Elems[:i]...)
				for _, e := range n.Elems[i:] {
					out = append(out, alternatives(e)...)
				}
				return out
			}
		}
		return n.Elems
	}
	v := n.Value()
	if !isKnown(v) {
		return []*eval.Node{n}
	}
	if v.Type() == cty.String {
		return []*eval.Node{n}
	}
	if !v.CanIterateElements() || v.Type().IsObjectType() || v.Type().IsMapType() {
		return nil
	}
	var out []*eval.Node
	for i := 0; i < v.LengthInt(); i++ {
		if e := n.Index(i); !isNull(e) {
			out = append(out, e)
		}
	}
	return out
}

// alternatives is the branches of n when it is a conditional's value (the
// null ones left out), n itself otherwise.
func alternatives(n *eval.Node) []*eval.Node {
	if !isBranches(n) {
		return []*eval.Node{n}
	}
	var out []*eval.Node
	for _, b := range branches(n) {
		if !isNull(b) {
			out = append(out, b)
		}
	}
	return out
}

// resolve finds the entity of the given kind that node n (a name, an ARN or
// a reference) names, or makes an External one.
func (b *graphBuilder) resolve(n *eval.Node, kind iam.EntityKind) *iam.Entity {
	if n == nil {
		return nil
	}
	if n.RefTo() != nil {
		if e := b.byAddr[n.RefTo().Address]; e != nil && e.Kind == kind {
			return e
		}
	}
	v := value(n)
	name := ""
	if v.Known {
		name = nameOf(v.Text)
		if i := entitySlot(kind); i >= 0 {
			if e := b.byName[i][name]; e != nil {
				return e
			}
		}
	}
	key := externalKey{kind: kind}
	switch {
	case v.Known:
		key.by, key.text = 'n', name
	case n.RefTo() != nil:
		key.by, key.text = 'r', n.RefTo().Address
	default:
		// At its range, as Range.String writes it: file, lines and columns.
		r := n.Range
		key.by, key.text = 'a', r.Filename
		key.at = [4]int{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column}
	}
	if e := b.external[key]; e != nil {
		return e
	}
	e := &iam.Entity{Kind: kind, Name: v, Range: iam.MakeRange(n.Range), External: true}
	if v.Known {
		e.Name.Text = name
	}
	b.external[key] = e
	switch kind {
	case iam.User:
		b.g.Users = append(b.g.Users, e)
	case iam.Group:
		b.g.Groups = append(b.g.Groups, e)
	case iam.Role:
		b.g.Roles = append(b.g.Roles, e)
	case iam.PermissionSet:
		b.g.PermissionSets = append(b.g.PermissionSets, e)
	}
	return e
}

// here returns where node n is written in block bl: n's own range when it
// is written at the attribute (or inside the list attribute parent), else the
// attribute (a value copied from a reference keeps the range of the block it
// was read from, which is not where this block names it), else fallback.
func here(n, parent *eval.Node, fallback hcl.Range) hcl.Range {
	if n == nil {
		return fallback
	}
	attr := n
	if parent != nil {
		attr = parent
	}
	if attr.NameRange().Filename == "" {
		return fallback
	}
	o := attr.Range
	atAttr := o.Filename == attr.NameRange().Filename && o.Start.Line == attr.NameRange().Start.Line
	if !atAttr {
		return hcl.RangeBetween(attr.NameRange(), attr.NameRange())
	}
	if parent == nil {
		return n.Range
	}
	r := n.Range
	if r.Filename == o.Filename && r.Start.Byte >= o.Start.Byte && r.End.Byte <= o.End.Byte {
		return r
	}
	return hcl.RangeBetween(attr.NameRange(), o)
}

// nameOf returns the IAM name in s: s itself, or the last path element of
// an ARN (arn:aws:iam::123456789012:role/path/name -> name).
func nameOf(s string) string {
	if strings.HasPrefix(s, "arn:") {
		if i := strings.LastIndexAny(s, "/:"); i >= 0 {
			return s[i+1:]
		}
	}
	return s
}

// docsFor returns the documents of kind that the policy attribute node at of
// block bl holds: those of the data aws_iam_policy_document it references,
// or those Extract made for the block's attribute.
func (b *graphBuilder) docsFor(bl *eval.Block, at *eval.Node, attribute string, kind iam.Kind) []*iam.Document {
	if isNull(at) {
		return nil
	}
	addr := ""
	if at.RefTo() != nil && (at.RefTo().Attr == "json" || at.RefTo().Attr == "minified_json") {
		if _, ok := b.docs[at.RefTo().Address]; ok {
			addr = at.RefTo().Address
		}
	}
	if addr == "" && at.Text == nil {
		if s, ok := docText(at); ok {
			addr = b.docByJSON(s)
		}
	}
	if addr != "" {
		return docsWhere(b.docs[addr], kind, "")
	}
	return docsWhere(b.docsOf(bl), kind, attribute)
}

// docsWhere returns the documents of docs of kind (and of attribute, when
// it is not ""), in order; nil when none. When they are one run of docs
// (as a block's documents of one attribute and kind are), that run is
// returned, its capacity clipped (an append to it copies), not a copy.
func docsWhere(docs []*iam.Document, kind iam.Kind, attribute string) []*iam.Document {
	match := func(d *iam.Document) bool { return d.Kind == kind && (attribute == "" || d.Attribute == attribute) }
	lo, hi := -1, -1
	for i, d := range docs {
		if !match(d) {
			continue
		}
		if lo < 0 {
			lo = i
		} else if hi != i {
			lo = -2 // not one run
			break
		}
		hi = i + 1
	}
	switch {
	case lo == -1:
		return nil
	case lo >= 0:
		return docs[lo:hi:hi]
	}
	var out []*iam.Document
	for _, d := range docs {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

// blockLinks adds what a resource block links: memberships, inline
// policies, attachments, access keys, login profiles, password policies.
func (b *graphBuilder) blockLinks(bl *eval.Block) {
	body := bl.Body
	if b.linksFull && onlyLinks[bl.Type] {
		return // (nor are their shapes checked: that reads every element)
	}
	if !b.shapesOK(bl) {
		return
	}
	switch bl.Type {
	case "aws_iam_user_group_membership":
		u := b.resolve(body.Get("user"), iam.User)
		for _, gn := range elems(body.Get("groups")) {
			rng := here(gn, body.Get("groups"), bl.Range)
			if !b.linkRoom(rng) {
				break
			}
			b.member(u, b.resolve(gn, iam.Group), bl, rng)
		}
	case "aws_iam_group_membership":
		gr := b.resolve(body.Get("group"), iam.Group)
		for _, un := range elems(body.Get("users")) {
			rng := here(un, body.Get("users"), bl.Range)
			if !b.linkRoom(rng) {
				break
			}
			b.member(b.resolve(un, iam.User), gr, bl, rng)
		}
	case "aws_iam_user":
		// aws_iam_user.groups-style links (older providers, some modules' inputs).
		u := b.entOf(bl)
		for _, gn := range elems(body.Get("groups")) {
			rng := here(gn, body.Get("groups"), bl.Range)
			if !b.linkRoom(rng) {
				break
			}
			b.member(u, b.resolve(gn, iam.Group), bl, rng)
		}
		b.inlineBlocks(bl, u)
	case "aws_iam_role":
		b.inlineBlocks(bl, b.entOf(bl))
		if n := body.Get("managed_policy_arns"); !isNull(n) {
			for _, pn := range b.listElems(n, "managed_policy_arns", wantARN) {
				rng := here(pn, n, bl.Range)
				if !b.linkRoom(rng) {
					break
				}
				b.attach(b.entOf(bl), pn, rng, bl, bl.Range)
			}
		}
	case "aws_iam_user_policy":
		b.inline(bl, body.Get("user"), iam.User)
	case "aws_iam_group_policy":
		b.inline(bl, body.Get("group"), iam.Group)
	case "aws_iam_role_policy":
		b.inline(bl, body.Get("role"), iam.Role)
	case "aws_ssoadmin_permission_set_inline_policy":
		b.inlineAttr(bl, body.Get("permission_set_arn"), iam.PermissionSet, "inline_policy")
	case "aws_iam_user_policy_attachment":
		b.attachTo(bl, body.Get("user"), iam.User, body.Get("policy_arn"))
	case "aws_iam_group_policy_attachment":
		b.attachTo(bl, body.Get("group"), iam.Group, body.Get("policy_arn"))
	case "aws_iam_role_policy_attachment":
		b.attachTo(bl, body.Get("role"), iam.Role, body.Get("policy_arn"))
	case "aws_iam_user_policy_attachments_exclusive":
		b.attachAll(bl, body.Get("user_name"), iam.User, body.Get("policy_arns"))
	case "aws_iam_group_policy_attachments_exclusive":
		b.attachAll(bl, body.Get("group_name"), iam.Group, body.Get("policy_arns"))
	case "aws_iam_role_policy_attachments_exclusive":
		b.attachAll(bl, body.Get("role_name"), iam.Role, body.Get("policy_arns"))
	case "aws_ssoadmin_managed_policy_attachment":
		b.attachTo(bl, body.Get("permission_set_arn"), iam.PermissionSet, body.Get("managed_policy_arn"))
	case "aws_iam_policy_attachment":
		pol := body.Get("policy_arn")
		n := 0
		for _, x := range []struct {
			attr string
			kind iam.EntityKind
		}{{"users", iam.User}, {"groups", iam.Group}, {"roles", iam.Role}} {
			for _, pn := range elems(body.Get(x.attr)) {
				rng := here(pn, body.Get(x.attr), bl.Range)
				if !b.linkRoom(rng) {
					n = -1
					break
				}
				b.attach(b.resolve(pn, x.kind), pol, here(pol, nil, bl.Range), bl, rng)
				n++
			}
			if n < 0 {
				break
			}
		}
		if n == 0 && b.linkRoom(here(pol, nil, bl.Range)) {
			b.attach(nil, pol, here(pol, nil, bl.Range), bl, bl.Range)
		}
	case "aws_iam_access_key":
		u := b.resolve(body.Get("user"), iam.User)
		k := &iam.AccessKey{User: u, Address: bl.Address, Range: bl.Range, Related: related(bl)}
		if s := body.Get("status"); !isNull(s) {
			k.Status = value(s)
		} else {
			k.Status = iam.KnownValue("Active", bl.Range)
		}
		k.PGPKey = !isNull(body.Get("pgp_key"))
		if u != nil {
			u.AddAccessKey(k)
		}
		b.g.AccessKeys = append(b.g.AccessKeys, k)
	case "aws_iam_user_login_profile":
		u := b.resolve(body.Get("user"), iam.User)
		lp := &iam.LoginProfile{User: u, Address: bl.Address, Range: bl.Range, Related: related(bl)}
		if u != nil {
			u.AddLogin(lp)
		}
		b.g.LoginProfiles = append(b.g.LoginProfiles, lp)
	case "aws_iam_account_password_policy":
		pp := &iam.PasswordPolicy{Address: bl.Address, Range: bl.Range, Settings: map[string]iam.Setting{}, Related: related(bl)}
		for _, k := range passwordAttrs {
			n := body.Get(k)
			if isNull(n) {
				pp.Settings[k] = iam.Setting{Range: bl.Range}
				continue
			}
			rng := here(n, nil, bl.Range)
			pp.Settings[k] = iam.Setting{Value: passwordValue(n, k), Set: true, Range: rng, Sensitive: n.Sensitive()}
		}
		b.g.PasswordPolicies = append(b.g.PasswordPolicies, pp)
	}
}

// linkShapes are, by resource type, the attributes blockLinks reads (but
// for aws_iam_role's, which it checks one by one) and what each must hold:
// a list's elements must be what elem says.
var linkShapes = map[string][]struct {
	attr       string
	want, elem shapeWant
}{
	"aws_iam_user_group_membership":              {{"user", wantString, 0}, {"groups", wantList, wantString}},
	"aws_iam_group_membership":                   {{"group", wantString, 0}, {"users", wantList, wantString}},
	"aws_iam_user":                               {{"groups", wantList, wantString}},
	"aws_iam_user_policy":                        {{"user", wantString, 0}},
	"aws_iam_group_policy":                       {{"group", wantString, 0}},
	"aws_iam_role_policy":                        {{"role", wantString, 0}},
	"aws_ssoadmin_permission_set_inline_policy":  {{"permission_set_arn", wantARN, 0}},
	"aws_iam_user_policy_attachment":             {{"user", wantString, 0}, {"policy_arn", wantARN, 0}},
	"aws_iam_group_policy_attachment":            {{"group", wantString, 0}, {"policy_arn", wantARN, 0}},
	"aws_iam_role_policy_attachment":             {{"role", wantString, 0}, {"policy_arn", wantARN, 0}},
	"aws_iam_user_policy_attachments_exclusive":  {{"user_name", wantString, 0}, {"policy_arns", wantList, wantARN}},
	"aws_iam_group_policy_attachments_exclusive": {{"group_name", wantString, 0}, {"policy_arns", wantList, wantARN}},
	"aws_iam_role_policy_attachments_exclusive":  {{"role_name", wantString, 0}, {"policy_arns", wantList, wantARN}},
	"aws_ssoadmin_managed_policy_attachment":     {{"permission_set_arn", wantARN, 0}, {"managed_policy_arn", wantARN, 0}},
	"aws_iam_policy_attachment": {{"policy_arn", wantARN, 0}, {"users", wantList, wantString},
		{"groups", wantList, wantString}, {"roles", wantList, wantString}},
	"aws_iam_access_key":         {{"user", wantString, 0}, {"status", wantStatus, 0}},
	"aws_iam_user_login_profile": {{"user", wantString, 0}},
	"aws_iam_account_password_policy": {{"minimum_password_length", wantNumber, 0}, {"password_reuse_prevention", wantNumber, 0},
		{"max_password_age", wantNumber, 0}, {"require_lowercase_characters", wantBool, 0}, {"require_uppercase_characters", wantBool, 0},
		{"require_numbers", wantBool, 0}, {"require_symbols", wantBool, 0}, {"allow_users_to_change_password", wantBool, 0},
		{"hard_expiry", wantBool, 0}},
}

// shapesOK reports whether the attributes of bl that blockLinks reads
// (linkShapes) hold values of the types they must (wrongShape), with an
// error at each that does not: a block with one is not linked (what it
// links is not known), and the error says so. Terraform rejects such
// values; they were read as unknown, or as nothing, in silence.
func (b *graphBuilder) shapesOK(bl *eval.Block) bool {
	specs := linkShapes[bl.Type]
	ok := true
	for _, sp := range specs {
		n := bl.Body.Get(sp.attr)
		if isNull(n) {
			continue
		}
		if !b.shapeOK(n, sp.attr, sp.want, false) {
			ok = false
			continue
		}
		if sp.want == wantList && len(b.listElems(n, sp.attr, sp.elem)) != len(elems(n)) {
			ok = false
		}
	}
	return ok
}

// shapeOK reports whether n may hold what want says, with an error at it
// when it may not (elem: n is an element of attr).
func (b *graphBuilder) shapeOK(n *eval.Node, attr string, want shapeWant, elem bool) bool {
	if d := shapeDiag(n, attr, want, elem); d != nil {
		b.diags = append(b.diags, d)
		return false
	}
	return true
}

// listElems is elems(n) for a list attribute whose elements must be what
// want says: nil after an error when n is no list, and without the
// elements that are not what want says (an error at each).
func (b *graphBuilder) listElems(n *eval.Node, attr string, want shapeWant) []*eval.Node {
	if !b.shapeOK(n, attr, wantList, false) {
		return nil
	}
	es := elems(n)
	if len(es) == 1 && es[0] == n {
		return es // one string, or unknown
	}
	var kept []*eval.Node
	for i, e := range es {
		if !b.shapeOK(e, attr, want, true) {
			if kept == nil {
				kept = append(make([]*eval.Node, 0, len(es)), es[:i]...)
			}
			continue
		}
		if kept != nil {
			kept = append(kept, e)
		}
	}
	if kept == nil {
		return es
	}
	return kept
}

// passwordValue is value(n) of attribute attr of
// aws_iam_account_password_policy, its text as Terraform converts it to the
// attribute's type (shapesOK checked that it does): "1e1" is 10, "1" is
// true.
func passwordValue(n *eval.Node, attr string) iam.Value {
	v := value(n)
	if !v.Known {
		return v
	}
	conv := boolText
	switch attr {
	case "minimum_password_length", "password_reuse_prevention", "max_password_age":
		conv = wholeNumber
	}
	if s, ok := conv(n.Value()); ok {
		v.Text = s
	}
	return v
}

// passwordAttrs are the attributes of aws_iam_account_password_policy.
var passwordAttrs = []string{
	"minimum_password_length", "password_reuse_prevention", "max_password_age",
	"require_lowercase_characters", "require_uppercase_characters", "require_numbers", "require_symbols",
	"allow_users_to_change_password", "hard_expiry",
}

func (b *graphBuilder) member(u, gr *iam.Entity, bl *eval.Block, rng hcl.Range) {
	if u == nil || gr == nil {
		return
	}
	b.g.Memberships = append(b.g.Memberships, &iam.Membership{User: u, Group: gr, Address: bl.Address, Range: rng})
	k := [2]*iam.Entity{u, gr}
	if b.members[k] {
		return
	}
	b.members[k] = true
	iam.AddMembership(u, gr)
}

// inline links the policy of an aws_iam_{user,group,role}_policy block.
func (b *graphBuilder) inline(bl *eval.Block, principal *eval.Node, kind iam.EntityKind) {
	b.inlineAttr(bl, principal, kind, "policy")
}

func (b *graphBuilder) inlineAttr(bl *eval.Block, principal *eval.Node, kind iam.EntityKind, attr string) {
	e := b.resolve(principal, kind)
	ip := &iam.InlinePolicy{Principal: e, Address: bl.Address, ResourceType: bl.Type, Range: iam.MakeRange(bl.Range),
		Documents: b.docsFor(bl, bl.Body.Get(attr), attr, iam.Identity), Related: related(bl)}
	if principal != nil {
		ip.PrincipalRange = iam.MakeRange(here(principal, nil, bl.Range))
	} else {
		ip.PrincipalRange = iam.MakeRange(bl.Range)
	}
	if e != nil {
		e.Inline = append(e.Inline, ip.Documents...)
	}
	b.g.Inline = append(b.g.Inline, ip)
}

// inlineBlocks links the inline_policy blocks of an aws_iam_role (or user).
func (b *graphBuilder) inlineBlocks(bl *eval.Block, e *iam.Entity) {
	if e == nil {
		return
	}
	blocks := checkedBlocks(bl.Body.Get("inline_policy"), nil, "inline_policy", func(d *hcl.Diagnostic) { b.diags = append(b.diags, d) })
	fallbackDone := false
	for _, ib := range blocks {
		pn := ib.Get("policy")
		if isNull(pn) {
			continue // inline_policy {} with no policy: removes all inline policies
		}
		var ds []*iam.Document
		ref := pn.RefTo() != nil && (pn.RefTo().Attr == "json" || pn.RefTo().Attr == "minified_json") && b.docs[pn.RefTo().Address] != nil
		if s, ok := docText(pn); !ref && ok && pn.Text == nil {
			ref = b.docByJSON(s) != ""
		}
		switch {
		case ref:
			ds = b.docsFor(bl, pn, "inline_policy.policy", iam.Identity)
		case !fallbackDone:
			fallbackDone = true
			ds = b.docsFor(bl, pn, "inline_policy.policy", iam.Identity)
		}
		rng := ib.NameRange()
		if rng.Filename == "" {
			rng = ib.Range
		}
		ip := &iam.InlinePolicy{Principal: e, Address: bl.Address, ResourceType: bl.Type, Range: iam.MakeRange(rng), PrincipalRange: iam.MakeRange(bl.Range),
			Documents: ds, Related: related(bl)}
		e.Inline = append(e.Inline, ds...)
		b.g.Inline = append(b.g.Inline, ip)
	}
}

func (b *graphBuilder) attachTo(bl *eval.Block, principal *eval.Node, kind iam.EntityKind, pol *eval.Node) {
	// A conditional's value (policy_arn = var.admin ? ... : ...): each
	// branch attached (one of them is, in Terraform).
	for _, pr := range alternatives(principal) {
		for _, p := range alternatives(pol) {
			// here with the attribute as parent: a branch has no name
			// range of its own (here(pol, pol) is here(pol, nil)).
			if !b.linkRoom(here(p, pol, bl.Range)) {
				return
			}
			b.attach(b.resolve(pr, kind), p, here(p, pol, bl.Range), bl, here(pr, principal, bl.Range))
		}
	}
}

func (b *graphBuilder) attachAll(bl *eval.Block, principal *eval.Node, kind iam.EntityKind, pols *eval.Node) {
	e := b.resolve(principal, kind)
	rng := here(principal, nil, bl.Range)
	for _, pn := range elems(pols) {
		at := here(pn, pols, bl.Range)
		if !b.linkRoom(at) {
			break
		}
		b.attach(e, pn, at, bl, rng)
	}
}

// maxGraphLinks is the most memberships and policy attachments the graph
// of one space links (a variable for the tests). A block with a list
// links one per element, and its instances share the list: a file of a
// few lines (1,000 groups of for_each, each with the same 10,000 users)
// made 10 million memberships, 31 s and 3.6 GB.
var maxGraphLinks = 1_000_000

// onlyLinks are the resource types whose blocks link memberships or policy
// attachments and nothing else: once the graph is full (linksFull),
// blockLinks skips them.
var onlyLinks = map[string]bool{
	"aws_iam_user_group_membership": true, "aws_iam_group_membership": true,
	"aws_iam_user_policy_attachment": true, "aws_iam_group_policy_attachment": true, "aws_iam_role_policy_attachment": true,
	"aws_iam_user_policy_attachments_exclusive": true, "aws_iam_group_policy_attachments_exclusive": true,
	"aws_iam_role_policy_attachments_exclusive": true, "aws_ssoadmin_managed_policy_attachment": true,
	"aws_iam_policy_attachment": true,
}

// linkRoom reports whether the graph may link one more membership or
// attachment (counting it); past maxGraphLinks it does not, and the first
// refused, at rng, has an error.
func (b *graphBuilder) linkRoom(rng hcl.Range) bool {
	if b.nlinks < maxGraphLinks {
		b.nlinks++
		return true
	}
	if !b.linksFull {
		b.linksFull = true
		b.diags = append(b.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Identity graph too large",
			Detail:  fmt.Sprintf("this root module links more than %d group memberships and policy attachments (the elements of their lists count one each); this one and the ones after it are not linked.", maxGraphLinks),
			Subject: rng.Ptr()})
	}
	return false
}

// attach links the managed policy of node pol to principal e (nil when the
// attachment names no principal).
func (b *graphBuilder) attach(e *iam.Entity, pol *eval.Node, polRange hcl.Range, bl *eval.Block, principalRange hcl.Range) {
	if pol == nil {
		// No policy_arn (a configuration error, or one known only to a
		// later provider): the link to the principal is still kept.
		pol = &eval.Node{Val: cty.DynamicVal, Range: bl.Range}
	}
	a := &iam.Attachment{Principal: e, PolicyARN: value(pol), Address: bl.Address, ResourceType: bl.Type,
		Range: iam.MakeRange(polRange), BlockRange: iam.MakeRange(bl.Range), PrincipalRange: iam.MakeRange(principalRange), Related: related(bl)}
	var pb *eval.Block
	if pol.RefTo() != nil {
		if t := b.block(pol.RefTo().Address); t != nil {
			switch {
			case t.Mode == "resource" && t.Type == "aws_iam_policy":
				pb = t
			case t.Mode == "data" && t.Type == "aws_iam_policy":
				// data "aws_iam_policy" looked up by arn or name.
				if v := value(t.Body.Get("arn")); v.Known && !a.PolicyARN.Known {
					a.PolicyARN = iam.KnownValue(v.Text, pol.Range)
				} else if n := knownString(t.Body.Get("name")); n != "" {
					a.PolicyName = iam.KnownValue(n, pol.Range)
				}
			}
		}
	}
	if pb == nil && a.PolicyARN.Known && strings.Contains(a.PolicyARN.Text, ":policy/") && !strings.Contains(a.PolicyARN.Text, ":iam::aws:policy/") {
		pb = b.policies[nameOf(a.PolicyARN.Text)]
	}
	if !a.PolicyARN.Known && !a.PolicyName.Known && pol.PartialOf() != nil {
		// arn:${data.aws_partition.current.partition}:iam::aws:policy/NAME
		t := pol.PartialOf().Text
		if i := strings.LastIndex(t, ":iam::aws:policy/"); i >= 0 {
			rest := t[i+len(":iam::aws:policy/"):]
			if !strings.Contains(rest, eval.UnknownMarker) {
				a.PolicyName = iam.KnownValue(nameOf("arn:"+rest), pol.Range)
			}
		}
	}
	if pb != nil {
		a.Policies = b.docsFor(pb, pb.Body.Get("policy"), "policy", iam.Identity)
		if len(a.Policies) > 0 {
			a.Policy = a.Policies[0]
		}
	}
	if e != nil {
		e.Attachments = append(e.Attachments, a)
	}
	b.g.Attachments = append(b.g.Attachments, a)
}
