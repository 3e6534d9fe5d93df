package eval

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Config is the parsed (not evaluated) content of one module directory.
type Config struct {
	Dir   string      // directory as reached from the scanned path
	Files []*hcl.File // parsed .tf / .tf.json files, in lexical order

	Variables map[string]*Variable
	Locals    map[string]*hcl.Attribute
	Outputs   map[string]*hcl.Attribute
	Calls     []*Call          // module blocks in source order
	callIdx   map[string]*Call // Calls by name (addCall); nil: look in Calls (a Config made otherwise)
	Blocks    []*BlockConfig   // resource, data and provider blocks in source order
	byAddr    map[string]*BlockConfig
	// store holds the BlockConfigs of Blocks, allocated at once (addBlock),
	// keyBuf the bytes of their keys (blockKey).
	store  []BlockConfig
	keyBuf []byte

	// SensitiveOutputs names the outputs declared sensitive = true: the
	// caller's reads of them are sensitive values (Module.Sensitive).
	SensitiveOutputs map[string]bool

	// localConsts holds the constant parts of the locals (see constSet),
	// computed on first use (a configuration is shared by the roots
	// evaluated in parallel).
	localsOnce  sync.Once
	localConsts constSet

	realOnce sync.Once // realDir, computed once: a configuration is shared by many module instances and roots
	real     string

	hiddenOnce sync.Once // hiddenVars, computed once (as realOnce)
	hidden     []*Variable

	// addrEnds[i] is where the address of Blocks[i] ends in the
	// addresses of the blocks one after the other (blockKey, without the
	// module's path), computed once (see scope.blockAddr).
	addrOnce sync.Once
	addrEnds []int
}

// hiddenVars returns the variables declared sensitive or ephemeral, by
// name: Terraform prints the value of none of them.
func (c *Config) hiddenVars() []*Variable {
	c.hiddenOnce.Do(func() {
		for _, v := range c.Variables {
			if v.Hidden() {
				c.hidden = append(c.hidden, v)
			}
		}
		sort.Slice(c.hidden, func(i, j int) bool { return c.hidden[i].Name < c.hidden[j].Name })
	})
	return c.hidden
}

// Hidden reports whether v is declared sensitive or ephemeral: no report
// prints its value (Module.Sensitive, Module.SensitiveRanges).
func (v *Variable) Hidden() bool {
	return v.Sensitive || v.Ephemeral
}

// blockKey is the address of bc in its module: its key, without what
// follows a NUL (a second block of one address: NewConfig).
func blockKey(bc *BlockConfig) string {
	key := bc.key()
	if i := strings.IndexByte(key, 0); i >= 0 {
		key = key[:i]
	}
	return key
}

// blockAddrEnds returns addrEnds.
func (c *Config) blockAddrEnds() []int {
	c.addrOnce.Do(func() {
		c.addrEnds = make([]int, len(c.Blocks))
		n := 0
		for i, bc := range c.Blocks {
			n += len(blockKey(bc))
			c.addrEnds[i] = n
		}
	})
	return c.addrEnds
}

// realDir is Dir absolute with symlinks resolved (realPath), computed once
// (EvalSymlinks is a system call per path element).
// cache is Options.realDirs.
func (c *Config) realDir(cache *sync.Map) string {
	c.realOnce.Do(func() { c.real = realPath(c.Dir, cache) })
	return c.real
}

// Variable is a variable block.
type Variable struct {
	Name     string
	Default  hcl.Expression // nil when absent
	Type     cty.Type       // cty.DynamicPseudoType when absent
	Defaults *typeexpr.Defaults
	defLocs  *defaultLocs // where Defaults were written
	Range    hcl.Range
	HasType  bool
	// NotNullable is nullable = false: a null input then takes the default
	// (with nullable unset or true, null overrides the default).
	NotNullable bool
	// Sensitive is sensitive = true: Terraform prints no value of it.
	Sensitive bool
	// Ephemeral is ephemeral = true (Terraform 1.10): its value is in no
	// plan or state, and Terraform prints none of it either.
	Ephemeral bool
	body      hcl.Body // the block's body (an override file merges into it)
}

// Call is a module block.
type Call struct {
	Name   string
	Source string
	Range  hcl.Range // the block header
	// SourceRange is the source argument's value (Range when there is
	// none).
	SourceRange hcl.Range
	Body        hcl.Body
	Args        map[string]*hcl.Attribute
	Count       hcl.Expression
	ForEach     hcl.Expression
}

// BlockConfig is a resource, data or provider block.
type BlockConfig struct {
	Mode, Type, Name string
	Range            hcl.Range // the block header (type and labels)
	// def is the block's DefRange when it is not Range (a JSON block's);
	// nil: Range (a native block's, whose DefRange is the same span).
	def            *hcl.Range
	Body           hcl.Body
	Count, ForEach hcl.Expression

	constsOnce sync.Once // consts, computed when the body is first evaluated
	consts     constSet

	itemsOnce sync.Once  // items, computed when the body is first evaluated
	items     []bodyItem // the body's members, meta-arguments left out, in source order (bodyItems)

	addr string // key(), set by NewConfig
	idx  int    // the block's position in Config.Blocks (scope.groups)

	relevant atomic.Pointer[relevance] // scope.relevant's answer (a configuration is shared by the roots evaluated in parallel)
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "terraform"},
	{Type: "moved"},
	{Type: "import"},
	{Type: "check", LabelNames: []string{"name"}},
	{Type: "removed"},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
}}

// NewConfig decodes the top-level blocks of the files of one module directory.
func NewConfig(dir string, files []*hcl.File) (*Config, hcl.Diagnostics) {
	n := countTop(files)
	c := &Config{Dir: dir, Files: files, Variables: make(map[string]*Variable, n.variables), Locals: make(map[string]*hcl.Attribute, n.locals),
		Outputs: make(map[string]*hcl.Attribute, n.outputs), byAddr: make(map[string]*BlockConfig, n.blocks)}
	if n.blocks > 0 {
		c.Blocks = make([]*BlockConfig, 0, n.blocks)
		c.store = make([]BlockConfig, 0, n.blocks)
		c.keyBuf = make([]byte, 0, n.keyBytes)
	}
	var diags hcl.Diagnostics
	var overrides []*hcl.File
	var cur hcl.Block                           // the native block being read (topBlock): nothing keeps it
	var outStore []hcl.Attribute                // the outputs' value attributes (attrIn)
	var outputs, providers map[string]hcl.Range // where each output and provider configuration is declared (duplicates)
	for _, f := range files {
		if f == nil || f.Body == nil {
			continue
		}
		diags = append(diags, unknownTopBlocks(f)...)
		if IsOverrideFile(f.Body.MissingItemRange().Filename) {
			overrides = append(overrides, f) // merged after every primary file, as Terraform does
			continue
		}
		var blocks hcl.Blocks
		sb, native := topNative(f.Body)
		nb := 0
		if native {
			nb = len(sb.Blocks)
		} else {
			content, _, ds := f.Body.PartialContent(topSchema)
			diags = append(diags, ds...)
			if content == nil {
				continue
			}
			blocks = content.Blocks
			nb = len(blocks)
		}
		for i := range nb {
			var b *hcl.Block
			if native {
				if !topBlock(&cur, sb.Blocks[i]) {
					continue
				}
				b = &cur
			} else {
				b = blocks[i]
			}
			diags = append(diags, jsonDuplicateArgs(b)...)
			switch b.Type {
			case "variable":
				diags = append(diags, c.addVariable(b)...)
			case "locals":
				attrs, ds := localsAttrs(b.Body)
				diags = append(diags, ds...)
				for _, a := range attrs {
					if prev, ok := c.Locals[a.Name]; ok {
						diags = append(diags, duplicate("local value definition", fmt.Sprintf("A local value named %q was already defined at %s. Local value names must be unique within a module; this one is not evaluated.", a.Name, prev.NameRange), a.NameRange))
						continue
					}
					c.Locals[a.Name] = a
				}
			case "output":
				if prev, ok := outputs[b.Labels[0]]; ok {
					diags = append(diags, duplicate("output definition", fmt.Sprintf("An output named %q was already defined at %s. Output names must be unique within a module; this one is not evaluated.", b.Labels[0], prev), b.DefRange))
					continue
				}
				if outputs == nil {
					outputs = make(map[string]hcl.Range, n.outputs)
				}
				outputs[b.Labels[0]] = b.DefRange
				attr := newAttrFinder(b.Body)
				if a, ok := attr.attrIn("value", &outStore, n.outputs); ok {
					c.Outputs[b.Labels[0]] = a
				}
				if x, ok := attr.expr("sensitive"); ok {
					if sensitive, _ := constBool(x); sensitive {
						if c.SensitiveOutputs == nil {
							c.SensitiveOutputs = map[string]bool{}
						}
						c.SensitiveOutputs[b.Labels[0]] = true
					}
				}
			case "module":
				if d := badLabel(b, 0, "module instance"); d != nil {
					diags = append(diags, d) // not followed: no address of its own
					continue
				}
				diags = append(diags, c.addCall(b)...)
			case "resource", "data":
				what, whatType := "resource", "resource type"
				if b.Type == "data" {
					what, whatType = "data source", "data source type"
				}
				if d := badLabel(b, 0, whatType); d != nil {
					diags = append(diags, d) // not linted: no address of its own
					continue
				}
				if d := badLabel(b, 1, what); d != nil {
					diags = append(diags, d)
					continue
				}
				diags = append(diags, c.addBlock(b)...)
			case "provider":
				if providers == nil {
					providers = map[string]hcl.Range{}
				}
				if d := duplicateProvider(b, providers); d != nil {
					diags = append(diags, d) // linted all the same
				}
				diags = append(diags, c.addBlock(b)...)
			case "check":
				diags = append(diags, c.addScopedData(b)...)
			}
		}
	}
	for _, f := range overrides {
		diags = append(diags, c.applyOverride(f)...)
	}
	return c, diags
}

// jsonArgs are the names that are arguments, never nested blocks, in the
// body of a top-level block of each type (nil: all of them).
var jsonArgs = map[string]map[string]bool{
	"resource":  {"count": true, "for_each": true, "provider": true, "depends_on": true},
	"data":      {"count": true, "for_each": true, "provider": true, "depends_on": true},
	"ephemeral": {"count": true, "for_each": true, "provider": true, "depends_on": true},
	"module":    nil,
	"variable":  {"default": true, "type": true, "description": true, "sensitive": true, "nullable": true, "ephemeral": true},
	"output":    {"value": true, "description": true, "sensitive": true, "depends_on": true, "ephemeral": true},
}

// jsonDuplicateArgs returns a "Duplicate argument" error, as terraform
// gives, for each argument of the JSON body of the top-level block b
// (jsonArgs) that is defined more than once. The first definition was
// used without a word: a second "count": 2 after "count": 0 left a
// resource with no instance, its policy never linted, exit 0; a second
// module "source" was not followed. The first is still used. Arguments of
// a resource's own schema are told where the body is evaluated
// (jsonRepeated), which tells nested blocks from them.
func jsonDuplicateArgs(b *hcl.Block) hcl.Diagnostics {
	names, ok := jsonArgs[b.Type]
	if !ok {
		return nil
	}
	if _, native := b.Body.(*hclsyntax.Body); native {
		return nil // hclsyntax said "Attribute redefined"
	}
	_, ds := b.Body.JustAttributes()
	var out hcl.Diagnostics
	for _, d := range ds {
		if name, ok := duplicateName(d); ok && (names == nil || names[name]) {
			out = append(out, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate argument",
				Detail: d.Detail + " Each argument may be set only once; the first is used.", Subject: d.Subject})
		}
	}
	return out
}

// checkSchema is what a check block holds (Terraform 1.5+): asserts, and
// at most one data block, its scoped data source.
var checkSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "assert"},
}}

// addScopedData adds the data blocks of the check block b: a scoped data
// source is read at plan time like any other (its address is
// data.TYPE.NAME, unique among the module's data sources), and the IAM
// policy document it writes is a policy of the module, linted as a
// top-level one (it was not read at all).
func (c *Config) addScopedData(b *hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var blocks hcl.Blocks
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		for _, nb := range sb.Blocks {
			if nb.Type == "data" && len(nb.Labels) == 2 {
				blocks = append(blocks, nb.AsHCLBlock())
			}
		}
	} else {
		content, _, ds := b.Body.PartialContent(checkSchema)
		if content == nil {
			return ds
		}
		blocks = content.Blocks.OfType("data")
	}
	for _, nb := range blocks {
		if d := badLabel(nb, 0, "data source type"); d != nil {
			diags = append(diags, d)
			continue
		}
		if d := badLabel(nb, 1, "data source"); d != nil {
			diags = append(diags, d)
			continue
		}
		diags = append(diags, c.addBlock(nb)...)
	}
	return diags
}

// badLabel is Terraform's error for label i of b when it is not a valid
// identifier (a letter or underscore, then letters, digits, underscores
// and dashes), located at the label; nil when it is one. Such a block has
// no address of its own: a name with a dot or a NUL (the separator of a
// second block of one address, addBlock) would be read as another one.
func badLabel(b *hcl.Block, i int, what string) *hcl.Diagnostic {
	if validIdent(b.Labels[i]) {
		return nil
	}
	at := b.DefRange
	if i < len(b.LabelRanges) {
		at = b.LabelRanges[i]
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + what + " name",
		Detail: "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.", Subject: at.Ptr()}
}

// validIdent reports whether s is an HCL identifier, as Terraform checks
// block names (hclsyntax.ValidIdentifier): a byte loop for ASCII names,
// the scanner (Unicode ID_Start/ID_Continue) only for others.
func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return hclsyntax.ValidIdentifier(s)
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c == '-' || c >= '0' && c <= '9'):
		default:
			return false
		}
	}
	return true
}

// topLabels returns the number of labels of the block type t of
// topSchema (false: not one of its types). A switch, not a map: it is
// asked for every top-level block of every file (TestTopLabelsMatchSchema).
func topLabels(t string) (int, bool) {
	switch t {
	case "locals", "terraform", "moved", "import", "removed":
		return 0, true
	case "variable", "output", "module", "provider", "check":
		return 1, true
	case "resource", "data", "ephemeral":
		return 2, true
	}
	return 0, false
}

// topNative returns body when it is a native syntax file body whose
// blocks of the types of topSchema all have their labels (no diagnostic):
// NewConfig then walks its blocks (topBlock), without the maps
// PartialContent makes for every file (schema, hidden attributes and
// blocks, attributes) nor the remaining body. ok is false for anything
// else (a JSON body, a block with too many or too few labels):
// PartialContent then says it.
func topNative(body hcl.Body) (*hclsyntax.Body, bool) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return nil, false
	}
	for _, b := range sb.Blocks {
		labels, wanted := topLabels(b.Type)
		if wanted && len(b.Labels) != labels {
			return nil, false
		}
	}
	return sb, true
}

// topBlock sets *dst to b as AsHCLBlock makes it, and reports whether b
// is of a type of topSchema (PartialContent's blocks are those).
// NewConfig reads each block through one hcl.Block (what it keeps of a
// block is copied from it), not through a copy of each: 208 bytes per
// top-level block of every file.
func topBlock(dst *hcl.Block, b *hclsyntax.Block) bool {
	if _, wanted := topLabels(b.Type); !wanted {
		return false
	}
	*dst = hcl.Block{Type: b.Type, Labels: b.Labels, Body: b.Body,
		DefRange: b.DefRange(), TypeRange: b.TypeRange, LabelRanges: b.LabelRanges}
	return true
}

// DefRange is the block's hcl.Block DefRange (its header).
func (b *BlockConfig) DefRange() hcl.Range {
	if b.def != nil {
		return *b.def
	}
	return b.Range
}

// addBlock adds a resource, data or provider block.
func (c *Config) addBlock(b *hcl.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	var bc *BlockConfig
	if len(c.store) < cap(c.store) {
		// One allocation for the blocks NewConfig counted.
		c.store = c.store[:len(c.store)+1]
		bc = &c.store[len(c.store)-1]
	} else {
		bc = new(BlockConfig)
	}
	*bc = BlockConfig{Mode: b.Type, Type: b.Labels[0], Range: hcl.RangeBetween(b.TypeRange, lastLabel(b)), Body: b.Body}
	if b.DefRange != bc.Range {
		def := b.DefRange
		bc.def = &def
	}
	if b.Type != "provider" {
		bc.Name = b.Labels[1]
		bc.Count, bc.ForEach = metaExprs(b.Body)
	}
	bc.idx = len(c.Blocks)
	c.Blocks = append(c.Blocks, bc)
	if b.Type != "provider" {
		bc.addr = c.blockKey(bc)
		if prev, ok := c.byAddr[bc.addr]; ok {
			// Linted too, under the same address, but
			// references name the first: a key of its own
			// that no reference spells (group strips it).
			what := "resource"
			if b.Type == "data" {
				what = "data"
			}
			diags = append(diags, duplicate(what+" configuration", fmt.Sprintf("A %s %s block named %q was already declared at %s. Resource names must be unique per type in each module; references name the first one.", bc.Type, what, bc.Name, prev.DefRange()), b.DefRange))
			bc.addr += "\x00" + strconv.Itoa(len(c.Blocks))
		}
		c.byAddr[bc.addr] = bc
	}
	return diags
}

// constSet holds the expressions, among those of a block body or of the
// locals of a module, whose value is the same in every instance of the
// module: the biggest parts that refer to nothing (no variable, local,
// resource, each, count, path, for symbol...) and read no file, and that
// build something (not a literal, not a plain string). An evaluation
// computes each once (env.expr, evaluator.consts). Read-only once built.
//
// The set is keyed by the address of the syntax node (exprAddr), not by
// the expression interface: it is asked of every object, tuple, call and
// template of a body at each evaluation, and a map keyed by an interface
// hashes it through its dynamic type (and compares with ifaceeq). The
// value is the expression itself, compared on a hit (has), so that an
// expression of another type at the same address is never taken for it.
type constSet map[unsafe.Pointer]hcl.Expression

// exprAddr is the address an expression's interface points at: for the
// expressions of a constSet (hclsyntax object, tuple, call and template
// nodes, all pointers) the syntax node's.
func exprAddr(x hcl.Expression) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
}

// has reports whether x is in the set.
func (s constSet) has(x hcl.Expression) bool {
	if len(s) == 0 {
		return false
	}
	y, ok := s[exprAddr(x)]
	return ok && y == x
}

// constSource gives a constant set (env.consts).
type constSource interface{ constSet() constSet }

func (b *BlockConfig) constSet() constSet { return b.bodyConsts() }

func (c *Config) constSet() constSet { return c.localsConsts() }

// bodyConsts returns the constant set of the block's body (and nested
// blocks), computed once.
func (b *BlockConfig) bodyConsts() constSet {
	b.constsOnce.Do(func() {
		if sb, ok := b.Body.(*hclsyntax.Body); ok {
			w := newConstWalker()
			w.body(sb)
			b.consts = w.set
			w.done()
		}
	})
	return b.consts
}

// localsConsts returns the constant set of the locals, computed once.
func (c *Config) localsConsts() constSet {
	c.localsOnce.Do(func() {
		w := newConstWalker()
		defer w.done()
		for _, a := range c.Locals {
			if x, ok := a.Expr.(hclsyntax.Expression); ok {
				w.top(x)
			}
		}
		c.localConsts = w.set
	})
	return c.localConsts
}

// constWalker builds a constSet.
type constWalker struct {
	set     constSet
	pending []hclsyntax.Expression // instance-free children of the nodes being walked
	pooled  *[]hclsyntax.Expression
}

// pendingPool holds constWalkers' pending slices between walks (one is
// needed per constant set, and sets are made from parallel roots).
var pendingPool = sync.Pool{New: func() any { s := make([]hclsyntax.Expression, 0, 32); return &s }}

// newConstWalker returns a walker whose pending slice is from pendingPool;
// done gives it back.
func newConstWalker() *constWalker {
	p := pendingPool.Get().(*[]hclsyntax.Expression)
	return &constWalker{pending: (*p)[:0], pooled: p}
}

// done gives the walker's pending slice back to pendingPool, cleared (it
// keeps no syntax alive).
func (w *constWalker) done() {
	clear(w.pending[:cap(w.pending)])
	*w.pooled = w.pending[:0]
	pendingPool.Put(w.pooled)
	w.pending, w.pooled = nil, nil
}

// body adds the constant expressions of a body and of its nested blocks
// (dynamic ones too: what refers to their iterator is not constant, the
// rest is).
func (w *constWalker) body(b *hclsyntax.Body) {
	for _, a := range b.Attributes {
		w.top(a.Expr)
	}
	for _, bl := range b.Blocks {
		w.body(bl.Body)
	}
}

// top adds the biggest instance-free parts of x: x itself when it is.
func (w *constWalker) top(x hclsyntax.Expression) {
	if w.walk(x) {
		w.remember(x)
	}
}

// remember adds x to the set when it builds something.
func (w *constWalker) remember(x hclsyntax.Expression) {
	switch x := x.(type) {
	case *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr, *hclsyntax.FunctionCallExpr:
	case *hclsyntax.TemplateExpr:
		if len(x.Parts) <= 1 {
			return
		}
	default:
		return
	}
	if w.set == nil {
		w.set = constSet{}
	}
	w.set[exprAddr(x)] = x
}

// walk reports whether x is instance-free. Kinds of expression it does not
// know are taken as dependent. The instance-free children of an expression
// that is not are remembered.
func (w *constWalker) walk(x hclsyntax.Expression) bool {
	mark := len(w.pending)
	free := true
	kid := func(k hclsyntax.Expression) {
		if k != nil && w.walk(k) {
			w.pending = append(w.pending, k)
		} else {
			free = false
		}
	}
	switch x := x.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.AnonSymbolExpr:
	case *hclsyntax.TemplateExpr:
		for _, p := range x.Parts {
			kid(p)
		}
	case *hclsyntax.TemplateWrapExpr:
		kid(x.Wrapped)
	case *hclsyntax.TemplateJoinExpr:
		kid(x.Tuple)
	case *hclsyntax.ParenthesesExpr:
		kid(x.Expression)
	case *hclsyntax.TupleConsExpr:
		for _, el := range x.Exprs {
			kid(el)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range x.Items {
			if k, ok := it.KeyExpr.(*hclsyntax.ObjectConsKeyExpr); !ok {
				free = false
			} else if _, bare := literalKey(k); !bare {
				kid(k.Wrapped)
			}
			kid(it.ValueExpr)
		}
	case *hclsyntax.FunctionCallExpr:
		name := strings.TrimPrefix(x.Name, "core::")
		if strings.HasPrefix(name, "file") || strings.HasPrefix(name, "template") || name == "abspath" || name == "pathexpand" {
			free = false
		}
		for _, a := range x.Args {
			kid(a)
		}
	case *hclsyntax.ConditionalExpr:
		kid(x.Condition)
		kid(x.TrueResult)
		kid(x.FalseResult)
	case *hclsyntax.BinaryOpExpr:
		kid(x.LHS)
		kid(x.RHS)
	case *hclsyntax.UnaryOpExpr:
		kid(x.Val)
	case *hclsyntax.IndexExpr:
		kid(x.Collection)
		kid(x.Key)
	case *hclsyntax.RelativeTraversalExpr:
		kid(x.Source)
	case *hclsyntax.SplatExpr:
		kid(x.Source)
		kid(x.Each)
	case *hclsyntax.ForExpr:
		// Its symbols make it dependent; its collection may not be.
		free = false
		kid(x.CollExpr)
	default:
		free = false
	}
	if !free {
		for _, k := range w.pending[mark:] {
			w.remember(k)
		}
	}
	w.pending = w.pending[:mark]
	return free
}

// blockKey is b.key() for a block b without one yet, its bytes written
// into c.keyBuf while it has room (NewConfig sized it for the blocks it
// counted): one allocation for the keys of the module's blocks.
func (c *Config) blockKey(b *BlockConfig) string {
	n := len(b.Type) + 1 + len(b.Name)
	if b.Mode == "data" {
		n += len("data.")
	}
	if b.addr != "" || cap(c.keyBuf)-len(c.keyBuf) < n {
		return b.key()
	}
	start := len(c.keyBuf)
	if b.Mode == "data" {
		c.keyBuf = append(c.keyBuf, "data."...)
	}
	c.keyBuf = append(c.keyBuf, b.Type...)
	c.keyBuf = append(c.keyBuf, '.')
	c.keyBuf = append(c.keyBuf, b.Name...)
	return bytesString(c.keyBuf[start:])
}

func (b *BlockConfig) key() string {
	if b.addr != "" {
		return b.addr
	}
	if b.Mode == "data" {
		return "data." + b.Type + "." + b.Name
	}
	return b.Type + "." + b.Name
}

// shadowed reports whether b is a second declaration of an address its
// module already declares (addBlock): references name the first.
func (b *BlockConfig) shadowed() bool { return strings.IndexByte(b.addr, 0) >= 0 }

func lastLabel(b *hcl.Block) hcl.Range {
	if len(b.LabelRanges) > 0 {
		return b.LabelRanges[len(b.LabelRanges)-1]
	}
	return b.TypeRange
}

// metaExprs returns the count and for_each expressions of a block body.
func metaExprs(body hcl.Body) (count, forEach hcl.Expression) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		// Looked up where they are: bodyAttrs would copy every attribute.
		if a, ok := sb.Attributes["count"]; ok {
			count = a.Expr
		}
		if a, ok := sb.Attributes["for_each"]; ok {
			forEach = a.Expr
		}
		return
	}
	attrs := bodyAttrs(body)
	if a, ok := attrs["count"]; ok {
		count = a.Expr
	}
	if a, ok := attrs["for_each"]; ok {
		forEach = a.Expr
	}
	return
}

// bodyAttrs returns the attributes of a body without decoding nested blocks.
func bodyAttrs(body hcl.Body) map[string]*hcl.Attribute {
	if sb, ok := body.(*hclsyntax.Body); ok {
		out := make(map[string]*hcl.Attribute, len(sb.Attributes))
		for n, a := range sb.Attributes {
			out[n] = a.AsHCLAttribute()
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	return attrs
}

// attrLookup returns a function that finds an attribute of body by name,
// as bodyAttrs(body)[name] does, converting only the attribute asked for.
func attrLookup(body hcl.Body) func(name string) (*hcl.Attribute, bool) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		return func(name string) (*hcl.Attribute, bool) {
			if a, ok := sb.Attributes[name]; ok {
				return a.AsHCLAttribute(), true
			}
			return nil, false
		}
	}
	attrs := bodyAttrs(body)
	return func(name string) (*hcl.Attribute, bool) {
		a, ok := attrs[name]
		return a, ok
	}
}

// attrFinder finds the attributes of a body by name, as attrLookup's
// function does, without a function value: a native body's looked up
// where they are, another's converted once (bodyAttrs).
type attrFinder struct {
	sb    *hclsyntax.Body
	attrs map[string]*hcl.Attribute
}

func newAttrFinder(body hcl.Body) attrFinder {
	if sb, ok := body.(*hclsyntax.Body); ok {
		return attrFinder{sb: sb}
	}
	return attrFinder{attrs: bodyAttrs(body)}
}

// attr returns the attribute name (a new hcl.Attribute for a native body).
func (f attrFinder) attr(name string) (*hcl.Attribute, bool) {
	if f.sb != nil {
		if a, ok := f.sb.Attributes[name]; ok {
			return a.AsHCLAttribute(), true
		}
		return nil, false
	}
	a, ok := f.attrs[name]
	return a, ok
}

// attrIn is attr, the hcl.Attribute of a native body cut from *store,
// made with room for n when empty: one allocation for the value
// attributes of a module's outputs, not one each. When *store is full
// the attribute is allocated on its own (an append would move the
// attributes already handed out).
func (f attrFinder) attrIn(name string, store *[]hcl.Attribute, n int) (*hcl.Attribute, bool) {
	if f.sb == nil {
		return f.attr(name)
	}
	a, ok := f.sb.Attributes[name]
	if !ok {
		return nil, false
	}
	if *store == nil {
		*store = make([]hcl.Attribute, 0, n)
	}
	s := *store
	if len(s) == cap(s) {
		return a.AsHCLAttribute(), true
	}
	s = append(s, hcl.Attribute{Name: a.Name, Expr: a.Expr, Range: a.SrcRange, NameRange: a.NameRange})
	*store = s
	return &s[len(s)-1], true
}

// expr returns the expression of the attribute name, without making an
// hcl.Attribute.
func (f attrFinder) expr(name string) (hcl.Expression, bool) {
	if f.sb != nil {
		if a, ok := f.sb.Attributes[name]; ok {
			return a.Expr, true
		}
		return nil, false
	}
	if a, ok := f.attrs[name]; ok {
		return a.Expr, true
	}
	return nil, false
}

// topCounts is how many of each kind of top-level declaration the native
// bodies of a module's files hold (NewConfig sizes its maps by them).
type topCounts struct {
	variables, locals, outputs, blocks int
	keyBytes                           int // the bytes of the resource and data blocks' keys
}

// countTop counts the declarations of files (overrides too: an upper
// bound).
func countTop(files []*hcl.File) topCounts {
	var n topCounts
	for _, f := range files {
		if f == nil {
			continue
		}
		sb, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range sb.Blocks {
			switch b.Type {
			case "variable":
				n.variables++
			case "locals":
				n.locals += len(b.Body.Attributes)
			case "output":
				n.outputs++
			case "resource", "data", "provider":
				n.blocks++
				if b.Type != "provider" && len(b.Labels) == 2 {
					n.keyBytes += len(b.Labels[0]) + 1 + len(b.Labels[1])
					if b.Type == "data" {
						n.keyBytes += len("data.")
					}
				}
			}
		}
	}
	return n
}

// duplicate is the error for a second declaration of one name.
func duplicate(what, detail string, at hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate " + what, Detail: detail, Subject: at.Ptr()}
}

// duplicateProvider is Terraform's error for provider block b when seen
// (name and alias -> where declared) holds a configuration of its name and
// alias, nil otherwise (b is then added to seen). An alias that is not a
// literal string (an error of its own in Terraform) is not compared.
func duplicateProvider(b *hcl.Block, seen map[string]hcl.Range) *hcl.Diagnostic {
	alias := ""
	if a, ok := attrLookup(b.Body)("alias"); ok {
		v, ds := ConstValue(a.Expr)
		if ds.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			return nil
		}
		alias = v.AsString()
	}
	key := b.Labels[0] + "\x00" + alias
	prev, ok := seen[key]
	if !ok {
		seen[key] = b.DefRange
		return nil
	}
	if alias == "" {
		return duplicate("provider configuration", fmt.Sprintf("A default (non-aliased) provider configuration for %q was already given at %s. If multiple configurations are required, set the \"alias\" argument for alternative configurations. Both are linted.", b.Labels[0], prev), b.DefRange)
	}
	return duplicate("provider configuration", fmt.Sprintf("A provider configuration for %q with alias %q was already given at %s. Each configuration for the same provider must have a distinct alias. Both are linted.", b.Labels[0], alias, prev), b.DefRange)
}

func (c *Config) addVariable(b *hcl.Block) hcl.Diagnostics {
	if prev, ok := c.Variables[b.Labels[0]]; ok {
		return hcl.Diagnostics{duplicate("variable declaration", fmt.Sprintf("A variable named %q was already declared at %s. Variable names must be unique within a module; this one is not evaluated.", b.Labels[0], prev.Range), b.DefRange)}
	}
	v := &Variable{Name: b.Labels[0], Type: cty.DynamicPseudoType, Range: b.DefRange, body: b.Body}
	var diags hcl.Diagnostics
	attr := newAttrFinder(b.Body)
	if x, ok := attr.expr("default"); ok {
		v.Default = x
	}
	if x, ok := attr.expr("nullable"); ok {
		if nullable, ok := constBool(x); ok {
			v.NotNullable = !nullable
		}
	}
	if x, ok := attr.expr("sensitive"); ok {
		v.Sensitive, _ = constBool(x)
	}
	if x, ok := attr.expr("ephemeral"); ok {
		v.Ephemeral, _ = constBool(x)
	}
	if tyx, ok := attr.expr("type"); ok {
		if ty, ok := legacyType(tyx); ok {
			v.Type, v.HasType = ty, true
			c.Variables[v.Name] = v
			return diags
		}
		tx, refused := typeExpr(tyx)
		if refused != nil {
			diags = append(diags, refused)
			c.Variables[v.Name] = v
			return diags
		}
		ty, defs, ds := typeexpr.TypeConstraintWithDefaults(tx)
		if ds.HasErrors() {
			for _, d := range ds {
				d.Severity = hcl.DiagWarning
			}
			diags = append(diags, ds...)
		} else {
			v.Type, v.Defaults, v.HasType = ty, defs, true
			if defs != nil {
				v.defLocs = typeDefaultLocs(tx)
				if _, native := tyx.(hclsyntax.Expression); !native && v.defLocs != nil {
					v.defLocs.json = tyx.Range()
				}
			}
		}
	}
	c.Variables[v.Name] = v
	return diags
}

// call returns the module call named name, or nil. The calls are looked
// up by name in callIdx: a module of 80,000 module calls compared each
// with all those before it, when added and when evaluated (minutes).
func (c *Config) call(name string) *Call {
	if c.callIdx != nil {
		return c.callIdx[name]
	}
	var call *Call
	for _, cl := range c.Calls {
		if cl.Name == name {
			call = cl
		}
	}
	return call
}

func (c *Config) addCall(b *hcl.Block) hcl.Diagnostics {
	if prev := c.call(b.Labels[0]); prev != nil {
		return hcl.Diagnostics{duplicate("module call", fmt.Sprintf("A module call named %q was already defined at %s. Module calls must have unique names within a module; this one is not followed.", b.Labels[0], prev.Range), b.DefRange)}
	}
	call := &Call{Name: b.Labels[0], Range: hcl.RangeBetween(b.TypeRange, lastLabel(b)), Body: b.Body, Args: map[string]*hcl.Attribute{}}
	call.SourceRange = call.Range
	var diags hcl.Diagnostics
	attrs := bodyAttrs(b.Body)
	if _, ok := attrs["source"]; !ok {
		// Terraform refuses the call; it was skipped without a word (a
		// module block being written: its module not linted, exit 0).
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing required argument",
			Detail:  fmt.Sprintf("The argument \"source\" is required, but no definition was found; module %s is not followed.", call.Name),
			Subject: call.Range.Ptr()})
	}
	for name, a := range attrs {
		switch name {
		case "source":
			v, ds := ConstValue(a.Expr)
			if ds.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid module source",
					Detail: "The module source must be a literal string.", Subject: a.Expr.Range().Ptr()})
				continue
			}
			if strings.TrimSpace(v.AsString()) == "" {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid module source",
					Detail:  fmt.Sprintf("The module source must not be empty; module %s is not followed.", call.Name),
					Subject: a.Expr.Range().Ptr()})
				continue
			}
			call.Source = v.AsString()
			call.SourceRange = a.Expr.Range()
		case "count":
			call.Count = a.Expr
		case "for_each":
			call.ForEach = a.Expr
		case "version", "providers", "depends_on":
		default:
			call.Args[name] = a
		}
	}
	if c.callIdx == nil {
		c.callIdx = make(map[string]*Call, len(c.Calls)+1)
		for _, cl := range c.Calls {
			c.callIdx[cl.Name] = cl
		}
	}
	c.callIdx[call.Name] = call
	c.Calls = append(c.Calls, call)
	return diags
}

// IsLocalSource reports whether a module source is a local path.
func IsLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

// sortedAttrs returns attributes in source order.
func sortedAttrs(m map[string]*hcl.Attribute) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(m))
	for _, a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := out[i].Range, out[j].Range
		if ri.Filename != rj.Filename {
			return ri.Filename < rj.Filename
		}
		return ri.Start.Byte < rj.Start.Byte
	})
	return out
}

// localsAttrs is sortedAttrs(body.JustAttributes()) for the body of a
// locals block. A native body without blocks (where JustAttributes says
// nothing) has its attributes converted into one array, without the map
// nor an allocation per attribute: all of them, as nothing hides any
// (no Content or PartialContent is asked of a locals block's body).
func localsAttrs(body hcl.Body) ([]*hcl.Attribute, hcl.Diagnostics) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok || len(sb.Blocks) > 0 {
		attrs, diags := body.JustAttributes()
		return sortedAttrs(attrs), diags
	}
	if len(sb.Attributes) == 0 {
		return nil, nil
	}
	store := make([]hcl.Attribute, 0, len(sb.Attributes))
	out := make([]*hcl.Attribute, 0, len(sb.Attributes))
	for _, a := range sb.Attributes {
		store = append(store, hcl.Attribute{Name: a.Name, Expr: a.Expr, Range: a.SrcRange, NameRange: a.NameRange})
		out = append(out, &store[len(store)-1])
	}
	slices.SortFunc(out, func(a, b *hcl.Attribute) int { return a.Range.Start.Byte - b.Range.Start.Byte })
	return out, nil
}

// constBool is the value of x when it is a known bool constant
// (ConstValue): ok is false otherwise.
func constBool(x hcl.Expression) (v, ok bool) {
	b, d := ConstValue(x)
	if d.HasErrors() || b.Type() != cty.Bool || !b.IsKnown() || b.IsNull() {
		return false, false
	}
	return b.True(), true
}

// typeExpr returns the type constraint x as typeexpr may read it, or a
// warning that refuses it (the variable then has no type). typeexpr
// evaluates the default of an optional attribute with hcl, without bound
// (nested for expressions there hung the run), and reads a .tf.json
// constraint by parsing the string with hclsyntax, which the checks of the
// file never saw (300,000 nested brackets in it overflowed the stack: a
// fatal error). Such a string is parsed here, after those checks, as hcl
// parses it; a constraint with a for expression is not read.
func typeExpr(x hcl.Expression) (hcl.Expression, *hcl.Diagnostic) {
	rng := x.Range()
	notRead := func(detail string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Type constraint not read",
			Detail: detail + " The variable is read as if it had no type.", Subject: rng.Ptr()}
	}
	native, ok := x.(hclsyntax.Expression)
	if !ok {
		v, d := x.Value(nil) // JSON: with no context, the string itself
		if d.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			return x, nil // not a string: typeexpr says what is wrong
		}
		src := []byte(v.AsString())
		if d := CheckNesting(src, rng.Filename, MaxNesting); d != nil {
			return nil, notRead("The brackets of the type constraint nest more than " + fmt.Sprint(MaxNesting) + " levels deep.")
		}
		e, ds := hclsyntax.ParseExpression(src, rng.Filename, rng.Start)
		if ds.HasErrors() {
			return x, nil // typeexpr says so
		}
		if d := CheckDepth(e, rng.Filename, MaxExprDepth); d != nil {
			return nil, notRead("The type constraint nests more than " + fmt.Sprint(MaxExprDepth) + " levels deep.")
		}
		native = e
	}
	var w forCallWalker
	w.walk(native)
	if w.fors {
		return nil, notRead("A default of an optional attribute holds a for expression: iamlint does not evaluate it.")
	}
	return native, nil
}

// legacyType accepts the pre-0.12 type spellings Terraform still reads:
// bare list / map / set and quoted "string", "list", "map".
func legacyType(x hcl.Expression) (cty.Type, bool) {
	name := hcl.ExprAsKeyword(x)
	if name == "" {
		if t, ok := x.(*hclsyntax.TemplateExpr); ok && t.IsStringLiteral() {
			if v, d := t.Value(nil); !d.HasErrors() {
				name = v.AsString()
			}
		}
	} else if name == "string" || name == "number" || name == "bool" || name == "any" {
		return cty.NilType, false
	}
	switch name {
	case "list":
		return cty.List(cty.DynamicPseudoType), true
	case "map":
		return cty.Map(cty.DynamicPseudoType), true
	case "set":
		return cty.Set(cty.DynamicPseudoType), true
	case "string":
		return cty.String, true
	}
	return cty.NilType, false
}
