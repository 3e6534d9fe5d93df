package iam

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
)

// Range is a source range of the model in 24 bytes instead of the 64 of an
// hcl.Range: the file name is interned in a process-wide table (FileID),
// the start and the end byte are uint32s, and the end line and column are
// uint16s relative to the start (the end line as lines after the start
// line; the end column as columns after the start column when the range
// ends on its start line, else as is). It converts to and from hcl.Range
// without loss (HCL and MakeRange), so a finding reports exactly the
// position it would with an hcl.Range; a range that does not fit (a field
// negative or above 4 GiB, an end before its start, a range over more than
// 65535 lines or columns) is kept whole in a side table. Two Ranges are ==
// exactly when their hcl.Ranges are. The zero Range is the zero hcl.Range.
//
// The model holds millions of ranges on big inputs (every Value, Element and
// Statement has one); a Range holds no pointers, so the garbage collector
// does not scan it either.
type Range struct {
	file                           uint32 // FileID; with overflowBit set, an index into overflow
	startLine, startCol, startByte uint32
	endByte                        uint32
	endLine                        uint16 // end line - start line
	endCol                         uint16 // end column - start column on the start line, else the end column
}

// overflowBit marks a Range kept whole in the overflow table.
const overflowBit = 1 << 31

// fileTable interns file names: id 0 is "".
var fileTable = newInternTable()

// overflowTable holds, deduplicated, the ranges that do not fit in a Range.
var overflowTable struct {
	mu     sync.Mutex
	ranges []hcl.Range
	ids    map[hcl.Range]uint32
}

// FileID returns the id of file name in the process-wide file table, adding
// it when new. It is safe for concurrent use.
func FileID(name string) uint32 {
	if name == "" {
		return 0
	}
	return fileTable.id(name)
}

// FileName returns the name of the file of id (see FileID).
func FileName(id uint32) string { return fileTable.name(id) }

// internChunk is the number of strings of an internTable chunk.
const internChunk = 1 << 10

// internTable interns strings for the life of the process: id 0 is "".
// Lookups by string go through a sync.Map, lookups by id through a
// directory of fixed-size chunks that is copied only when a chunk is added,
// so neither takes a lock and adding n strings costs O(n).
type internTable struct {
	ids sync.Map                               // string -> uint32
	dir atomic.Pointer[[]*[internChunk]string] // copy on write under mu
	mu  sync.Mutex
	n   uint32 // strings in the table, under mu
}

func newInternTable() *internTable {
	t := &internTable{}
	dir := []*[internChunk]string{new([internChunk]string)}
	t.dir.Store(&dir)
	t.ids.Store("", uint32(0))
	t.n = 1
	return t
}

// id returns the id of s, adding it when new.
func (t *internTable) id(s string) uint32 {
	if id, ok := t.ids.Load(s); ok {
		return id.(uint32)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if id, ok := t.ids.Load(s); ok {
		return id.(uint32)
	}
	id := t.n
	if id >= overflowBit {
		panic("iam: too many interned strings")
	}
	dir := *t.dir.Load()
	if int(id/internChunk) == len(dir) {
		grown := make([]*[internChunk]string, len(dir)+1)
		copy(grown, dir)
		grown[len(dir)] = new([internChunk]string)
		t.dir.Store(&grown)
		dir = grown
	}
	// Written before the id is published: whoever holds the id got it
	// (through ids, or a value passed on) after this write.
	dir[id/internChunk][id%internChunk] = s
	t.n++
	t.ids.Store(s, id)
	return id
}

// name returns the string of id.
func (t *internTable) name(id uint32) string {
	return (*t.dir.Load())[id/internChunk][id%internChunk]
}

func fits(n int) bool { return n >= 0 && uint64(n) <= math.MaxUint32 }

// MakeRange returns the Range of r.
func MakeRange(r hcl.Range) Range {
	return makeRange(FileID(r.Filename), r)
}

// MakeRangeIn is MakeRange for a range whose file has id file (FileID of
// its name, which it does not look up again): for position mappers that
// make many ranges in one file.
func MakeRangeIn(file uint32, r hcl.Range) Range { return makeRange(file, r) }

// makeRange returns the Range of r, whose file has id file.
func makeRange(file uint32, r hcl.Range) Range {
	if !fits(r.Start.Line) || !fits(r.Start.Column) || !fits(r.Start.Byte) || !fits(r.End.Byte) ||
		r.End.Line < r.Start.Line || r.End.Line-r.Start.Line > math.MaxUint16 || r.End.Column < 0 {
		return overflowRange(r)
	}
	endCol := r.End.Column
	if r.End.Line == r.Start.Line {
		endCol -= r.Start.Column
	}
	if endCol < 0 || endCol > math.MaxUint16 {
		return overflowRange(r)
	}
	return Range{
		file:      file,
		startLine: uint32(r.Start.Line), startCol: uint32(r.Start.Column), startByte: uint32(r.Start.Byte),
		endByte: uint32(r.End.Byte), endLine: uint16(r.End.Line - r.Start.Line), endCol: uint16(endCol),
	}
}

func overflowRange(r hcl.Range) Range {
	overflowTable.mu.Lock()
	defer overflowTable.mu.Unlock()
	id, ok := overflowTable.ids[r]
	if !ok {
		if overflowTable.ids == nil {
			overflowTable.ids = map[hcl.Range]uint32{}
		}
		id = uint32(len(overflowTable.ranges))
		if id >= overflowBit {
			panic("iam: too many ranges out of bounds")
		}
		overflowTable.ranges = append(overflowTable.ranges, r)
		overflowTable.ids[r] = id
	}
	return Range{file: overflowBit | id}
}

// HCL returns r as an hcl.Range.
func (r Range) HCL() hcl.Range {
	if r.file&overflowBit != 0 {
		overflowTable.mu.Lock()
		defer overflowTable.mu.Unlock()
		return overflowTable.ranges[r.file&^overflowBit]
	}
	endLine, endCol := int(r.startLine)+int(r.endLine), int(r.endCol)
	if r.endLine == 0 {
		endCol += int(r.startCol)
	}
	return hcl.Range{
		Filename: FileName(r.file),
		Start:    hcl.Pos{Line: int(r.startLine), Column: int(r.startCol), Byte: int(r.startByte)},
		End:      hcl.Pos{Line: endLine, Column: endCol, Byte: int(r.endByte)},
	}
}

// Filename returns the name of the file of r.
func (r Range) Filename() string {
	if r.file&overflowBit != 0 {
		return r.HCL().Filename
	}
	return FileName(r.file)
}

// Ptr returns a pointer to r as an hcl.Range (for hcl.Diagnostic.Subject).
func (r Range) Ptr() *hcl.Range {
	h := r.HCL()
	return &h
}

// IsZero reports whether r is the zero range (no position).
func (r Range) IsZero() bool { return r == Range{} }

// String returns r as hcl.Range.String does.
func (r Range) String() string { return r.HCL().String() }
