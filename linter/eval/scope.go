package eval

import (
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/linter/iam"
)

// Options configures Evaluate.
type Options struct {
	Renderers map[string]DataRenderer // by data source type

	// Relevant, when set, says which resource and data source types the
	// caller reads. The bodies of other blocks are evaluated only when an
	// expression refers to them; the run still lists every instance (with a
	// nil Body) so resources are counted and findings can name their block.
	// src is the block's source text (nil when unknown). nil: every body
	// is evaluated.
	Relevant func(mode, typ string, src []byte) bool
	// Known, when set, returns what a plan knows of a resource or data
	// source instance (by full address): its values, with unknown where
	// the plan has them unknown, or cty.NilVal. An attribute the
	// configuration cannot know takes the plan's value when it is wholly
	// known.
	Known func(addr string) cty.Value

	// KeepText, when set, lets the evaluator leave the text of a
	// jsonencode call that is the whole expression of a resource's
	// attribute unwritten (Node.LazyJSON: see lazyTexts) when no string
	// of it (member names included) is one KeepText reports: the readers
	// of such texts look for those strings in them (package extract's
	// KeepText: credentials), and a word of letters is in the text exactly
	// when it is in one of its strings (no letter is written between or
	// around them but those of true, false and null; escapes write
	// lower-case letters and digits after a backslash, numbers digits,
	// '-' and '.'). nil: every text is written. Set it before the first
	// Evaluate with these Options: the evaluations remember its answers
	// (keepMemos).
	KeepText func(s string) bool

	MaxInstances   int // per count / for_each (default 1024)
	MaxModuleDepth int // nested module calls (default 16)

	// LoadModule returns the configuration a module call refers to. key is the
	// call's key in .terraform/modules/modules.json ("a.b"), rootDir the root
	// module's directory. It returns nil (with diagnostics) when the module is
	// not followed.
	LoadModule func(caller *Config, rootDir, key string, call *Call) (*Config, hcl.Diagnostics)

	// ReadFile reads a file for file()/templatefile(); name is the path as
	// reached (relative to the process working directory, or absolute).
	ReadFile func(name string) ([]byte, error)

	// MissingFileWarning makes a file()/templatefile() of a file that does
	// not exist a warning instead of an error (the value is unknown either way).
	MissingFileWarning bool

	// Allowed lists absolute directories (symlinks resolved) that file() and
	// templatefile() may read under. Empty allows everything.
	Allowed []string

	// Sources holds the content of every file already read, by Filename, so
	// template literals can be mapped back to their bytes. Evaluate adds the
	// files it reads.
	Sources map[string][]byte

	// Mu guards Sources when several Evaluate calls share these Options
	// concurrently (set it before the first call; LoadModule is called
	// without it held).
	Mu *sync.Mutex

	// realDirs holds the real paths of the directories resolved by the
	// evaluations sharing these Options (realPath).
	realDirs sync.Map

	// keepMemos holds the keepMemos of the evaluations done (lazyTextOK):
	// what KeepText said of a string, and the counts of values, hold for
	// every evaluation with these Options (KeepText does not change once
	// Evaluate is called), and a memo is 12 KB to allocate and clear
	// for each root and module directory evaluated.
	keepMemos sync.Pool

	// literalMemos holds emptied literalMemos of the evaluations done
	// (env.template): 8 KB each to allocate otherwise.
	literalMemos sync.Pool

	// runBlocks and runModules are the instances of blocks with count or
	// for_each and the module instances that the roots evaluated with
	// these Options (one run) made past the part free to each root
	// (freeBlockInstances, freeModuleInstances): see runPool.
	runBlocks, runModules atomic.Int64

	// runFor, runCalls and runStrings are the work of for expressions,
	// function calls and strings that the roots evaluated with these
	// Options did past the part of each budget free to each root
	// (precharge).
	runFor, runCalls, runStrings atomic.Int64
}

// The parts of the budgets of for expressions, function calls and strings
// (maxForWork, maxCallWork, maxStringWork) that a root may spend whatever
// the other roots of its run spent: a tenth. Past them, a root spends from
// a pool the roots of the run share, runPool times the budget; a root that
// starts once it is spent has only the free parts (precharge). Twenty
// one-line roots, each a for expression of 1000 by 250 elements, took 21 s
// and 2 GB (each at its own 250,000); sixty, past 60 s.
const (
	freeForWork    = maxForWork / 10
	freeCallWork   = maxCallWork / 10
	freeStringWork = maxStringWork / 10
)

// precharge starts a root's budgets spent but for their free parts when
// the roots of its run before it spent their shared pool of that budget.
func (ev *evaluator) precharge() {
	o := ev.opts
	if o.runFor.Load() >= runPool*maxForWork {
		ev.forPre = maxForWork - freeForWork
	}
	if o.runCalls.Load() >= runPool*maxCallWork {
		ev.callPre = maxCallWork - freeCallWork
	}
	if o.runStrings.Load() >= runPool*maxStringWork {
		ev.stringPre = maxStringWork - freeStringWork
	}
	ev.forWork, ev.callWork, ev.stringWork = ev.forPre, ev.callPre, ev.stringPre
}

// settle adds to the run's pools what the root spent past the free parts.
func (ev *evaluator) settle() {
	o := ev.opts
	if past := min(ev.forWork, maxForWork) - ev.forPre - freeForWork; past > 0 {
		o.runFor.Add(int64(past))
	}
	if past := min(ev.callWork, maxCallWork) - ev.callPre - freeCallWork; past > 0 {
		o.runCalls.Add(past)
	}
	if past := min(ev.stringWork, maxStringWork) - ev.stringPre - freeStringWork; past > 0 {
		o.runStrings.Add(int64(past))
	}
}

// prechargeNote is what the error of a spent budget adds when the root had
// only its free part (pre > 0, precharge).
func prechargeNote[T int | int64](pre T) string {
	if pre == 0 {
		return ""
	}
	return fmt.Sprintf(" (the roots of this run before this one spent the part of this budget they share, %d times it, so this root had the tenth of it each root has: lint it on its own for the whole)", runPool)
}

// A root's limits bound what one root costs, not what a run of many roots
// does: ten directories of one line each, a module call with for_each of
// 100 over a module with a resource with for_each of 1000, took 100,000
// instances each (40 s and 2.8 GB in all; twenty passed 60 s), and 101
// directories that call each other (each one a root, each call of all the
// others a path: every root at its 10,000 module instances) more than
// 120 s and 9 GB. The instances a root makes past the first
// freeBlockInstances (freeModuleInstances) are drawn from a pool that the
// roots of the run share, runPool times a root's limit; once it is spent,
// a root makes its free part and no more. Real roots stay within the free
// part (the benchmark estates: tens of instances a root; a root with
// for_each over a few thousand users and their attachments, some
// thousands), so a run of any number of them draws nothing from the
// pool. Which roots of a run that spends the pool are cut depends on the
// order they finish in; such a run has an error either way.
const (
	freeBlockInstances  = 10_000
	freeModuleInstances = 1000
	runPool             = 3
)

// overRun reports whether a root that has made used instances (of a limit
// of free each root and, past it, a pool of pool shared with the other
// roots of the run, spent: run) may make no more.
func overRun(used, free int, run *atomic.Int64, pool int) bool {
	return used >= free && run.Load() >= int64(pool)
}

// spendRun draws from run what n more instances of a root that has made
// used cost past free.
func spendRun(used, n, free int, run *atomic.Int64) {
	if past := used + n - max(used, free); past > 0 {
		run.Add(int64(past))
	}
}

const (
	defaultMaxInstances   = 1024
	defaultMaxModuleDepth = 16
)

// Evaluate evaluates the root module cfg with the given variable values (by
// name) and every module it calls, and returns one Module per module
// instance, root first.
func Evaluate(cfg *Config, inputs map[string]*Node, opts *Options) ([]*Module, hcl.Diagnostics) {
	if opts.MaxInstances <= 0 {
		opts.MaxInstances = defaultMaxInstances
	}
	if opts.MaxModuleDepth <= 0 {
		opts.MaxModuleDepth = defaultMaxModuleDepth
	}
	if opts.Sources == nil {
		opts.Sources = map[string][]byte{}
	}
	if opts.Mu == nil {
		opts.Mu = new(sync.Mutex)
	}
	ev := &evaluator{opts: opts, slabs: useSlabs && opts.Known == nil}
	ev.precharge()
	root := ev.newScope(cfg, &Module{Dir: cfg.Dir}, cfg.Dir, ".", "", 0, nil)
	for k, n := range inputs {
		root.inputs[k] = &lazyInput{node: n}
	}
	root.forceAll()
	ev.settle()
	ev.distinctDiags()
	if ev.keeps != nil {
		opts.keepMemos.Put(ev.keeps)
	}
	if ev.literals != nil {
		// Emptied: its nodes are this evaluation's.
		clear(ev.literals.slots[:])
		opts.literalMemos.Put(ev.literals)
	}
	return ev.modules, ev.diags
}

type evaluator struct {
	// secrets counts the strings (minSecret bytes or more) of the
	// sensitive values read so far (scope.addSensitive), secretSeen holds
	// them and secretIdx indexes them by their first minSecret bytes: a
	// function call whose arguments hold one is sensitive too (env.call).
	secrets    int
	secretSeen map[string]bool
	secretIdx  map[string][]string
	// derivedWork counts the bytes env.call's derived check read
	// (maxDerivedWork).
	derivedWork int

	setSrc  map[*Node]*Node // toset()/tolist() results -> their located argument
	opts    *Options
	diags   hcl.Diagnostics
	modules []*Module
	// ev.diags[:diagsDistinct] are distinct; diagSeen holds their keys
	// (distinctDiags).
	diagsDistinct int
	diagSeen      map[diagKey]struct{}

	// Module instances created so far: calls that multiply (three calls
	// of a module that makes three calls, 16 levels deep) are cut at
	// maxModuleInstances instead of running for ever.
	moduleInsts int
	moduleCut   bool

	// fileset results by directory and pattern: a module called many times
	// (or a for expression) walks its directory once.
	filesets map[[2]string]cty.Value

	// conds holds the first conditional of each condition with an unknown
	// value that condChoice keys (the choice of the others).
	conds map[condKey]*Node

	// failed holds the nodes of branches of a conditional (unknown
	// condition) whose evaluation fails in Terraform (failedNode).
	failed map[*Node]struct{}

	// pendKey is the key of an index expression that is a conditional's
	// value at which flattenRoom stopped, and which (pendKeyOf), for
	// forkKey; keyFix holds the branch of such a key forkKey evaluates.
	pendKey   *Node
	pendKeyOf altKeyOf
	keyFix    map[altKeyOf]cty.Value

	// jsondecode's located values by located text (jsonDecode).
	jsonDecoded map[jsonDecodeKey]*Node

	// resolvePath's answers (resolveKey).
	resolved map[resolveKey]resolved

	// file()'s values by file name, made once (fileCall).
	fileVals  map[string]cty.Value
	fileTexts map[string]*TextMap // and their text maps

	// How deeply env.expr calls nest now (maxEvalDepth), whether going
	// past it was reported, and how many values were cut (tooDeep).
	evalDepth   int
	evalTooDeep bool
	evalCuts    int

	// Elements iterated by for expressions so far: nested ones multiply
	// (three levels of range(1000) are 10^9), cut at maxForWork.
	forWork int

	// The parts of the for, call and string budgets spent before the
	// evaluation started (precharge).
	forPre, stringPre int
	callPre           int64

	// static: the values of a .tfvars file or a --var (Static), where
	// terraform calls no function (file() there read any file).
	static bool

	// Bytes of the strings function calls took and made and templates
	// made so far (spendBytes), cut at maxStringWork.
	stringWork int

	// Work of function calls so far (spendCalls), cut at maxCallWork.
	callWork int64

	// The weights of large composite values (valueWeight), and the for
	// expression of the %{ for } directive evaluated now, whose value is
	// not weighed (templateJoin weighs its text).
	weights   map[weightKey]int
	unweighed hclsyntax.Expression

	// The arguments of the try call hcl evaluates now (env.try) and the
	// index of the one its try function took (-1: none).
	tryArgs []hclsyntax.Expression
	tryTook int

	// Instances of resources and data sources with count or for_each
	// made so far (group), cut at maxBlockInstances.
	blockInsts int
	blockCut   bool

	// Bytes of the addresses of the module instances (their path, once
	// for the instance and once for each of its blocks) and of the
	// instances of blocks with count or for_each made so far, cut at
	// maxAddrBytes (addrOver).
	addrBytes int
	addrCut   bool

	// Maps free for the attributes handed to cty.ObjectVal, which copies
	// them (valMap, freeValMap): one per object and block body otherwise.
	valMaps []map[string]cty.Value
	// Slices free for the elements handed to tupleVal (valSlice).
	valSlices [][]cty.Value

	// workspace is terraform.workspace (workspaceName), "" until asked.
	workspace string

	// literals holds nodes of the plain strings evaluated so far (see
	// env.template and literalMemo).
	literals *literalMemo

	// types holds the object and tuple types made so far (objectVal).
	types typeTable

	// jsonBuf is encodeShort's buffer.
	jsonBuf []byte

	// forEach remembers the elements of the for_each maps and objects
	// expanded last (forEachElems).
	forEach [8]forEachSlot

	// sizes remembers the sizes of values valueBytes counted last.
	sizes [16]sizeSlot

	// keeps remembers what Options.KeepText said of the strings lazyTextOK
	// asked about last (keepMemo).
	keeps *keepMemo

	// lazyAt is the jsonencode call whose text may be left unwritten
	// (see lazyTexts): the whole expression of the resource attribute
	// being evaluated. nil: none.
	lazyAt *hclsyntax.FunctionCallExpr

	// lastName and lastSrc are the file source last asked for (source):
	// templates ask for their file one after the other.
	lastName string
	lastSrc  []byte

	// textSrcs holds the sources of the files whose templates were
	// evaluated (textSource); lastTS is the one last asked for.
	textSrcs   map[string]*textSource
	lastTS     *textSource
	lastTSName string

	// consts holds the nodes of the constant expressions evaluated so far
	// (env.consts), by the address of the expression (exprAddr: only
	// members of a constSet are looked up): each module instance shares
	// them.
	consts map[unsafe.Pointer]*Node

	// bodyKeySets holds the Keys last made for bodies (bodyKeys), and
	// recentKeys some of them, looked at first.
	bodyKeySets map[bodyKeysID][]string
	recentKeys  [64][]string

	// nodes and texts hold the nodes evaluation makes most of (object and
	// body nodes, references' copies, strings), handed out a chunk at a
	// time (newNode, newText) when slabs is set: outside a plan's source,
	// where every node of an evaluation is dropped with it.
	slabs  bool
	nodes  slab[Node]
	texts  slab[lazyTextNode]
	parts  slab[lazyPartialNode]
	elems2 slab[elemsNode2]
	elems4 slab[elemsNode4]
	jsons  slab[jsonNode]
	blocks slab[Block]
	groups slab[group]
	// textStrs: the nodes of interpolated strings (newLazyTextStr).
	textStrs slab[lazyTextStrNode]
	// rawT1, rawT2 and rawT4: the elements of small tuple values (rawElems).
	rawT1 slab[rawTuple1]
	rawT2 slab[rawTuple2]
	rawT4 slab[rawTuple4]
	// kids is the free part of the chunk members are cut from (ownKids);
	// kidsChunks the chunks allocated so far.
	kids       []*Node
	kidsChunks int
	// relevances holds the two answers relevant stores, for opts (made
	// once, not for each block configuration): no and yes.
	relevances [2]*relevance

	// strs is the free part of the chunk the bytes of templates' texts
	// are cut from (strBytes).
	strs []byte
}

// constNode returns the node of x, a member of e.consts, evaluated
// once per evaluation (Evaluate) and shared by every module instance. It is
// not remembered when evaluating it said something (each instance says it,
// as before), in a templatefile or .tf.json template, or for a plan (whose
// values are per instance).
func (e *env) constNode(x hcl.Expression) *Node {
	ev := e.s.ev
	if e.tvars != nil || e.jsrc != nil || ev.opts.Known != nil {
		return e.expr1(x)
	}
	if n, ok := ev.consts[exprAddr(x)]; ok {
		return n
	}
	d, cuts := len(ev.diags), ev.evalCuts
	n := e.expr1(x)
	if len(ev.diags) == d && ev.evalCuts == cuts {
		if ev.consts == nil {
			ev.consts = map[unsafe.Pointer]*Node{}
		}
		ev.consts[exprAddr(x)] = n
	}
	return n
}

// valMap returns an empty map for building an object value; give it back
// with freeValMap once cty.ObjectVal has read it.
func (ev *evaluator) valMap() map[string]cty.Value {
	if n := len(ev.valMaps); n > 0 {
		m := ev.valMaps[n-1]
		ev.valMaps = ev.valMaps[:n-1]
		return m
	}
	return map[string]cty.Value{}
}

// freeValMap takes back a map of valMap (one that grew big is dropped:
// clearing it costs its capacity each time).
func (ev *evaluator) freeValMap(m map[string]cty.Value) {
	if len(m) <= 64 {
		clear(m)
		ev.valMaps = append(ev.valMaps, m)
	}
}

// tupleOf returns the tuple value of the values of elems (tupleVal over
// a reused slice of them).
func (ev *evaluator) tupleOf(elems []*Node) cty.Value {
	vals := ev.valSlice(len(elems))
	for i, el := range elems {
		vals[i] = el.Val
	}
	v := ev.tupleVal(vals)
	ev.freeValSlice(vals)
	return v
}

// valSlice returns a slice of n values for building a tuple value; give
// it back with freeValSlice once tupleVal has read it.
func (ev *evaluator) valSlice(n int) []cty.Value {
	if k := len(ev.valSlices); k > 0 && cap(ev.valSlices[k-1]) >= n {
		v := ev.valSlices[k-1][:n]
		ev.valSlices = ev.valSlices[:k-1]
		return v
	}
	return make([]cty.Value, n, max(n, 8))
}

// freeValSlice takes back a slice of valSlice (a big one is dropped).
func (ev *evaluator) freeValSlice(v []cty.Value) {
	if cap(v) <= 64 {
		clear(v)
		ev.valSlices = append(ev.valSlices, v)
	}
}

// minModuleInstances is the least number of module instances evaluated per
// root module (the limit is MaxInstances when that is higher).
const minModuleInstances = 10000

func (ev *evaluator) maxModuleInstances() int {
	return max(minModuleInstances, ev.opts.MaxInstances)
}

// minBlockInstances is the number of instances of resources and data
// sources with count or for_each per root module past which their blocks
// get one instance with an unknown key (the limit is MaxInstances when
// that is higher; the block that passes it is evaluated whole): each
// block's count is bounded, but module instances multiply them (count =
// 100 on two nested module calls and count = 1000 on a resource: 10^7
// instances, 18 GB and more). 100,000 instances of a small policy take
// about 1 GB.
const minBlockInstances = 100000

func (ev *evaluator) maxBlockInstances() int {
	return max(minBlockInstances, ev.opts.MaxInstances)
}

// maxAddrBytes bounds the bytes of the addresses of the instances of a root
// module (evaluator.addrBytes). The instance caps bound their number, not
// their addresses' length, which grows with names, instance keys and
// nesting: a resource named with 1 MB and count = 1000, or a module named
// with 100 KB, count = 1000, holding 100 resources, ran out of memory
// (each address is held two to three times over).
const maxAddrBytes = 64 << 20

// addrOver reports whether addresses of n more bytes pass maxAddrBytes, and
// counts them when not. The first time, it says so with an error at rng;
// from then on, every later one passes.
func (ev *evaluator) addrOver(n int, rng hcl.Range) bool {
	if !ev.addrCut && ev.addrBytes+n <= maxAddrBytes {
		ev.addrBytes += n
		return false
	}
	if !ev.addrCut {
		ev.addrCut = true
		ev.diag(hcl.DiagError, "Addresses too long", fmt.Sprintf("the addresses of the module instances and of the resource and data instances of this root module (module paths, block names, instance keys) make more than %d bytes; from here on, module instances are not evaluated and blocks with count or for_each get one instance with an unknown key.", maxAddrBytes), rng)
	}
	return true
}

func (ev *evaluator) diag(sev hcl.DiagnosticSeverity, summary, detail string, rng hcl.Range) {
	d := &hcl.Diagnostic{Severity: sev, Summary: summary, Detail: detail}
	if rng.Filename != "" {
		d.Subject = rng.Ptr()
	}
	ev.diags = append(ev.diags, d)
}

func (ev *evaluator) source(name string) []byte {
	if name == ev.lastName && ev.lastSrc != nil {
		return ev.lastSrc // a file's bytes never change once read
	}
	ev.opts.Mu.Lock()
	src := ev.opts.Sources[name]
	ev.opts.Mu.Unlock()
	ev.lastName, ev.lastSrc = name, src
	return src
}

const (
	stNone = iota
	stBusy
	stDone
)

type memo struct {
	state int
	node  *Node
}

// memoTable holds the memos of a scope's variables (locals, outputs) by
// name, made when first asked for (memo). A few, most often: they are
// kept in a slice then, whose look-up (comparing lengths, then bytes) costs
// less than a map's hashing; past memoSlice, in a map.
type memoTable struct {
	names []string
	memos []*memo
	m     map[string]*memo
}

// memoSlice is the most memos a memoTable holds in its slice.
const memoSlice = 8

// get returns the memo of name, nil when there is none yet.
func (t *memoTable) get(name string) *memo {
	if t.m != nil {
		return t.m[name]
	}
	for i, n := range t.names {
		if n == name {
			return t.memos[i]
		}
	}
	return nil
}

// memo returns the memo of name, made when first asked for.
func (t *memoTable) memo(name string) *memo {
	if m := t.get(name); m != nil {
		return m
	}
	m := &memo{}
	if t.m == nil && len(t.names) < memoSlice {
		t.names, t.memos = append(t.names, name), append(t.memos, m)
		return m
	}
	if t.m == nil {
		t.m = make(map[string]*memo, 2*memoSlice)
		for i, n := range t.names {
			t.m[n] = t.memos[i]
		}
		t.names, t.memos = nil, nil
	}
	t.m[name] = m
	return m
}

type lazyInput struct {
	expr  hcl.Expression
	env   *env
	node  *Node
	state int
}

type scope struct {
	ev        *evaluator
	cfg       *Config
	mod       *Module
	rootDir   string
	modPath   string // path.module, relative to the root module
	key       string // modules.json key of this module ("" for the root)
	depth     int
	ancestors []string

	inputs  map[string]*lazyInput
	vars    memoTable
	locals  memoTable
	outputs memoTable
	groups  []*group // by the position of the block in cfg.Blocks (BlockConfig.idx); nil: not made yet
	calls   map[string]*callGroup
	funcs   map[string]function.Function
	tfuncs  map[string]function.Function // funcs inside a template (templateFunctions)
	real    *string                      // realDir, once computed
	addrs   string                       // the addresses of the blocks (blockAddr), once computed
}

func (ev *evaluator) newScope(cfg *Config, mod *Module, rootDir, modPath, key string, depth int, ancestors []string) *scope {
	real := cfg.realDir(&ev.opts.realDirs)
	return &scope{ev: ev, cfg: cfg, mod: mod, rootDir: rootDir, modPath: modPath, key: key, depth: depth, real: &real,
		ancestors: append(append([]string(nil), ancestors...), real),
		inputs:    map[string]*lazyInput{},
		groups:    make([]*group, len(cfg.Blocks)), calls: map[string]*callGroup{}}
}

func (s *scope) prefix() string {
	if s.mod.Path == "" {
		return ""
	}
	return s.mod.Path + "."
}

// forceAll evaluates every block instance and module call of the scope.
func (s *scope) forceAll() {
	s.ev.modules = append(s.ev.modules, s.mod)
	s.noteHiddenRanges()
	if s.mod.Blocks == nil && len(s.cfg.Blocks) > 0 {
		s.mod.Blocks = make([]*Block, 0, len(s.cfg.Blocks)) // one each, most often
	}
	for _, bc := range s.cfg.Blocks {
		if bc.Mode == "provider" {
			s.mod.Blocks = append(s.mod.Blocks, s.provider(bc))
			continue
		}
		g := s.groupOf(bc)
		lazy := s.ev.opts.Relevant != nil && (bc.Mode == "resource" || bc.Mode == "data") && !s.relevant(bc)
		shadowed := bc.shadowed()
		for _, in := range g.insts {
			var b *Block
			if lazy && in.state != stDone {
				b = s.ev.newBlock()
				*b = Block{Mode: bc.Mode, Type: bc.Type, Name: bc.Name, Address: in.addr, Range: bc.Range, Module: s.mod}
			} else {
				s.instanceBody(g, in)
				b = in.block
				s.ev.distinctDiags()
			}
			s.mod.Blocks = append(s.mod.Blocks, b)
			if shadowed && b != nil {
				if s.mod.shadowed == nil {
					s.mod.shadowed = map[*Block]bool{}
				}
				s.mod.shadowed[b] = true
			}
		}
	}
	s.ev.distinctDiags()
	for _, c := range s.cfg.Calls {
		cg := s.callGroup(c.Name)
		if cg == nil {
			continue
		}
		for _, ci := range cg.insts {
			if ci.scope != nil {
				ci.scope.forceAll()
			}
		}
	}
}

// diagKey is what tells two diagnostics apart in a report.
type diagKey struct {
	sev                    hcl.DiagnosticSeverity
	summary, detail        string
	subject, context       hcl.Range
	hasSubject, hasContext bool
	cause                  MadeUnknown
	hasCause               bool
}

// distinctDiags drops the diagnostics said since it last ran that repeat
// one said before (the report shows one of each). Every instance of a
// module says its module's errors again: 300 erroring file() calls in a
// module instantiated 9,801 times were 2.9 million diagnostics, out of
// memory before the report compacted them. It runs between the blocks
// and module instances forceAll evaluates, where no caller holds a
// position in ev.diags.
func (ev *evaluator) distinctDiags() {
	if len(ev.diags) == ev.diagsDistinct {
		return
	}
	if len(ev.diags) < ev.diagsDistinct { // cut below (not done; kept safe)
		ev.diagsDistinct, ev.diagSeen = 0, nil
	}
	if ev.diagSeen == nil {
		ev.diagSeen = map[diagKey]struct{}{}
	}
	kept := ev.diags[:ev.diagsDistinct]
	for _, d := range ev.diags[ev.diagsDistinct:] {
		cause, hasCause := d.Extra.(MadeUnknown)
		if d.Expression == nil && d.EvalContext == nil && (d.Extra == nil || hasCause) {
			k := diagKey{sev: d.Severity, summary: d.Summary, detail: d.Detail, cause: cause, hasCause: hasCause}
			if d.Subject != nil {
				k.subject, k.hasSubject = *d.Subject, true
			}
			if d.Context != nil {
				k.context, k.hasContext = *d.Context, true
			}
			if _, dup := ev.diagSeen[k]; dup {
				continue
			}
			ev.diagSeen[k] = struct{}{}
		}
		kept = append(kept, d)
	}
	clear(ev.diags[len(kept):])
	ev.diags = kept
	ev.diagsDistinct = len(kept)
}

// relevant is Options.Relevant for a block, asked once per block
// configuration and Options (a module's blocks are asked for each of its
// instances; Relevant scans the block's text).
func (s *scope) relevant(bc *BlockConfig) bool {
	opts := s.ev.opts
	if r := bc.relevant.Load(); r != nil && r.opts == opts {
		return r.ok
	}
	ok := opts.Relevant(bc.Mode, bc.Type, blockSource(s.ev.source(bc.Range.Filename), bc))
	i := 0
	if ok {
		i = 1
	}
	if r := s.ev.relevances[i]; r == nil || r.opts != opts {
		s.ev.relevances[i] = &relevance{opts: opts, ok: ok}
	}
	bc.relevant.Store(s.ev.relevances[i])
	return ok
}

// relevance is what Options.Relevant said of a block configuration, for
// those Options.
type relevance struct {
	opts *Options
	ok   bool
}

// blockSource is the text of the whole block (header and body) in src, or
// nil when it cannot be told (a JSON body).
func blockSource(src []byte, bc *BlockConfig) []byte {
	body, ok := bc.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	a, b := bc.Range.Start.Byte, body.SrcRange.End.Byte
	if a < 0 || b > len(src) || a > b {
		return nil
	}
	return src[a:b]
}

func (s *scope) provider(bc *BlockConfig) *Block {
	e := &env{s: s}
	if _, forEach := metaExprs(bc.Body); forEach != nil {
		// A provider with for_each (OpenTofu 1.9: one configuration per
		// region): its body is read only for the credentials it holds,
		// once, with each.key and each.value unknown.
		rng := forEach.Range()
		e.each = &iterVal{key: &Node{Val: cty.UnknownVal(cty.String), Range: rng}, value: unknownNode(rng)}
	}
	body := e.body(bc.Body, bc.DefRange(), false)
	name := ""
	if a := body.Attr("alias"); a != nil && a.Val.IsKnown() && !a.Val.IsNull() && a.Val.Type() == cty.String {
		name = a.Val.AsString()
	}
	addr := s.prefix() + "provider." + bc.Type
	if name != "" {
		addr += "." + name
	}
	return &Block{Mode: "provider", Type: bc.Type, Name: name, Address: addr, Range: bc.Range, Body: body, Module: s.mod}
}

// ---- variables, locals, outputs ----

func (s *scope) variable(name string, rng hcl.Range) *Node {
	m := s.vars.memo(name)
	switch m.state {
	case stDone:
		return m.node
	case stBusy:
		s.ev.diagUnknown(hcl.DiagWarning, "Cycle in variable", fmt.Sprintf("var.%s depends on itself; its value is unknown.", name), rng)
		return unknownNode(rng)
	}
	m.state = stBusy
	m.node = s.computeVariable(name, rng)
	d := s.cfg.Variables[name]
	if d != nil && d.Hidden() {
		m.node = markSensitive(m.node)
	}
	m.state = stDone
	if d != nil && d.Hidden() {
		s.addSensitive(m.node)
		s.addSensitiveKeys(m.node, d.Type)
	}
	return m.node
}

// noteHiddenRanges records in Module.SensitiveRanges where the values of
// the scope's variables declared sensitive or ephemeral are written: the
// default, the value given to the root module (a .tfvars attribute's
// value, a plan's variable), and a module argument that refers to nothing
// (a literal; an argument naming another value holds no secret text).
// Whether or not the variable is read: a line quoted for another finding
// (a suppression comment on it) does not print it either.
func (s *scope) noteHiddenRanges() {
	for _, d := range s.cfg.hiddenVars() {
		if d.Default != nil {
			s.mod.SensitiveRanges = append(s.mod.SensitiveRanges, d.Default.Range())
		}
		in := s.inputs[d.Name]
		switch {
		case in == nil:
		case in.expr != nil:
			if len(in.expr.Variables()) == 0 {
				s.mod.SensitiveRanges = append(s.mod.SensitiveRanges, in.expr.Range())
			}
		case in.node != nil:
			s.mod.SensitiveRanges = append(s.mod.SensitiveRanges, in.node.Range)
		}
	}
}

// noteSensitiveLiteral records in Module.SensitiveRanges the argument of
// the sensitive() call x when it refers to nothing (a literal: the text is
// the value), as a sensitive variable's default is: the text report quoted
// the line of a finding with it (`Action = sensitive("s3:...")`: the
// message said "(sensitive)", the line under it the value). A template
// ("s3:${x}-key") holds secret text too; an argument that only names
// another value (local.x) holds none. Not in a .tf.json: the ranges of the
// expressions parsed from its strings are not the file's.
func (s *scope) noteSensitiveLiteral(x *hclsyntax.FunctionCallExpr) {
	if s.mod == nil || len(x.Args) != 1 {
		return
	}
	if _, ref := x.Args[0].(*hclsyntax.ScopeTraversalExpr); ref {
		return
	}
	r := x.Args[0].Range()
	if rs := s.mod.SensitiveRanges; strings.HasSuffix(r.Filename, ".json") || (len(rs) > 0 && rs[len(rs)-1] == r) {
		return // (the same call again: a for expression's)
	}
	s.mod.SensitiveRanges = append(s.mod.SensitiveRanges, r)
}

// addSensitive records the value of n, when known, as one the reports must
// not print (Module.Sensitive): a variable or output declared sensitive, an
// argument of sensitive().
func (s *scope) addSensitive(n *Node) {
	if s.mod != nil && n != nil && n.Val != cty.NilVal && n.Val.IsWhollyKnown() {
		s.mod.Sensitive = append(s.mod.Sensitive, n.Val)
		s.ev.addSecrets(n.Val, 0)
	}
}

// minSecret is the length from which a string of a sensitive value is a
// secret (evaluator.secrets), as the reports hide them: a shorter one
// would be found in ordinary words.
const minSecret = 3

// maxDerivedScan bounds the bytes of strings evaluator.derived reads of a
// call's arguments, and maxDerivedWork of all the calls of a root module:
// past them, a call is not taken as derived from a sensitive value (a
// notice says so, once).
const (
	maxDerivedScan = 1 << 20
	maxDerivedWork = 256 << 20
)

// addSecrets adds the strings of v (wholly known) of minSecret or more
// bytes to ev.secrets, at most 32 levels deep (as the reports collect
// them).
func (ev *evaluator) addSecrets(v cty.Value, depth int) {
	if v.IsNull() || depth > 32 {
		return
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		if s := v.AsString(); len(s) >= minSecret && !ev.secretSeen[s] {
			if ev.secretSeen == nil {
				ev.secretSeen = map[string]bool{}
				ev.secretIdx = map[string][]string{}
			}
			ev.secretSeen[s] = true
			ev.secretIdx[s[:minSecret]] = append(ev.secretIdx[s[:minSecret]], s)
			ev.secrets++
		}
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			ev.addSecrets(e, depth+1)
		}
	}
}

// derived reports whether a string of the arguments' values (of the call
// at rng) holds one of ev.secrets: the result of the call is computed from
// a sensitive value. At most maxDerivedScan bytes of strings are read, and
// maxDerivedWork in all.
func (ev *evaluator) derived(args []*Node, rng hcl.Range) bool {
	if ev.derivedWork > maxDerivedWork {
		return false
	}
	room := maxDerivedScan
	defer func() {
		if ev.derivedWork += maxDerivedScan - max(room, 0); ev.derivedWork > maxDerivedWork {
			ev.diag(hcl.DiagWarning, "Sensitive values not followed", fmt.Sprintf("The function calls of this module read more than %d bytes of values besides sensitive ones: from this call on, a value computed from a sensitive value is not known to be sensitive, and a message may print it.", maxDerivedWork), rng)
		}
	}()
	var holds func(v cty.Value, depth int) bool
	holds = func(v cty.Value, depth int) bool {
		if v == cty.NilVal || !v.IsKnown() || v.IsNull() || v.IsMarked() || depth > 32 || room <= 0 {
			return false
		}
		ty := v.Type()
		switch {
		case ty == cty.String:
			s := v.AsString()
			room -= len(s)
			if len(s) < minSecret || room < 0 {
				return false
			}
			// By their first bytes: a sensitive map may hold thousands.
			for i := 0; i+minSecret <= len(s); i++ {
				for _, x := range ev.secretIdx[s[i:i+minSecret]] {
					if strings.HasPrefix(s[i:], x) {
						return true
					}
				}
			}
		case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
			for it := v.ElementIterator(); it.Next(); {
				k, e := it.Element()
				if ty.IsMapType() && holds(k, depth+1) || holds(e, depth+1) {
					return true
				}
			}
		}
		return false
	}
	for _, a := range args {
		if a != nil && holds(a.Val, 0) {
			return true
		}
	}
	return false
}

// addSensitiveKeys records the keys of the maps n's value holds and of its
// objects whose type is not declared (ty, the declared type, does not name
// their attributes): they are the value's data, as secret as its elements
// (for_each = var.m puts them in addresses, keys(var.m) in messages). A
// map's keys are recorded as addSensitive records the value (Sensitive: no
// report prints them); an undeclared object's (a default or a .tfvars value
// written as an object, whose attribute names are as often the
// configuration's words, such as "password", as data) in SensitiveKeys:
// no address prints them as an instance key. The attribute names of a
// declared object type are the configuration's, not the value's.
func (s *scope) addSensitiveKeys(n *Node, ty cty.Type) {
	if s.mod == nil || n == nil || n.Val == cty.NilVal || !n.Val.IsWhollyKnown() {
		return
	}
	var mapKeys []cty.Value
	dataKeys(n.Val, ty, &mapKeys, &s.mod.SensitiveKeys, 0)
	if len(mapKeys) > 0 {
		keys := cty.TupleVal(mapKeys)
		s.mod.Sensitive = append(s.mod.Sensitive, keys)
		s.ev.addSecrets(keys, 0)
	}
}

// dataKeys appends to mapKeys the keys of the maps of v (wholly known) and
// to objKeys those of its objects that ty, v's declared type
// (cty.DynamicPseudoType when not declared), does not declare. As
// collectStrings, at most 32 levels deep.
func dataKeys(v cty.Value, ty cty.Type, mapKeys *[]cty.Value, objKeys *[]string, depth int) {
	if v.IsNull() || depth > 32 {
		return
	}
	vt := v.Type()
	switch {
	case vt.IsMapType() || vt.IsObjectType():
		declared := vt.IsObjectType() && ty.IsObjectType()
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			et := cty.DynamicPseudoType
			switch {
			case declared && ty.HasAttribute(k.AsString()):
				et = ty.AttributeType(k.AsString())
			case ty.IsMapType():
				et = ty.ElementType()
			}
			switch {
			case vt.IsMapType():
				*mapKeys = append(*mapKeys, k)
			case !declared:
				*objKeys = append(*objKeys, k.AsString())
			}
			dataKeys(e, et, mapKeys, objKeys, depth+1)
		}
	case vt.IsListType() || vt.IsSetType() || vt.IsTupleType():
		et := cty.DynamicPseudoType
		if ty.IsListType() || ty.IsSetType() {
			et = ty.ElementType()
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			dataKeys(e, et, mapKeys, objKeys, depth+1)
		}
	}
}

func (s *scope) computeVariable(name string, rng hcl.Range) *Node {
	decl := s.cfg.Variables[name]
	if decl == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Reference to undeclared input variable", fmt.Sprintf("var.%s is not declared in %s; its value is unknown.", name, s.cfg.Dir), rng)
		return unknownNode(rng)
	}
	var n *Node
	if in := s.inputs[name]; in != nil {
		n = s.input(in, rng)
	}
	// A null input takes the default only when the variable is not
	// nullable (Terraform: with nullable unset, null overrides the default).
	if n == nil || (n.Val.IsKnown() && n.Val.IsNull() && decl.NotNullable) {
		if decl.Default != nil {
			n = (&env{s: s}).expr(decl.Default)
		} else if n == nil {
			return &Node{Val: cty.DynamicVal, Range: decl.Range}
		} else {
			// nullable = false without a default: Terraform refuses the
			// null ("required variable may not be set to null"). It was
			// taken as null, and compact() or a conditional dropped what
			// the variable stood for in silence.
			s.ev.diagUnknown(hcl.DiagError, "Invalid value for input variable",
				fmt.Sprintf("var.%s may not be set to null: it is declared nullable = false and has no default (Terraform refuses this value); its value is unknown.", name), n.Range)
			c := *n
			c.Val = cty.DynamicVal
			if decl.HasType {
				c.Val = cty.UnknownVal(decl.Type)
			}
			return &c
		}
	}
	if !decl.HasType || n.Val.IsNull() {
		return n
	}
	if p := partialInput(n, decl.Type); p != nil {
		return p
	}
	v := n.Val
	if decl.Defaults != nil {
		v = decl.Defaults.Apply(v)
	}
	if !(&env{s: s}).spendWork(convertCost(v, decl.Type), n.Range) {
		c := *n
		c.Val = cty.UnknownVal(decl.Type)
		return &c
	}
	cv, err := convertValue(v, decl.Type)
	if err != nil {
		s.ev.diag(hcl.DiagError, "Invalid value for input variable",
			fmt.Sprintf("The value for var.%s is not compatible with its type constraint: %s.", name, err), mismatchRange(n, err))
		c := *n
		c.Val = cty.UnknownVal(decl.Type)
		return &c
	}
	if typeHasNumber(decl.Type) && hasHugeNumber(cv) {
		// A string made a number by the type: "Inf" is +Inf, and
		// "1e99999" past maxNumberExp (the number literals and the
		// functions are checked where they are).
		(&env{s: s}).sayHugeNumber("var."+name, n.Range, cv)
		c := *n
		c.Val = cty.UnknownVal(decl.Type)
		return &c
	}
	if cv.RawEquals(n.Val) {
		return n
	}
	r := reval(n, cv)
	if decl.defLocs != nil {
		(&env{s: s}).locateDefaults(r, decl.defLocs)
	}
	return r
}

// mismatchRange returns the range of the member of n (a variable's value)
// that err, a type conversion's error, is about, as far as n's located
// members follow its path: an element of a list of objects in a .tfvars
// file that lacks an attribute, a string where a list is wanted. It was
// always the whole value (a list of 40 objects, at its "["). n's range
// when err has no path.
func mismatchRange(n *Node, err error) hcl.Range {
	var pe cty.PathError
	path := cty.Path(nil)
	if errors.As(err, &pe) {
		path = pe.Path
	} else {
		path = mismatchPath(err.Error())
	}
	cur := n
	for _, step := range path {
		var next *Node
		switch s := step.(type) {
		case cty.GetAttrStep:
			next, _ = cur.Lookup(s.Name)
		case cty.IndexStep:
			switch {
			case !s.Key.IsKnown() || s.Key.IsNull():
			case s.Key.Type() == cty.String:
				next, _ = cur.Lookup(s.Key.AsString())
			case s.Key.Type() == cty.Number:
				if i, acc := s.Key.AsBigFloat().Int64(); acc == big.Exact && i >= 0 && i < int64(len(cur.Elems)) {
					next = cur.Elems[i]
				}
			}
		}
		if next == nil || next.Range.Filename != cur.Range.Filename {
			break
		}
		cur = next
	}
	return cur.Range
}

// mismatchPath reads the path go-cty's convert writes in front of the
// message of a type mismatch it finds before converting (a tuple to a list
// of objects: 'element 1: attribute "sid" is required', 'element "x":
// attribute "actions": set of string required'), as far as it can.
func mismatchPath(msg string) cty.Path {
	var path cty.Path
	for {
		switch {
		case strings.HasPrefix(msg, "element "):
			rest := msg[len("element "):]
			if strings.HasPrefix(rest, `"`) {
				q, err := strconv.QuotedPrefix(rest)
				if err != nil || !strings.HasPrefix(rest[len(q):], ": ") {
					return path
				}
				k, _ := strconv.Unquote(q)
				path = append(path, cty.IndexStep{Key: cty.StringVal(k)})
				msg = rest[len(q)+2:]
				continue
			}
			num, after, ok := strings.Cut(rest, ": ")
			i, err := strconv.Atoi(num)
			if !ok || err != nil {
				return path
			}
			path = append(path, cty.IndexStep{Key: cty.NumberIntVal(int64(i))})
			msg = after
		case strings.HasPrefix(msg, "attribute "):
			rest := msg[len("attribute "):]
			q, err := strconv.QuotedPrefix(rest)
			if err != nil || !strings.HasPrefix(rest[len(q):], ": ") {
				return path
			}
			k, _ := strconv.Unquote(q)
			path = append(path, cty.GetAttrStep{Name: k})
			msg = rest[len(q)+2:]
		default:
			return path
		}
	}
}

// reval returns a copy of n with value v (n's value converted to a type),
// its located children carried over where v still has them.
func reval(n *Node, v cty.Value) *Node {
	c := *n
	c.Val = v
	if !v.IsKnown() || v.IsNull() {
		c.ClearAttrs()
		c.Elems = nil
		return &c
	}
	ty := v.Type()
	if n.NumAttrs() > 0 {
		c.ClearAttrs()
		if ty.IsObjectType() || ty.IsMapType() {
			var ms Members
			for i, k := range n.Keys {
				ch := n.kidAt(i)
				if ch == nil {
					continue
				}
				var cv cty.Value
				switch {
				case ty.IsObjectType() && ty.HasAttribute(k):
					cv = v.GetAttr(k)
				case ty.IsMapType() && v.HasIndex(cty.StringVal(k)).True():
					cv = v.Index(cty.StringVal(k))
				default:
					continue
				}
				ms.Set(k, reval(ch, cv))
			}
			ms.Into(&c)
		}
	}
	if len(n.Elems) > 0 {
		c.Elems = nil
		if (ty.IsListType() || ty.IsTupleType()) && v.LengthInt() == len(n.Elems) {
			c.Elems = make([]*Node, len(n.Elems))
			i := 0
			for it := v.ElementIterator(); it.Next(); i++ {
				_, ev := it.Element()
				c.Elems[i] = reval(n.Elems[i], ev)
			}
		}
		if ty.IsSetType() {
			c.Elems = alignSetElems(v, n.Elems, n.Range)
		}
	}
	return &c
}

// alignSetElems returns the located nodes of the elements of v, a set made
// from the values of src (a tuple's or list's element nodes, converted and
// deduplicated: a variable of type set(object(...)), toset()), in the
// set's order, each the first element of src with that value (converted
// to the set's element type), as relocate locates strings; nil when v is
// not wholly known, is larger than maxRelocate or no element is found. An
// element without a source is at def. Without it, the elements of a set of
// objects were all located at the whole value, and a for expression over
// the set at its collection (red team 20).
func alignSetElems(v cty.Value, src []*Node, def hcl.Range) []*Node {
	if len(src) == 0 || !v.IsKnown() || v.IsNull() || !v.Type().IsSetType() || v.LengthInt() > maxRelocate ||
		len(src) > maxRelocate || v.ContainsMarked() || !v.IsWhollyKnown() {
		return nil
	}
	et := v.Type().ElementType()
	conv := make([]cty.Value, len(src))
	byHash := make(map[int][]int, len(src))
	for i, sn := range src {
		if sn == nil || sn.Val == cty.NilVal || !sn.Val.IsWhollyKnown() || sn.Val.ContainsMarked() {
			continue
		}
		cv, err := convert.Convert(sn.Val, et)
		if err != nil || cv.IsNull() {
			continue
		}
		conv[i] = cv
		h := cv.Hash()
		byHash[h] = append(byHash[h], i)
	}
	out := make([]*Node, 0, v.LengthInt())
	found := false
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		var el *Node
		for _, i := range byHash[ev.Hash()] {
			if conv[i].RawEquals(ev) {
				el = reval(src[i], ev)
				found = true
				break
			}
		}
		if el == nil {
			el = &Node{Val: ev, Range: def}
		}
		out = append(out, el)
	}
	if !found {
		return nil
	}
	return out
}

func (s *scope) input(in *lazyInput, rng hcl.Range) *Node {
	switch in.state {
	case stDone:
		return in.node
	case stBusy:
		s.ev.diagUnknown(hcl.DiagWarning, "Cycle in module input", "A module input depends on itself; its value is unknown.", rng)
		return unknownNode(rng)
	}
	if in.node == nil {
		if !s.ev.refRoom() {
			return s.ev.tooDeep(rng)
		}
		in.state = stBusy
		in.node = in.env.expr(in.expr)
	}
	in.state = stDone
	return in.node
}

func (s *scope) local(name string, rng hcl.Range) *Node {
	if m := s.locals.get(name); m != nil && m.state == stDone {
		return m.node // without the look-up of its declaration
	}
	a := s.cfg.Locals[name]
	if a == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Reference to undeclared local value", fmt.Sprintf("local.%s is not declared in %s; its value is unknown.", name, s.cfg.Dir), rng)
		return unknownNode(rng)
	}
	return s.memoExpr(&s.locals, name, a, "local.", rng, s.cfg)
}

func (s *scope) output(name string, rng hcl.Range) *Node {
	a := s.cfg.Outputs[name]
	if a == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Reference to undeclared output value", fmt.Sprintf("Output %q is not declared in %s; its value is unknown.", name, s.cfg.Dir), rng)
		return unknownNode(rng)
	}
	fresh := s.outputs.get(name) == nil
	n := s.memoExpr(&s.outputs, name, a, "output ", rng, nil)
	if fresh && s.cfg.SensitiveOutputs[name] {
		// Declared sensitive: the caller's value is (Terraform prints none).
		s.addSensitive(n)
		s.addSensitiveKeys(n, cty.DynamicPseudoType)
	}
	if s.cfg.SensitiveOutputs[name] {
		n = markSensitive(n)
	}
	return n
}

// memoExpr evaluates a (the local or output name) once per scope. what
// names it in the cycle warning with name ("local.": local.x): joined
// there only, not at every reference.
func (s *scope) memoExpr(tbl *memoTable, name string, a *hcl.Attribute, what string, rng hcl.Range, consts constSource) *Node {
	m := tbl.memo(name)
	switch m.state {
	case stDone:
		return m.node
	case stBusy:
		s.ev.diagUnknown(hcl.DiagWarning, "Cycle in references", fmt.Sprintf("%s%s depends on itself; its value is unknown.", what, name), rng)
		return unknownNode(rng)
	}
	if !s.ev.refRoom() {
		return s.ev.tooDeep(rng)
	}
	m.state = stBusy
	m.node = (&env{s: s, consts: consts}).expr(a.Expr)
	m.state = stDone
	return m.node
}

func unknownNode(rng hcl.Range) *Node { return &Node{Val: cty.DynamicVal, Range: rng} }

// ---- resources and data sources ----

type instance struct {
	key   cty.Value // cty.NilVal: no count/for_each; unknown: the "[*]" instance
	addr  string
	each  *iterVal
	count *Node
	state int
	block *Block

	rendered *cty.Value // the DataRenderer's result (cty.NilVal: none), once computed (data sources only)

	values map[string]cty.Value // instValue, by extra attribute
}

type group struct {
	cfg     *BlockConfig
	multi   bool // count or for_each
	unknown bool // count/for_each not known: one "[*]" instance
	// expanding: its count or for_each is being evaluated (groupOf), so
	// insts is not made yet: a reference to the block from there is a
	// cycle (count = length(aws_iam_policy.p) in aws_iam_policy.p).
	expanding bool
	insts     []*instance
	byKey     map[string]*instance

	// one and oneSlot hold the instance of a block without count or
	// for_each (most blocks): one allocation for the group.
	one     instance
	oneSlot [1]*instance
}

type iterVal struct{ key, value *Node }

// group returns the group of the block of address key (a reference's:
// the first block of that address), made when first asked for; nil when
// the module declares none.
func (s *scope) group(key string) *group {
	bc := s.cfg.byAddr[key]
	if bc == nil {
		return nil
	}
	return s.groupOf(bc)
}

// groupOf returns the group of bc, a block of the scope's configuration,
// made when first asked for (s.groups, by the block's position).
func (s *scope) groupOf(bc *BlockConfig) *group {
	if g := s.groups[bc.idx]; g != nil {
		return g
	}
	g := s.ev.newGroup()
	g.cfg, g.multi = bc, bc.Count != nil || bc.ForEach != nil
	s.groups[bc.idx] = g
	base := s.blockAddr(bc)
	if !g.multi {
		g.one = instance{key: cty.NilVal, addr: base}
		g.oneSlot[0] = &g.one
		g.insts = g.oneSlot[:]
		return g
	}
	var slab []instance // instances allocated a few at a time (never grown: g.insts points into it)
	over, counted := false, true
	add := func(k cty.Value, suffix string, each *iterVal, count *Node) {
		if over || (counted && s.ev.addrOver(len(base)+len(suffix), bc.Range)) {
			over = true
			return
		}
		if len(slab) == cap(slab) {
			slab = make([]instance, 0, min(len(g.insts)+1, 64)) // 1, 2, 4, 8... at most 64
		}
		slab = append(slab, instance{key: k, addr: base + suffix, each: each, count: count})
		in := &slab[len(slab)-1]
		g.insts = append(g.insts, in)
		if k != cty.NilVal {
			if !k.IsKnown() {
				g.unknown = true
			} else {
				if g.byKey == nil {
					g.byKey = map[string]*instance{}
				}
				g.byKey[instKey(k, suffix)] = in
			}
		}
	}
	unknownInstance := func() {
		// Not counted in the addresses' bytes: one per block at most.
		counted = false
		if bc.ForEach != nil {
			add(cty.DynamicVal, "[*]", &iterVal{key: &Node{Val: cty.UnknownVal(cty.String), Range: bc.Range}, value: unknownNode(bc.Range)}, nil)
		} else {
			add(cty.UnknownVal(cty.Number), "[*]", nil, &Node{Val: cty.UnknownVal(cty.Number), Range: bc.Range})
		}
	}
	runOver := overRun(s.ev.blockInsts, freeBlockInstances, &s.ev.opts.runBlocks, runPool*s.ev.maxBlockInstances())
	if s.ev.blockInsts >= s.ev.maxBlockInstances() || s.ev.addrCut || runOver {
		// Past the limit: one instance with an unknown key, as for a
		// count or for_each too large.
		if !s.ev.blockCut && !s.ev.addrCut {
			s.ev.blockCut = true
			if s.ev.blockInsts >= s.ev.maxBlockInstances() {
				s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("the count and for_each arguments of this root module make more than %d resource and data instances (the higher of 100,000 and --max-instances); from %s on, one instance with an unknown key is evaluated per block.", s.ev.maxBlockInstances(), base), bc.Range)
			} else {
				s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("the count and for_each arguments of the root modules of this run make more than %d resource and data instances past the first %d of each root (%d times a root's limit, the higher of 100,000 and --max-instances); this root has made %d: from %s on, one instance with an unknown key is evaluated per block. Lint the roots that make many on their own.", runPool*s.ev.maxBlockInstances(), freeBlockInstances, runPool, s.ev.blockInsts, base), bc.Range)
			}
		}
		unknownInstance()
		return g
	}
	hint := func(n int) {
		// The instances and the list of them in one allocation each.
		n = min(n, s.ev.opts.MaxInstances)
		slab = make([]instance, 0, n)
		g.insts = make([]*instance, 0, n)
	}
	g.expanding = true
	s.expand(bc.Count, bc.ForEach, &env{s: s}, hint, add)
	g.expanding = false
	if over {
		// The addresses passed maxAddrBytes: the instances made are
		// dropped for one with an unknown key.
		g.insts, g.byKey, g.unknown, slab, over = nil, nil, false, nil, false
		unknownInstance()
	}
	spendRun(s.ev.blockInsts, len(g.insts), freeBlockInstances, &s.ev.opts.runBlocks)
	s.ev.blockInsts += len(g.insts)
	return g
}

// blockAddr returns the address of the block bc of the scope's
// configuration (without an instance key): blockKey after the module's
// path. In a module, the addresses of all its blocks are written in one
// string when the first is asked for, and cut from it: one allocation per
// module instance, not one per block.
func (s *scope) blockAddr(bc *BlockConfig) string {
	if s.mod.Path == "" {
		return blockKey(bc)
	}
	ends := s.cfg.blockAddrEnds()
	if s.addrs == "" {
		var b strings.Builder
		b.Grow(len(ends)*(len(s.mod.Path)+1) + ends[len(ends)-1])
		for _, c := range s.cfg.Blocks {
			b.WriteString(s.mod.Path)
			b.WriteByte('.')
			b.WriteString(blockKey(c))
		}
		s.addrs = b.String()
	}
	// Block i's address is the i+1-th path and its key.
	i, keys := bc.idx, 0 // keys: the bytes of the keys before block i's
	if i > 0 {
		keys = ends[i-1]
	}
	return s.addrs[i*(len(s.mod.Path)+1)+keys : (i+1)*(len(s.mod.Path)+1)+ends[i]]
}

// forEachElem is an element of a for_each map or object (forEachElems):
// its key, the key's address suffix, and its member (a member of the
// for_each node, spelled out).
type forEachElem struct {
	kv     cty.Value
	suffix string
	vn     *Node
}

// forEachSlot holds the elements of the for_each node n, whose value is v.
type forEachSlot struct {
	n     *Node
	v     cty.Value
	elems []forEachElem
}

// forEachElems returns the elements of n, a known, non-null map or object
// node that is a for_each's, in the iterator's order, when each is a
// member of n spelled out (n.Get returns it as it is: n is no instance's)
// (nil otherwise), remembered by the node and its value: a local
// (for_each = local.teams) is the for_each of many blocks, whose keys and
// their suffixes were found again for each.
func (ev *evaluator) forEachElems(n *Node) []forEachElem {
	if n.kp == nil || n.Inst() != "" || !ctyraw.Fast() {
		return nil
	}
	p := uintptr(unsafe.Pointer(n))
	slot := &ev.forEach[(p>>4^p>>11)%uintptr(len(ev.forEach))]
	if slot.n == n && ctyraw.Same(slot.v, n.Val) {
		return slot.elems
	}
	var elems []forEachElem
	for it := n.Val.ElementIterator(); it.Next(); {
		kv, _ := it.Element()
		k := kv.AsString()
		c, ok := n.Lookup(k)
		if !ok {
			return nil
		}
		elems = append(elems, forEachElem{kv: kv, suffix: keySuffix(k), vn: c})
	}
	*slot = forEachSlot{n: n, v: n.Val, elems: elems}
	return elems
}

// instKey is keyString(k) for the instance of a block with the address
// suffix suffix: a count instance's key is the number between the suffix's
// brackets, written as keyString writes it (no number copied to say it).
func instKey(k cty.Value, suffix string) string {
	if k.Type() == cty.Number && len(suffix) > 2 && suffix[0] == '[' && suffix[len(suffix)-1] == ']' && suffix[1] != '"' {
		return suffix[1 : len(suffix)-1]
	}
	return keyString(k)
}

func keyString(k cty.Value) string {
	if k.Type() == cty.Number {
		bf := k.AsBigFloat()
		i, _ := bf.Int64()
		return strconv.FormatInt(i, 10)
	}
	return k.AsString()
}

// expand calls fn for each instance of a block with the given count / for_each;
// hint, when set, first with the number of instances (at most) when it is
// known before the first.
func (s *scope) expand(count, forEach hcl.Expression, e *env, hint func(n int), fn func(k cty.Value, suffix string, each *iterVal, count *Node)) {
	if hint == nil {
		hint = func(int) {}
	}
	if count != nil && forEach != nil {
		// Both in one block: terraform refuses it. One from an override
		// file (*_override.tf) and the other from the block it overrides:
		// terraform merges them and takes count. count is used either way
		// (for_each was, so the override's block went unlinted).
		if count.Range().Filename == forEach.Range().Filename {
			s.ev.diag(hcl.DiagError, `Invalid combination of "count" and "for_each"`, "count and for_each cannot both be set on one block (terraform refuses it); count is used.", forEach.Range())
		}
		forEach = nil
	}
	switch {
	case forEach != nil:
		if keys, nodes, ok := e.literalSet(forEach); ok && len(keys) <= s.ev.opts.MaxInstances {
			hint(len(keys))
			for i, k := range keys {
				fn(nodes[i].Val, keySuffix(k), &iterVal{key: nodes[i], value: nodes[i]}, nil)
			}
			return
		}
		n := e.expr(forEach)
		rng := forEach.Range()
		if s.expandAlts(n, rng, hint, fn, s.forEachOf, true) {
			return
		}
		s.forEachOf(n, rng, hint, fn)
	case count != nil:
		n := e.expr(count)
		rng := count.Range()
		if s.expandAlts(n, rng, hint, fn, s.countOf, false) {
			return
		}
		s.countOf(n, rng, hint, fn)
	default:
		fn(cty.NilVal, "", nil, nil)
	}
}

// forEachOf calls fn for each instance of a block whose for_each, written
// at rng, is n (hint as expand says).
func (s *scope) forEachOf(n *Node, rng hcl.Range, hint func(n int), fn func(k cty.Value, suffix string, each *iterVal, count *Node)) {
	v := n.Val
	unknown := func() {
		fn(cty.DynamicVal, "[*]", &iterVal{key: &Node{Val: cty.UnknownVal(cty.String), Range: rng}, value: unknownNode(rng)}, nil)
	}
	if !v.IsKnown() {
		unknown()
		return
	}
	if v.IsNull() {
		// terraform refuses it ("the given for_each argument value is
		// null"): one instance, as for count = null, not none (the
		// block went unlinted, said by a notice only).
		s.ev.diag(hcl.DiagError, "Invalid for_each argument", "for_each is null: it must be a map or a set of strings; one instance with unknown each.key and each.value is evaluated.", rng)
		unknown()
		return
	}
	ty := v.Type()
	if v.CanIterateElements() && v.LengthInt() > s.ev.opts.MaxInstances {
		s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("for_each has %d elements, more than the limit of %d (--max-instances); one instance with unknown each.key is evaluated.", v.LengthInt(), s.ev.opts.MaxInstances), rng)
		unknown()
		return
	}
	// (A set's own IsWhollyKnown sorts it: its elements are checked below.)
	if (ty.IsListType() || ty.IsTupleType()) && !v.IsWhollyKnown() {
		unknown()
		return
	}
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		// The iterator gives the keys (cty strings already) sorted by
		// their text.
		hint(v.LengthInt())
		if elems := s.ev.forEachElems(n); elems != nil {
			// What the loop below makes, from the elements of the
			// value found once.
			for _, el := range elems {
				kn := s.ev.newNode()
				kn.Val, kn.Range = el.kv, rng
				if c := el.vn; c.name != nil && c.name.Filename != "" {
					kn.Range = *c.name // keyRange
				}
				fn(el.kv, el.suffix, &iterVal{key: kn, value: el.vn}, nil)
			}
			return
		}
		for it := v.ElementIterator(); it.Next(); {
			kv, _ := it.Element()
			k := kv.AsString()
			vn := n.Get(k)
			if vn == nil {
				vn = unknownNode(rng)
			}
			kn := s.ev.newNode()
			kn.Val, kn.Range = kv, keyRange(n, k, rng)
			fn(kv, keySuffix(k), &iterVal{key: kn, value: vn}, nil)
		}
	case ty.IsSetType() || ty.IsListType() || ty.IsTupleType():
		if !ty.IsSetType() {
			s.ev.diag(hcl.DiagWarning, "Invalid for_each argument", "for_each needs a map or a set of strings; the list is used as a set.", rng)
		}
		seen := map[string]bool{}
		elems, srcElems := elemIndex(n), elemIndex(s.ev.setSrc[n])
		vals := setElements(v, s.ev.setSrc[n])
		for _, ev := range vals {
			if !ev.IsWhollyKnown() {
				unknown()
				return
			}
		}
		for _, ev := range vals {
			if _, err := convert.Convert(ev, cty.String); err != nil {
				// A set of objects (terraform rejects it): one instance
				// with an unknown key, as for a value that is not a
				// collection, not none (the block went unlinted, said
				// by a notice only that the elements are not strings).
				s.ev.diag(hcl.DiagWarning, "Invalid for_each argument", fmt.Sprintf("for_each set elements must be strings, not %s; one instance with unknown each.key and each.value is evaluated.", ev.Type().FriendlyName()), rng)
				unknown()
				return
			}
		}
		for _, ev := range vals {
			sv, err := convert.Convert(ev, cty.String)
			if err != nil || sv.IsNull() {
				s.ev.diag(hcl.DiagWarning, "Invalid for_each argument", "for_each set elements must be strings.", rng)
				continue
			}
			k := sv.AsString()
			if seen[k] {
				continue
			}
			seen[k] = true
			vn := elems[k]
			if vn == nil {
				vn = srcElems[k]
			}
			if vn == nil {
				vn = &Node{Val: sv, Range: rng}
			}
			fn(sv, keySuffix(k), &iterVal{key: vn, value: vn}, nil)
		}
	default:
		s.ev.diag(hcl.DiagWarning, "Invalid for_each argument", "for_each needs a map or a set of strings.", rng)
		unknown()
	}
}

// countOf calls fn for each instance of a block whose count, written at
// rng, is n (hint as expand says).
func (s *scope) countOf(n *Node, rng hcl.Range, hint func(n int), fn func(k cty.Value, suffix string, each *iterVal, count *Node)) {
	v, err := convert.Convert(n.Val, cty.Number)
	if err != nil || !v.IsKnown() || v.IsNull() {
		switch {
		case err != nil:
			s.ev.diag(hcl.DiagWarning, "Invalid count argument", "count must be a number.", rng)
		case v.IsKnown():
			// null (terraform refuses it): one instance, as for -1,
			// not one without a word.
			s.ev.diag(hcl.DiagError, "Invalid count argument", "count is null: it must be a whole number, 0 or more; one instance with unknown count.index is evaluated.", rng)
		}
		fn(cty.UnknownVal(cty.Number), "[*]", nil, &Node{Val: cty.UnknownVal(cty.Number), Range: rng})
		return
	}
	bf := v.AsBigFloat() // a copy each call: taken once
	c, acc := bf.Int64()
	if bf.Sign() < 0 || !bf.IsInt() {
		// terraform rejects it; not zero instances (the block would
		// go unlinted without a word).
		s.ev.diag(hcl.DiagError, "Invalid count argument", fmt.Sprintf("count is %s: it must be a whole number, 0 or more; one instance with unknown count.index is evaluated.", bf.Text('g', 10)), rng)
		fn(cty.UnknownVal(cty.Number), "[*]", nil, &Node{Val: cty.UnknownVal(cty.Number), Range: rng})
		return
	}
	if c > int64(s.ev.opts.MaxInstances) {
		n := strconv.FormatInt(c, 10)
		if acc != big.Exact {
			n = bf.Text('g', 10) // past int64 (1e400): as written, not clamped
		}
		s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("count is %s, more than the limit of %d (--max-instances); one instance with unknown count.index is evaluated.", n, s.ev.opts.MaxInstances), rng)
		fn(cty.UnknownVal(cty.Number), "[*]", nil, &Node{Val: cty.UnknownVal(cty.Number), Range: rng})
		return
	}
	hint(int(c))
	for i := int64(0); i < c; i++ {
		k := indexKey(int(i)) // cty.NumberIntVal(i), made once for small i
		cn := s.ev.newNode()
		cn.Val, cn.Range = k, rng
		fn(k, "["+strconv.FormatInt(i, 10)+"]", nil, cn)
	}
}

func keyRange(n *Node, k string, def hcl.Range) hcl.Range {
	if c, ok := n.Lookup(k); ok && c.name != nil && c.name.Filename != "" {
		return *c.name
	}
	return def
}

// elemIndex maps the known string elements of n to the first located
// element with that value (for_each over a set: finding each key's node
// by scanning would be quadratic).
func elemIndex(n *Node) map[string]*Node {
	if n == nil || len(n.Elems) == 0 {
		return nil
	}
	m := make(map[string]*Node, len(n.Elems))
	for _, el := range n.Elems {
		if el.Val.IsKnown() && !el.Val.IsNull() && el.Val.Type() == cty.String {
			if _, ok := m[el.Val.AsString()]; !ok {
				m[el.Val.AsString()] = el
			}
		}
	}
	return m
}

func (s *scope) instanceBody(g *group, in *instance) *Block {
	switch in.state {
	case stDone:
		return in.block
	case stBusy:
		return nil
	}
	in.state = stBusy
	e := &env{s: s, each: in.each, count: in.count, consts: g.cfg}
	// A resource's body value (the object of its attributes) is not made:
	// what reads a resource reads its attributes (Body.Attr, Body.Kids), and a
	// reference to it gets the block's value (instValue). A data source's
	// is read by its renderer; with Options.Known (a plan's source) every
	// body's is read by the plan merge.
	val := g.cfg.Mode != "resource" || s.ev.opts.Known != nil
	body := e.bodyVal(g.cfg.Body, g.cfg.DefRange(), true, val, !val)
	in.block = s.ev.newBlock()
	*in.block = Block{Mode: g.cfg.Mode, Type: g.cfg.Type, Name: g.cfg.Name, Address: in.addr, Range: g.cfg.Range, Body: body, Module: s.mod}
	in.state = stDone
	return in.block
}

// resourceMeta reports whether name is a meta-argument of a resource or
// data block (left out of its evaluated body).
func resourceMeta(name string) bool {
	switch name {
	case "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection":
		return true
	}
	return false
}

// commonAttrs are computed attributes given (as unknown) to every resource
// instance value used in a generic expression.
var commonAttrs = []string{"id", "arn", "name", "unique_id", "json", "minified_json", "policy", "account_id", "key_id",
	"secret", "url", "bucket", "invoke_arn", "role", "user", "group", "owner_id", "tags_all"}

// instValue is the value of a block instance: its configured attributes, what
// the data renderer computes, and unknown for attributes that only apply
// would know (those named in extra and a common set).
func (s *scope) instValue(g *group, in *instance, extra map[string]bool) cty.Value {
	b := s.instanceBody(g, in)
	// Once the body is evaluated the value is fixed: kept by the extra
	// attribute asked for (there is at most one), as generic expressions
	// (try, splat, for over a resource) ask for it at every use.
	key, memo := "", len(extra) <= 1 && b != nil
	for n := range extra {
		key = n
	}
	if memo {
		if v, ok := in.values[key]; ok {
			return v
		}
	}
	v := s.instValue1(g, in, b, extra)
	if memo {
		if in.values == nil {
			in.values = map[string]cty.Value{}
		}
		in.values[key] = v
	}
	return v
}

func (s *scope) instValue1(g *group, in *instance, b *Block, extra map[string]bool) cty.Value {
	attrs := map[string]cty.Value{}
	for _, n := range commonAttrs {
		attrs[n] = cty.DynamicVal
	}
	for n := range extra {
		attrs[n] = cty.DynamicVal
	}
	if b == nil {
		return cty.ObjectVal(attrs)
	}
	for i, k := range b.Body.Keys {
		n := b.Body.kidAt(i)
		forceJSON(n) // the value holds the text (and a copy of the body its Val)
		if n == nil || (n.Val.IsKnown() && n.Val.IsNull()) {
			continue // set to null: computed by the provider, or null; unknown either way
		}
		attrs[k] = n.Val
	}
	if r := s.rendered(g, in); r != cty.NilVal {
		for k, v := range r.AsValueMap() {
			attrs[k] = v
		}
	}
	if s.ev.opts.Known != nil {
		knownAttrs(attrs, s.ev.opts.Known(in.addr))
	}
	return cty.ObjectVal(attrs)
}

// planAttr returns the value a plan knows (wholly) for an attribute of an
// instance (see Options.Known).
func (s *scope) planAttr(in *instance, name string) (cty.Value, bool) {
	if s.ev.opts.Known == nil {
		return cty.NilVal, false
	}
	pv := s.ev.opts.Known(in.addr)
	if pv == cty.NilVal || !pv.IsKnown() || pv.IsNull() || !pv.Type().IsObjectType() || !pv.Type().HasAttribute(name) {
		return cty.NilVal, false
	}
	v := pv.GetAttr(name)
	if !v.IsWhollyKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	return v, true
}

// knownAttrs sets in attrs each attribute of the plan's value pv that the
// plan knows wholly and attrs does not.
func knownAttrs(attrs map[string]cty.Value, pv cty.Value) {
	if pv == cty.NilVal || !pv.IsKnown() || pv.IsNull() || !pv.Type().IsObjectType() {
		return
	}
	for k, v := range pv.AsValueMap() {
		if !v.IsWhollyKnown() || v.IsNull() {
			continue
		}
		if cur, ok := attrs[k]; !ok || !cur.IsWhollyKnown() {
			attrs[k] = v
		}
	}
}

// rendered returns what the data source's renderer computes for an
// instance (memoised), or cty.NilVal.
func (s *scope) rendered(g *group, in *instance) cty.Value {
	if in.rendered != nil {
		return *in.rendered
	}
	if in.block == nil {
		return cty.NilVal
	}
	in.rendered = &notRendered
	if g.cfg.Mode != "data" || s.ev.opts.Renderers == nil {
		return cty.NilVal
	}
	r := s.ev.opts.Renderers[g.cfg.Type]
	if r == nil {
		return cty.NilVal
	}
	if s.ev.stringWork > maxStringWork || s.ev.callWork > maxCallWork {
		// What it renders would count past a budget (said once, below):
		// not rendered at all (1,000 instances of a document of 30,000
		// resources were each rendered, then dropped).
		return cty.NilVal
	}
	v, perr := safeRender(r, in.block.Body)
	if perr == nil {
		in.block.rendered = &renderMemo{body: in.block.Body, v: v, done: true}
	}
	if perr != nil {
		// A panic is a bug of iamlint: an error of the run, located.
		s.ev.diag(hcl.DiagError, "Internal error rendering data source", fmt.Sprintf("Computing %s failed (%v); its attributes are unknown. Please report this.", in.addr, perr), g.cfg.Range)
		return cty.NilVal
	}
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return cty.NilVal
	}
	if v.Type().IsObjectType() && v.Type().HasAttribute("json") {
		// A rendered document counts as a function call's result: a chain
		// of documents each taking the one before in source_policy_documents
		// renders (and lints) in time and memory that grow with the square
		// of its length (3,000 documents: 72 s, 1.8 GB).
		// Both texts count, as jsonencode's do (spendText: their bytes,
		// and a unit of the calls' work a byte, rendering sorted and
		// wrote at least as many elements): the json alone was counted,
		// and 1,000 instances of a document of 30,000 resources, each
		// referenced by a policy, rendered about 200 documents (2.4 MB of
		// texts each, kept) before the strings' budget was spent: 8 CPU
		// s, 1.1 GB. A renderer need not give both (the tests').
		n := 0
		for _, k := range [...]string{"json", "minified_json"} {
			if !v.Type().HasAttribute(k) {
				continue
			}
			if t := v.GetAttr(k); t.Type() == cty.String && t.IsKnown() && !t.IsNull() && !t.IsMarked() {
				n += len(t.AsString())
			}
		}
		if !(&env{s: s}).spendText(n, g.cfg.Range) {
			return cty.NilVal
		}
	}
	in.rendered = &v
	return v
}

// notRendered is the rendered value of an instance with none (cty.NilVal),
// shared: never written through.
var notRendered = cty.NilVal

func safeRender(r DataRenderer, body *Node) (v cty.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = cty.NilVal, fmt.Errorf("%v%s", p, PanicStack())
		}
	}()
	return r(body), nil
}

func (s *scope) groupValue(g *group, extra map[string]bool) cty.Value {
	if !g.multi {
		return s.instValue(g, g.insts[0], extra)
	}
	if g.unknown || g.expanding {
		return cty.DynamicVal
	}
	if g.cfg.ForEach != nil {
		m := map[string]cty.Value{}
		for k, in := range g.byKey {
			m[k] = s.instValue(g, in, extra)
		}
		return cty.ObjectVal(m)
	}
	vals := make([]cty.Value, len(g.insts))
	for i, in := range g.insts {
		vals[i] = s.instValue(g, in, extra)
	}
	return cty.TupleVal(vals)
}

// groupNode is the value of a whole count / for_each group (aws_iam_user.x):
// a tuple or object of its instances, each a node that knows its address, so
// that `[for u in aws_iam_user.x : u.arn]` refers to each user as
// aws_iam_user.x["k"].arn does.
func (s *scope) groupNode(g *group, rng hcl.Range) *Node {
	if g.unknown {
		return &Node{Val: cty.DynamicVal, Range: rng}
	}
	if !s.ev.refRoom() {
		for _, in := range g.insts {
			if in.state != stDone {
				return s.ev.tooDeep(rng)
			}
		}
	}
	inst := func(in *instance) *Node {
		n := &Node{Val: s.instValue(g, in, nil), Range: rng}
		n.SetInst(in.addr)
		return n
	}
	if g.cfg.ForEach != nil {
		n := &Node{Range: rng}
		keys := make([]string, 0, len(g.byKey))
		for k := range g.byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		kids := make([]*Node, len(keys))
		m := make(map[string]cty.Value, len(g.byKey))
		for i, k := range keys {
			c := inst(g.byKey[k])
			kids[i] = c
			m[k] = c.Val
		}
		n.SetAttrs(keys, kids)
		n.Val = cty.ObjectVal(m)
		return n
	}
	n := &Node{Range: rng, Elems: make([]*Node, len(g.insts))}
	vals := make([]cty.Value, len(g.insts))
	for i, in := range g.insts {
		n.Elems[i] = inst(in)
		vals[i] = n.Elems[i].Val
	}
	n.Val = cty.TupleVal(vals)
	return n
}

// knownGroup returns the group of the block prefix+typ+"."+name (made
// when first asked for), nil when the module declares none: the key is
// spelled in a buffer on the stack, not allocated as blockRef's is.
func (s *scope) knownGroup(prefix, typ, name string) *group {
	var small [96]byte
	k := append(append(append(append(small[:0], prefix...), typ...), '.'), name...)
	bc := s.cfg.byAddr[string(k)] // no string is made to look it up
	if bc == nil {
		return nil
	}
	return s.groupOf(bc)
}

// blockRef resolves a reference to a resource or data block.
func (e *env) blockRef(key string, rest hcl.Traversal, rng hcl.Range) *Node {
	s := e.s
	g := s.group(key)
	if g == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Reference to undeclared resource", fmt.Sprintf("%s is not declared in %s; its value is unknown.", key, s.cfg.Dir), rng)
		return unknownNode(rng)
	}
	return e.groupRef(g, rest, rng)
}

// groupRef resolves a reference to a block of group g (blockRef).
func (e *env) groupRef(g *group, rest hcl.Traversal, rng hcl.Range) *Node {
	s := e.s
	if g.expanding {
		s.expandCycle(g.cfg.key(), rng)
		return unknownNode(rng)
	}
	var in *instance
	if !g.multi {
		if len(g.insts) == 0 {
			return unknownNode(rng)
		}
		in = g.insts[0]
	} else if len(rest) > 0 {
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
			if g.unknown {
				in = g.insts[0]
			} else if ix.Key.IsKnown() && !ix.Key.IsNull() {
				k, err := convert.Convert(ix.Key, cty.String)
				if err == nil {
					in = g.byKey[k.AsString()]
				}
				if in == nil {
					s.ev.diagUnknown(hcl.DiagWarning, "Invalid resource instance", fmt.Sprintf("%s has no instance %s; its value is unknown.", g.cfg.key(), keyText(ix.Key)), rng)
					return unknownNode(rng)
				}
			} else {
				return unknownNode(rng)
			}
		}
	}
	if in == nil {
		return e.applyStepsQ(s.groupNode(g, rng), rest, rng, true)
	}
	if in.state != stDone && !s.ev.refRoom() {
		return s.ev.tooDeep(rng)
	}
	b := s.instanceBody(g, in)
	if b == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Cycle in references", fmt.Sprintf("%s depends on itself; its value is unknown.", in.addr), rng)
		return unknownNode(rng)
	}
	if len(rest) == 0 {
		n := *b.Body
		n.Val = s.instValue(g, in, nil)
		n.SetInst(in.addr)
		return &n
	}
	attr, ok := rest[0].(hcl.TraverseAttr)
	if !ok {
		return e.applyStepsQ(&Node{Val: s.instValue(g, in, nil), Range: rng}, rest, rng, true)
	}
	var n *Node
	c := b.Body.Attr(attr.Name)
	forceJSON(c) // what reads the reference reads the text
	if c != nil && !(c.Val.IsKnown() && c.Val.IsNull()) {
		cp := *c
		n = &cp
		if pv, ok := s.planAttr(in, attr.Name); ok && !c.Val.IsWhollyKnown() {
			n = &Node{Val: pv, Range: c.Range}
		}
	} else if r := s.rendered(g, in); r != cty.NilVal && r.Type().IsObjectType() && r.Type().HasAttribute(attr.Name) {
		n = &Node{Val: r.GetAttr(attr.Name), Range: b.Range}
	} else if pv, ok := s.planAttr(in, attr.Name); ok {
		n = &Node{Val: pv, Range: rng}
	} else {
		n = unknownNode(rng)
	}
	if len(rest) == 1 {
		n.SetRefTo(in.addr, attr.Name)
		return n
	}
	n.SetRef(nil)
	return e.applyStepsQ(n, rest[1:], rng, true)
}

// expandCycle says that the count or for_each of the block or module call
// addr refers to addr itself: terraform refuses it; its instances are not
// known yet (none were made: the block was dropped, unlinted and unsaid),
// so the reference is unknown and one instance with an unknown key is
// evaluated.
func (s *scope) expandCycle(addr string, rng hcl.Range) {
	s.ev.diagUnknown(hcl.DiagWarning, "Cycle in references", fmt.Sprintf("the count or for_each of %s depends on %s itself; its value is unknown.", addr, addr), rng)
}

// ---- module calls ----

type callInst struct {
	scope *scope
}

type callGroup struct {
	call      *Call
	multi     bool
	expanding bool // its count or for_each is being evaluated (group.expanding)
	unknown   bool
	forEach   bool
	insts     []*callInst
	byKey     map[string]*callInst
}

func (s *scope) callGroup(name string) *callGroup {
	if cg, ok := s.calls[name]; ok {
		return cg
	}
	call := s.cfg.call(name)
	if call == nil {
		return nil
	}
	cg := &callGroup{call: call, byKey: map[string]*callInst{}, forEach: call.ForEach != nil, multi: call.Count != nil || call.ForEach != nil}
	s.calls[name] = cg
	key := name
	if s.key != "" {
		key = s.key + "." + name
	}
	if s.depth+1 > s.ev.opts.MaxModuleDepth {
		s.ev.diag(hcl.DiagError, "Module nesting too deep", fmt.Sprintf("module %q is nested more than %d levels deep (--max-module-depth); it is not evaluated.", name, s.ev.opts.MaxModuleDepth), call.Range)
		return cg
	}
	if s.ev.opts.LoadModule == nil || call.Source == "" {
		return cg
	}
	cfg, diags := s.ev.opts.LoadModule(s.cfg, s.rootDir, key, call)
	s.ev.diags = append(s.ev.diags, diags...)
	if cfg == nil {
		return cg
	}
	// Real paths: a module reached through a symlink to one of its callers
	// (source = "./loop", loop -> .) calls itself too.
	real := cfg.realDir(&s.ev.opts.realDirs)
	for _, a := range s.ancestors {
		if a == real {
			s.ev.diag(hcl.DiagError, "Module calls itself", fmt.Sprintf("module %q (%s) is one of its own callers; it is not evaluated again.", name, cfg.Dir), call.Range)
			return cg
		}
	}
	modPath := cfg.Dir
	if rel, err := filepath.Rel(s.rootDir, cfg.Dir); err == nil {
		modPath = rel
	}
	cg.expanding = true
	defer func() { cg.expanding = false }()
	s.expand(call.Count, call.ForEach, &env{s: s}, nil, func(k cty.Value, suffix string, each *iterVal, count *Node) {
		runOver := overRun(s.ev.moduleInsts, freeModuleInstances, &s.ev.opts.runModules, runPool*s.ev.maxModuleInstances())
		if s.ev.moduleInsts++; s.ev.moduleInsts > s.ev.maxModuleInstances() || runOver {
			if !s.ev.moduleCut {
				s.ev.moduleCut = true
				if runOver {
					s.ev.diag(hcl.DiagError, "Too many module instances", fmt.Sprintf("the module calls of the root modules of this run make more than %d module instances past the first %d of each root (%d times a root's limit, the higher of 10,000 and --max-instances); this root has made %d: module %q and the instances after it are not evaluated. Lint the roots that make many on their own.", runPool*s.ev.maxModuleInstances(), freeModuleInstances, runPool, s.ev.moduleInsts-1, name), call.Range)
				} else {
					s.ev.diag(hcl.DiagError, "Too many module instances", fmt.Sprintf("the module calls of this root make more than %d module instances (the higher of 10,000 and --max-instances); module %q and the instances after it are not evaluated.", s.ev.maxModuleInstances(), name), call.Range)
				}
			}
			cg.unknown = true
			return
		}
		spendRun(s.ev.moduleInsts-1, 1, freeModuleInstances, &s.ev.opts.runModules)
		// The path, in the module's instance and in the address of each
		// of its blocks (blockAddr).
		if s.ev.addrOver((len(s.prefix())+len("module.")+len(name)+len(suffix)+1)*(len(cfg.Blocks)+1), call.Range) {
			cg.unknown = true
			return
		}
		mod := &Module{Path: s.prefix() + "module." + name + suffix, Dir: cfg.Dir,
			CallChain: append([]iam.Related{{Range: call.Range, Message: "module called here"}}, s.mod.CallChain...)}
		child := s.ev.newScope(cfg, mod, s.rootDir, modPath, key, s.depth+1, s.ancestors)
		ce := &env{s: s, each: each, count: count}
		for an, a := range call.Args {
			child.inputs[an] = &lazyInput{expr: a.Expr, env: ce}
		}
		ci := &callInst{scope: child}
		cg.insts = append(cg.insts, ci)
		if k != cty.NilVal {
			if !k.IsKnown() {
				cg.unknown = true
			} else {
				cg.byKey[instKey(k, suffix)] = ci
			}
		}
	})
	return cg
}

func (s *scope) outputsValue(ci *callInst) cty.Value {
	attrs := map[string]cty.Value{}
	for n := range ci.scope.cfg.Outputs {
		attrs[n] = ci.scope.output(n, hcl.Range{}).Val
	}
	return cty.ObjectVal(attrs)
}

// outputsNode is outputsValue located: an object node whose members are
// the outputs' own nodes (for k, m in module.x : m.doc points where doc's
// value was written, not at module.x).
func (s *scope) outputsNode(ci *callInst, rng hcl.Range) *Node {
	names := make([]string, 0, len(ci.scope.cfg.Outputs))
	for n := range ci.scope.cfg.Outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	kids := make([]*Node, len(names))
	attrs := make(map[string]cty.Value, len(names))
	for i, n := range names {
		kids[i] = ci.scope.output(n, rng)
		attrs[n] = kids[i].Val
	}
	o := &Node{Val: cty.ObjectVal(attrs), Range: rng}
	o.SetAttrs(names, kids)
	return o
}

// callNode is callValue located: the instances' outputsNode, by key (an
// object) or by index (a tuple).
func (s *scope) callNode(cg *callGroup, rng hcl.Range) *Node {
	if cg == nil || len(cg.insts) == 0 || (cg.multi && cg.unknown) {
		return &Node{Val: cty.DynamicVal, Range: rng}
	}
	if !cg.multi {
		return s.outputsNode(cg.insts[0], rng)
	}
	if cg.forEach {
		keys := make([]string, 0, len(cg.byKey))
		for k := range cg.byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		kids := make([]*Node, len(keys))
		m := make(map[string]cty.Value, len(keys))
		for i, k := range keys {
			kids[i] = s.outputsNode(cg.byKey[k], rng)
			m[k] = kids[i].Val
		}
		n := &Node{Val: cty.ObjectVal(m), Range: rng}
		n.SetAttrs(keys, kids)
		return n
	}
	n := &Node{Range: rng, Elems: make([]*Node, len(cg.insts))}
	vals := make([]cty.Value, len(cg.insts))
	for i, ci := range cg.insts {
		n.Elems[i] = s.outputsNode(ci, rng)
		vals[i] = n.Elems[i].Val
	}
	n.Val = cty.TupleVal(vals)
	return n
}

func (s *scope) callValue(cg *callGroup) cty.Value {
	if cg == nil || len(cg.insts) == 0 {
		return cty.DynamicVal
	}
	if !cg.multi {
		return s.outputsValue(cg.insts[0])
	}
	if cg.unknown {
		return cty.DynamicVal
	}
	if cg.forEach {
		m := map[string]cty.Value{}
		for k, ci := range cg.byKey {
			m[k] = s.outputsValue(ci)
		}
		return cty.ObjectVal(m)
	}
	vals := make([]cty.Value, len(cg.insts))
	for i, ci := range cg.insts {
		vals[i] = s.outputsValue(ci)
	}
	return cty.TupleVal(vals)
}

func (e *env) moduleRef(name string, rest hcl.Traversal, rng hcl.Range) *Node {
	s := e.s
	cg := s.callGroup(name)
	if cg == nil {
		s.ev.diagUnknown(hcl.DiagWarning, "Reference to undeclared module", fmt.Sprintf("module.%s is not declared in %s; its value is unknown.", name, s.cfg.Dir), rng)
		return unknownNode(rng)
	}
	if cg.expanding {
		s.expandCycle("module."+name, rng)
		return unknownNode(rng)
	}
	if len(cg.insts) == 0 {
		return unknownNode(rng)
	}
	var ci *callInst
	if !cg.multi {
		ci = cg.insts[0]
	} else if len(rest) > 0 {
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
			if cg.unknown {
				ci = cg.insts[0]
			} else if ix.Key.IsKnown() && !ix.Key.IsNull() {
				if k, err := convert.Convert(ix.Key, cty.String); err == nil {
					ci = cg.byKey[k.AsString()]
				}
			}
			if ci == nil {
				return unknownNode(rng)
			}
		}
	}
	if ci == nil {
		return e.applySteps(s.callNode(cg, rng), rest, rng)
	}
	if len(rest) == 0 {
		return s.outputsNode(ci, rng)
	}
	attr, ok := rest[0].(hcl.TraverseAttr)
	if !ok {
		return e.applySteps(s.outputsNode(ci, rng), rest, rng)
	}
	n := ci.scope.output(attr.Name, rng)
	return e.applySteps(n, rest[1:], rng)
}

func trimPathDot(p string) string {
	p = filepath.ToSlash(p)
	if p == "" {
		return "."
	}
	return strings.TrimSuffix(p, "/")
}

// Static evaluates an expression that may not refer to anything (a .tfvars
// value, a --var value) located. sources holds the file bytes by name. As
// terraform has it, it calls no function: a call is an error and unknown.
func Static(x hcl.Expression, sources map[string][]byte) (*Node, hcl.Diagnostics) {
	return staticsOf(sources, true)(x)
}

// Statics returns Static for the many expressions of one file (the
// attributes of a .tfvars file). Each is evaluated as Static does, by an
// evaluator and scope as new, but the options, configuration and evaluator
// are made once: made for each, the real path of "." was looked up again
// (four system calls) and 3 KB allocated; 100,000 variables took 2.3 CPU s
// and 550 MB, and 1,000,000 ran past 2 minutes.
func Statics(sources map[string][]byte) func(hcl.Expression) (*Node, hcl.Diagnostics) {
	return staticsOf(sources, true)
}

// evalStatic is Static, calling functions unless static (tests).
func evalStatic(x hcl.Expression, sources map[string][]byte, static bool) (*Node, hcl.Diagnostics) {
	return staticsOf(sources, static)(x)
}

func staticsOf(sources map[string][]byte, static bool) func(hcl.Expression) (*Node, hcl.Diagnostics) {
	opts := &Options{Sources: sources, MaxInstances: defaultMaxInstances, MaxModuleDepth: defaultMaxModuleDepth, Mu: new(sync.Mutex)}
	cfg := &Config{Variables: map[string]*Variable{}, Locals: map[string]*hcl.Attribute{}, Outputs: map[string]*hcl.Attribute{}, byAddr: map[string]*BlockConfig{}}
	ev := new(evaluator)
	return func(x hcl.Expression) (*Node, hcl.Diagnostics) {
		*ev = evaluator{opts: opts, static: static} // as new: nothing carried over
		s := ev.newScope(cfg, &Module{}, ".", ".", "", 0, nil)
		n := (&env{s: s}).expr(x)
		return n, ev.diags
	}
}

// setElements returns the elements of a for_each collection in iteration
// order. A set of strings made by toset() of a tuple of strings is read from
// that tuple (deduplicated, sorted as cty orders string sets): iterating a
// cty set sorts it with a slow comparison (seconds for 100,000 keys).
func setElements(v cty.Value, src *Node) []cty.Value {
	if v.Type().Equals(cty.Set(cty.String)) && src != nil && src.Val.IsKnown() && !src.Val.IsNull() &&
		src.Val.Type().IsTupleType() && src.Val.IsWhollyKnown() {
		var strs []string
		seen := map[string]bool{}
		ok := true
		for _, e := range src.Val.AsValueSlice() {
			if e.Type() != cty.String {
				ok = false
				break
			}
			if k := e.AsString(); !seen[k] {
				seen[k] = true
				strs = append(strs, k)
			}
		}
		if ok && len(strs) == v.LengthInt() {
			sort.Strings(strs)
			out := make([]cty.Value, len(strs))
			for i, k := range strs {
				out[i] = cty.StringVal(k)
			}
			return out
		}
	}
	var out []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		out = append(out, ev)
	}
	return out
}

// keySuffix is the address suffix of the instance with for_each key k,
// "[" + quoteKey(k) + "]": made with one allocation when k is printable
// ASCII that quoteKey leaves as it is (most keys).
// KeySuffix is the address suffix of the instance key k (["k"]), quoted as
// Terraform writes it in addresses.
func KeySuffix(k string) string { return keySuffix(k) }

func keySuffix(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || (c == '$' || c == '%') && i+1 < len(k) && k[i+1] == '{' {
			return "[" + quoteKey(k) + "]"
		}
	}
	return "[\"" + k + "\"]"
}

// quoteKey quotes an instance key the way Terraform writes it in resource
// addresses (module.m["k"].aws_iam_policy.p["k"]), so that an address of
// the source is the plan's: HCL's string syntax, with \n \r \t \" \\, the
// template introducers ${ and %{ doubled ($${, %%{), other characters that
// are not printable as \uNNNN (\UNNNNNNNN past the BMP), printable ones as
// they are. strconv.Quote wrote ${ and %{ as they are, and \a, \x00, ...
func quoteKey(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '$', '%':
			b.WriteRune(r)
			if i+1 < len(s) && s[i+1] == '{' {
				b.WriteRune(r)
			}
		default:
			switch {
			case unicode.IsPrint(r):
				b.WriteRune(r)
			case r < 0x10000:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				fmt.Fprintf(&b, `\U%08x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// workspaceName is the Terraform workspace a root module is planned in,
// as terraform selects it: TF_WORKSPACE, else the name terraform workspace
// select wrote in the root's .terraform/environment, else "default". It
// was always "default": a configuration that grants more outside prod
// (terraform.workspace == "prod" ? ... : "s3:*") was linted as default's
// after terraform workspace select prod.
func workspaceName(rootDir string, allowed []string) string {
	if w := os.Getenv("TF_WORKSPACE"); w != "" {
		return w
	}
	p := filepath.Join(rootDir, ".terraform", "environment")
	// A small regular file of the root's own .terraform (no link out).
	if st, err := os.Lstat(p); err != nil || !st.Mode().IsRegular() || st.Size() > 256 || !inTree(rootDir, p, allowed) {
		return "default"
	}
	return readWorkspace(p)
}

// inTree reports whether p, links resolved, is under dir or under one of
// allowed (the scanned tree, links resolved, as resolvePath reads them;
// none: no check): a .terraform that is a link to a directory elsewhere
// (.terraform -> /home/u/other/.terraform) leads out of the tree, which
// the Lstat of the file alone does not see.
func inTree(dir, p string, allowed []string) bool {
	if len(allowed) == 0 {
		return true
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	under := func(a string) bool {
		rel, err := filepath.Rel(a, real)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	if realDir, err := filepath.EvalSymlinks(dir); err == nil {
		if abs, err := filepath.Abs(realDir); err == nil && under(abs) {
			return true
		}
	}
	for _, a := range allowed {
		if under(a) {
			return true
		}
	}
	return false
}

// readWorkspace reads the workspace name in the file p, a small regular
// file when stat'ed ("default": none). Opened without waiting and checked
// again on the open file, at most 256 bytes: a named pipe swapped in after
// the stat blocked the run (os.ReadFile's open waits for a writer).
func readWorkspace(p string) string {
	b, err := regfile.Read(p, 256)
	if w := strings.TrimSpace(string(b)); err == nil && w != "" && utf8.ValidString(w) {
		return w
	}
	return "default"
}

// literalSets lets expand take for_each = toset([...literal strings]) by
// literalSet (off in tests, to compare with the general way).
var literalSets = true

// literalSet is, for for_each = toset(["a", "b", ...]) whose elements are
// all literal strings (the commonest for_each of real configurations), the
// instance keys in the order the general way gives them (the set's: sorted,
// each once) and for each the first element node with that value (the node
// the set relocated from the tuple stands for it): what expand takes from
// the set value, without making the tuple and the set (hashes, sort, the
// relocation index). ok is false for anything else; the elements have no
// side effect, so the general way may evaluate them again.
func (e *env) literalSet(x hcl.Expression) (keys []string, nodes []*Node, ok bool) {
	t := literalSetTuple(x)
	if !literalSets || t == nil || e.s.ev.static {
		return nil, nil, false
	}
	all := make([]*Node, len(t.Exprs))
	for i, ex := range t.Exprs {
		n := e.expr(ex)
		if n == nil || n.Val == cty.NilVal || !n.Val.IsKnown() || n.Val.IsNull() || n.Val.Type() != cty.String || n.Val.IsMarked() || n.Range.Filename == "" {
			return nil, nil, false
		}
		all[i] = n
	}
	// A stable sort keeps the first of equal keys first.
	sort.SliceStable(all, func(i, j int) bool { return all[i].Val.AsString() < all[j].Val.AsString() })
	for _, n := range all {
		k := n.Val.AsString()
		if len(keys) > 0 && keys[len(keys)-1] == k {
			continue
		}
		keys = append(keys, k)
		nodes = append(nodes, n)
	}
	return keys, nodes, true
}

// literalSetTuple is the tuple of toset([...]) when x is that call and the
// tuple holds only string literals, at least one; else nil.
func literalSetTuple(x hcl.Expression) *hclsyntax.TupleConsExpr {
	c, isCall := x.(*hclsyntax.FunctionCallExpr)
	if !isCall || c.ExpandFinal || len(c.Args) != 1 || strings.TrimPrefix(c.Name, "core::") != "toset" {
		return nil
	}
	t, isTuple := c.Args[0].(*hclsyntax.TupleConsExpr)
	if !isTuple || len(t.Exprs) == 0 {
		return nil
	}
	for _, ex := range t.Exprs {
		if !literalString(ex) {
			return nil
		}
	}
	return t
}

// literalString reports whether x is a string literal ("a", no
// interpolation).
func literalString(x hclsyntax.Expression) bool {
	switch x := x.(type) {
	case *hclsyntax.LiteralValueExpr:
		return x.Val.Type() == cty.String && x.Val.IsKnown() && !x.Val.IsNull()
	case *hclsyntax.TemplateExpr:
		if len(x.Parts) != 1 {
			return false
		}
		l, ok := x.Parts[0].(*hclsyntax.LiteralValueExpr)
		return ok && l.Val.Type() == cty.String && l.Val.IsKnown() && !l.Val.IsNull()
	}
	return false
}

// useSlabs turns the slabs on (tests compare with nodes allocated one by
// one).
var useSlabs = true

// slabBytes are the sizes of a slab's chunks, one after the other (the
// last for the rest): size classes of the allocator, with room for the
// 8-byte header it gives an object of more than 512 bytes holding
// pointers (a chunk of 32 string nodes, 8,192 bytes, would take the
// 9,472-byte class). Small first, so that an evaluation that makes few
// values (a small module) leaves little unused.
var slabBytes = [...]int{512, 2048 - 8, 4096 - 8, 8192 - 8}

// slab hands out zeroed values of T, allocated a chunk at a time: one
// allocation for many (a chunk lives as long as any of its values).
type slab[T any] struct {
	free   []T
	chunks int // chunks allocated so far
}

// get returns a new zeroed value.
func (s *slab[T]) get() *T {
	if len(s.free) == 0 {
		var t T
		n := max(2, slabBytes[min(s.chunks, len(slabBytes)-1)]/int(unsafe.Sizeof(t)))
		s.chunks++
		s.free = make([]T, n)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}

// slabNew returns a new zeroed T: from s when slabs is on (the
// evaluation's ev.slabs), else allocated on its own.
func slabNew[T any](slabs bool, s *slab[T]) *T {
	if slabs {
		return s.get()
	}
	return new(T)
}

// strChunk is the size of the chunks strBytes cuts texts from, and
// maxChunkStr the longest text cut from one.
const (
	strChunk    = 4096
	maxChunkStr = 256
)

// strBytes returns an empty slice of capacity n for the bytes of a text
// (a template's): cut from a chunk of the evaluation's when the slabs are
// on and n is small (one allocation for many texts; a chunk lives as long
// as any text cut from it), else allocated on its own. The slice's
// capacity is n: appending more copies it, never into the next text.
func (ev *evaluator) strBytes(n int) []byte {
	if !ev.slabs || n > maxChunkStr {
		return make([]byte, 0, n)
	}
	if len(ev.strs) < n {
		ev.strs = make([]byte, strChunk)
	}
	b := ev.strs[:0:n]
	ev.strs = ev.strs[n:]
	return b
}

// bytesString is b as a string, without a copy: b's bytes must never be
// written again (strBytes' are not).
func bytesString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// newBlock returns a new zeroed block.
func (ev *evaluator) newBlock() *Block { return slabNew(ev.slabs, &ev.blocks) }

// newGroup returns a new zeroed group.
func (ev *evaluator) newGroup() *group { return slabNew(ev.slabs, &ev.groups) }

// newNode returns a new zeroed node.
func (ev *evaluator) newNode() *Node { return slabNew(ev.slabs, &ev.nodes) }

// typeHasNumber reports whether ty is, or holds, cty.Number.
func typeHasNumber(ty cty.Type) bool {
	switch {
	case ty == cty.Number:
		return true
	case ty.IsListType() || ty.IsSetType() || ty.IsMapType():
		return typeHasNumber(ty.ElementType())
	case ty.IsObjectType():
		for _, at := range ty.AttributeTypes() {
			if typeHasNumber(at) {
				return true
			}
		}
	case ty.IsTupleType():
		for _, et := range ty.TupleElementTypes() {
			if typeHasNumber(et) {
				return true
			}
		}
	}
	return false
}

// altInst is an instance of a block whose count or for_each is a
// conditional's value (expandAlts).
type altInst struct {
	k      cty.Value
	suffix string
	each   *iterVal
	count  *Node
}

// expandAlts calls fn for each instance of a block whose count or for_each
// (forEach), written at rng, is n, when n is a conditional's value (unknown
// condition, Alts) of at most maxForks branches: the instances of each
// branch (leaf expands one, as for a known value), those of one key (the
// same address) made one, whose each.value is the branch's value in each
// branch that has it (Alts of n's choice) — for_each = var.admin ? {all =
// "*"} : {ro = "s3:GetObject"} makes [all] and [ro], each linted as with
// admin true or false; count = var.on ? 2 : 0 makes [0] and [1]. A branch
// that is null (terraform refuses it) or unknown gives the instance with an
// unknown key ("[*]"), without an error (the branch may not be taken). More
// than MaxInstances together: an error, and one instance with an unknown
// key, as for one value. false when n is no such value (nothing called).
func (s *scope) expandAlts(n *Node, rng hcl.Range, hint func(n int), fn func(k cty.Value, suffix string, each *iterVal, count *Node),
	leaf func(n *Node, rng hcl.Range, hint func(n int), fn func(k cty.Value, suffix string, each *iterVal, count *Node)), forEach bool) bool {
	if n.Val.IsKnown() || len(n.Alts()) == 0 || altLeaves(n) > maxForks {
		return false
	}
	unknown := func(fn func(k cty.Value, suffix string, each *iterVal, count *Node)) {
		if forEach {
			fn(cty.DynamicVal, "[*]", &iterVal{key: &Node{Val: cty.UnknownVal(cty.String), Range: rng}, value: unknownNode(rng)}, nil)
		} else {
			fn(cty.UnknownVal(cty.Number), "[*]", nil, &Node{Val: cty.UnknownVal(cty.Number), Range: rng})
		}
	}
	var insts func(n *Node) []altInst
	insts = func(n *Node) []altInst {
		var out []altInst
		collect := func(k cty.Value, suffix string, each *iterVal, count *Node) {
			out = append(out, altInst{k: k, suffix: suffix, each: each, count: count})
		}
		switch {
		case n.Val == cty.NilVal || (n.Val.IsKnown() && n.Val.IsNull()) || (!n.Val.IsKnown() && len(n.Alts()) == 0):
			unknown(collect)
		case n.Val.IsKnown():
			leaf(n, rng, func(int) {}, collect)
		default:
			out = mergeAltInsts(n, rng, insts)
		}
		return out
	}
	all := insts(n)
	if len(all) > s.ev.opts.MaxInstances {
		what := "count"
		if forEach {
			what = "for_each"
		}
		s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("%s makes %d instances in the branches of its conditional together, more than the limit of %d (--max-instances); one instance with an unknown key is evaluated.", what, len(all), s.ev.opts.MaxInstances), rng)
		unknown(fn)
		return true
	}
	hint(len(all))
	for _, in := range all {
		fn(in.k, in.suffix, in.each, in.count)
	}
	return true
}

// mergeAltInsts is the instances of the branches of n (a conditional's
// value, Alts), those of one address suffix made one: in the order first
// met, each.key that of the first branch that has it (the same key), and
// each.value the value of each branch, Alts of n's choice (a branch without
// the instance takes the first's value: it is not made there), or that
// value when every branch that has it has the same known value.
func mergeAltInsts(n *Node, rng hcl.Range, insts func(*Node) []altInst) []altInst {
	alts := n.Alts()
	per := make([]map[string]*altInst, len(alts))
	var order []altInst
	for i, a := range alts {
		per[i] = map[string]*altInst{}
		got := insts(a)
		for j := range got {
			in := &got[j]
			if _, dup := per[i][in.suffix]; dup {
				continue
			}
			per[i][in.suffix] = in
			seen := false
			for _, p := range per[:i] {
				if _, ok := p[in.suffix]; ok {
					seen = true
					break
				}
			}
			if !seen {
				order = append(order, *in)
			}
		}
	}
	for j := range order {
		in := &order[j]
		if in.each == nil || !in.k.IsKnown() {
			continue // count (the index is the key), or the unknown instance
		}
		vals := make([]*Node, len(alts))
		same := true
		for i := range alts {
			vals[i] = in.each.value
			if p, ok := per[i][in.suffix]; ok {
				vals[i] = p.each.value
			}
			v := vals[i].Val
			if v == cty.NilVal || !v.IsWhollyKnown() || !v.RawEquals(in.each.value.Val) {
				same = false
			}
		}
		if same {
			continue
		}
		vn := &Node{Val: cty.DynamicVal, Range: rng}
		vn.SetAltsOf(n, vals)
		in.each = &iterVal{key: in.each.key, value: vn}
	}
	return order
}
