package linter

import (
	"encoding/binary"
	"hash/maphash"
	"iter"
	"math"
	"slices"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/hashnum"
	"github.com/iamlint/iamlint/linter/eval"
)

// blockSummary is what the steps after the rules read of the evaluated
// blocks of a root module (or of a plan): the resource count, the block that
// holds a notice (blockIndex) and the ranges of the blocks by address
// (blockRanges, for suppression comments). It is taken by the worker that
// extracted the root, which then drops the blocks: a block of an estate is
// about 200 bytes and a for_each instance is a block, while the instances of
// one block share everything but their address.
//
// A summary is kept until the end of the run and holds no pointer but to
// its texts' blocks: the collector marks what it keeps at every
// collection (a dense 10,000-file estate's summaries, with a string for
// each text, were 50 MB of memory with pointers, 4 pointers a site and one
// an instance). Its texts are numbers of its own arena.
type blockSummary struct {
	texts *textArena
	sites []blockSite // the distinct blocks (mode, type, name, range), in order of first appearance
	insts []blockInst // every block, in order
}

// blockSite is one block of the source, shared by its instances; its texts
// are numbers of its summary's arena.
type blockSite struct {
	pos                   [6]int32 // the range: start line, column, byte, end line, column, byte
	file, typ, name, addr uint32   // addr: the address of its first instance
	mode                  blockMode
}

// text returns the summary's text numbered id.
func (s *blockSummary) text(id uint32) string { return s.texts.text(id) }

// blockMode is what finish asks of a block's Mode: "resource",
// "provider", or another (data).
type blockMode uint8

const (
	modeOther blockMode = iota
	modeResource
	modeProvider
)

func modeOf(m string) blockMode {
	switch m {
	case "resource":
		return modeResource
	case "provider":
		return modeProvider
	}
	return modeOther
}

// rng returns the range of the block, a site of s.
func (s *blockSummary) rng(b *blockSite) hcl.Range {
	return hcl.Range{Filename: s.text(b.file),
		Start: hcl.Pos{Line: int(b.pos[0]), Column: int(b.pos[1]), Byte: int(b.pos[2])},
		End:   hcl.Pos{Line: int(b.pos[3]), Column: int(b.pos[4]), Byte: int(b.pos[5])}}
}

// fits32 reports whether every position of r fits a blockSite.
func fits32(r hcl.Range) bool {
	for _, v := range [...]int{r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte} {
		if v < math.MinInt32 || v > math.MaxInt32 {
			return false
		}
	}
	return true
}

// blockInst is one evaluated block: an instance of a site (its address a
// number of the summary's arena).
type blockInst struct {
	addr uint32
	site int32
}

// summarizeBlocks returns the summary of the blocks of mods, in order.
//
// Sites are numbered by a 64-bit hash of their key (hashnum: checked
// against the first block of the site, exact on a collision). A map with
// the strings and the range in its keys (112 bytes a slot), grown as the
// blocks came, was the biggest allocation of a big plan's extraction (p50:
// about 40 MB).
func summarizeBlocks(mods []*eval.Module) *blockSummary {
	type siteKey struct {
		mode, typ, name string
		rng             hcl.Range
	}
	s := &blockSummary{texts: newTextArena()}
	n := 0
	for _, m := range mods {
		if m != nil {
			n += len(m.Blocks)
		}
	}
	s.insts = make([]blockInst, 0, n)
	var h maphash.Hash
	h.SetSeed(maphash.MakeSeed())
	var num [24]byte
	sites := hashnum.New(n, func(b *eval.Block) uint64 {
		r := b.Range
		h.Reset()
		h.WriteString(b.Mode)
		h.WriteByte(0)
		h.WriteString(b.Type)
		h.WriteByte(0)
		h.WriteString(b.Name)
		h.WriteByte(0)
		h.WriteString(r.Filename)
		for i, v := range [...]int{r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte} {
			binary.LittleEndian.PutUint32(num[4*i:], uint32(v))
		}
		h.Write(num[:])
		return h.Sum64() & hashMask
	}, func(b *eval.Block) siteKey { return siteKey{b.Mode, b.Type, b.Name, b.Range} })
	for b := range blocksOf(mods) {
		id, _ := sites.Number(b)
		s.insts = append(s.insts, blockInst{site: id})
	}
	// The arena is sized for the texts stored below, in one block: grown
	// block by block from a small one, then trimmed, it took about three
	// times their bytes. The instances' addresses are read again from mods
	// (in the order of insts), not kept in a list of their own.
	texts, size := 0, 0
	// The file names and types are added once each: those seen are
	// listed, up to maxNamed of them (beyond, each new one is counted,
	// seen or not: an upper bound).
	const maxNamed = 32
	var named [maxNamed]string
	nNamed := 0
	for id := range sites.Len() {
		b := sites.First(int32(id))
		texts += 2
		size += len(b.Name) + len(b.Address)
		for _, t := range [2]string{b.Range.Filename, b.Type} {
			if t == "" || slices.Contains(named[:nNamed], t) {
				continue
			}
			if nNamed < maxNamed {
				named[nNamed] = t
				nNamed++
			}
			texts++
			size += len(t)
		}
	}
	k := 0
	for b := range blocksOf(mods) {
		if first := sites.First(s.insts[k].site); b != first && b.Address != first.Address {
			texts++
			size += len(b.Address)
		}
		k++
	}
	s.texts.reserve(texts, size)
	// The sites, numbered in order of first appearance, are made once
	// their number is known: kept for the rest of the run, a list sized
	// for every block (instances share sites: an estate's for_each) was
	// copied to its length (on a 10,000-file estate, 90 MB allocated for
	// 20 MB kept).
	s.sites = make([]blockSite, 0, sites.Len())
	var last [2]string // the file and type of the site before, numbered in lastID
	var lastID [2]uint32
	for id := range sites.Len() {
		b := sites.First(int32(id))
		for i, t := range [2]string{b.Range.Filename, b.Type} {
			if id == 0 || t != last[i] {
				last[i], lastID[i] = t, s.texts.add(t)
			}
		}
		newSite(s, b, lastID[0], lastID[1])
	}
	// The addresses are stored as they come (an instance's own, but for
	// the first instance of a site, which has its site's): no map of them.
	k = 0
	for b := range blocksOf(mods) {
		in := &s.insts[k]
		k++
		site := &s.sites[in.site]
		if b.Address == s.text(site.addr) {
			in.addr = site.addr
		} else {
			in.addr = s.texts.store(b.Address)
		}
	}
	s.texts.freeze()
	return s
}

// blocksOf yields the blocks of mods in order, skipping nil modules and
// blocks (summarizeBlocks walks them three times and must see the same
// sequence each time).
func blocksOf(mods []*eval.Module) iter.Seq[*eval.Block] {
	return func(yield func(*eval.Block) bool) {
		for _, m := range mods {
			if m == nil {
				continue
			}
			for _, b := range m.Blocks {
				if b != nil && !yield(b) {
					return
				}
			}
		}
	}
}

// newSite appends the site of b to s (numbered as hashnum numbered it:
// sites are appended in order of first appearance), its file name and
// type numbered file and typ.
func newSite(s *blockSummary, b *eval.Block, file, typ uint32) {
	r := b.Range
	if !fits32(r) {
		r = hcl.Range{Filename: r.Filename} // a file of more than 2 GiB is not read
	}
	s.sites = append(s.sites, blockSite{file: file, mode: modeOf(b.Mode), typ: typ, name: s.texts.store(b.Name), addr: s.texts.store(b.Address),
		pos: [6]int32{int32(r.Start.Line), int32(r.Start.Column), int32(r.Start.Byte), int32(r.End.Line), int32(r.End.Column), int32(r.End.Byte)}})
}

// blockIndex finds the block that holds a range.
type blockIndex map[string][]indexedBlock

// indexedBlock is a block of a blockIndex: its bytes and address.
type indexedBlock struct {
	start, end int32
	addr       string
}

// newBlockIndex indexes the blocks of sums by file. Of the instances of one
// block only the first is listed: resourceAt returns the first block whose
// range holds a range, and the others have the same range.
func newBlockIndex(sums []*blockSummary) blockIndex {
	ix := blockIndex{}
	for _, s := range sums {
		for i := range s.sites {
			b := &s.sites[i]
			if b.mode != modeProvider && b.pos[5] > b.pos[2] {
				file := s.text(b.file)
				ix[file] = append(ix[file], indexedBlock{b.pos[2], b.pos[5], s.text(b.addr)})
			}
		}
	}
	return ix
}

// resourceAt returns the address of the first block whose range holds r, if any.
func (ix blockIndex) resourceAt(r *hcl.Range) string {
	if r == nil {
		return ""
	}
	for _, b := range ix[r.Filename] {
		if int(b.start) <= r.Start.Byte && r.End.Byte <= int(b.end) {
			return b.addr
		}
	}
	return ""
}

// countResources counts resource blocks by source position: a module that is
// linted on its own and called counts once, for_each instances count once.
func countResources(sums []*blockSummary) int {
	type pos struct {
		file      string
		byte      int
		typ, name string // .tf.json: blocks of one "resource" object share a header range
	}
	n := 0
	for _, s := range sums {
		n += len(s.sites)
	}
	// Positions are numbered by a 64-bit hash, checked against the first
	// site with that hash (hashnum; a map with the strings in its keys took
	// 56 bytes a site).
	type ref struct{ sum, site int32 }
	type texts struct{ file, typ, name string }
	siteOf := func(r ref) (*blockSite, texts) {
		s := sums[r.sum]
		b := &s.sites[r.site]
		return b, texts{s.text(b.file), s.text(b.typ), s.text(b.name)}
	}
	var h maphash.Hash
	h.SetSeed(maphash.MakeSeed())
	var num [4]byte
	nums := hashnum.New(n, func(r ref) uint64 {
		b, t := siteOf(r)
		h.Reset()
		h.WriteString(t.file)
		h.WriteByte(0)
		h.WriteString(t.typ)
		h.WriteByte(0)
		h.WriteString(t.name)
		binary.LittleEndian.PutUint32(num[:], uint32(b.pos[2]))
		h.Write(num[:])
		return h.Sum64() & hashMask
	}, func(r ref) pos {
		b, t := siteOf(r)
		return pos{t.file, int(b.pos[2]), t.typ, t.name}
	})
	for si, s := range sums {
		for i := range s.sites {
			if s.sites[i].mode == modeResource {
				nums.Number(ref{int32(si), int32(i)})
			}
		}
	}
	return nums.Len()
}

// hashMask is ANDed with the hashes that number keys (hashnum): tests set
// it to 0, so that every key collides with the first.
var hashMask = ^uint64(0)

// blockRanges maps the addresses of resource and data blocks that addrs
// holds to their ranges (several when root modules share an address; each
// range once). Only the addresses findings name are asked for: an estate
// has hundreds of thousands of blocks.
func blockRanges(sums []*blockSummary, addrs map[string]bool) map[string][]hcl.Range {
	type at struct {
		addr, file string
		byte       int
	}
	out := map[string][]hcl.Range{}
	seen := map[at]bool{} // an estate's roots share addresses: no scan of out[addr] per block
	for _, s := range sums {
		for _, in := range s.insts {
			b := &s.sites[in.site]
			addr, file := s.text(in.addr), s.text(b.file)
			if b.mode != modeProvider && addr != "" && file != "" && addrs[addr] {
				k := at{addr, file, int(b.pos[2])}
				if !seen[k] {
					seen[k] = true
					out[addr] = append(out[addr], s.rng(b))
				}
			}
		}
	}
	return out
}
