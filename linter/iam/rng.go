package iam

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
)

// Range is a source range of the model in 16 bytes instead of the 64 of
// an hcl.Range. It converts to and from hcl.Range without loss (HCL and
// MakeRange), so a finding reports exactly the position it would with an
// hcl.Range. The file name is interned in a process-wide table (FileID);
// the start byte is kept as is; the start line in 24 bits; the start column
// in 16 bits, or, on a long line (a one-line plan), as the start byte + 1
// minus the column (0 on a line of ASCII); the length in bytes in 17 bits;
// and the end as the length minus the columns it spans when the range ends
// on its start line (0 for ASCII), else as the lines it spans and the end
// column (8 bits each). A range that does not fit (a field negative or out
// of those bounds, an end before its start) is kept whole in a side table.
// MakeRange checks that the compact form gives back its hcl.Range exactly
// and keeps the range whole otherwise, so two Ranges are == exactly when
// their hcl.Ranges are. The zero Range is the zero hcl.Range.
//
// The model holds millions of ranges on big inputs (every Value, Element and
// Statement has one); a Range holds no pointers, so the garbage collector
// does not scan it either, and it is aligned on 4 bytes (an Element, a
// Range and a bool, is 20 bytes).
type Range struct {
	// file holds the FileID (bits 0-19) and bits 0-10 of the length (bits
	// 20-30); with overflowBit set, it is instead an index into the
	// overflow table, and the other fields are zero.
	file  uint32
	start uint32 // the start byte
	// line holds the start line (bits 0-23), colGapBit, multiLineBit and
	// bits 11-16 of the length (bits 26-31).
	line uint32
	// shape holds the start column (or, with colGapBit, the start byte +
	// 1 - the start column) in bits 0-15; in bits 16-31, for a range on
	// one line, the length - (the end column - the start column); with
	// multiLineBit, the end line - the start line (bits 16-23) and the end
	// column (bits 24-31).
	shape uint32
}

// overflowBit marks a Range kept whole in the overflow table.
const overflowBit = 1 << 31

// The bits of a compact Range (see Range).
const (
	fileBits     = 20
	fileMask     = 1<<fileBits - 1
	lenLowBits   = 11
	lenLowMask   = 1<<lenLowBits - 1
	lenBits      = 17
	lineBits     = 24
	lineMask     = 1<<lineBits - 1
	colGapBit    = 1 << 24
	multiLineBit = 1 << 25
	lenHighShift = 26
)

// fileTable interns file names: id 0 is "".
var fileTable = newInternTable()

// overflowTable holds, deduplicated, the ranges that do not fit in a Range.
var overflowTable struct {
	mu     sync.Mutex
	ranges []hcl.Range
	ids    map[hcl.Range]uint32
}

// lastFile is the entry of the file FileID returned last: ranges come in
// runs in one file, and comparing a name with it (the same string, most
// often: the == of strings compares their pointers first) costs less than
// a lookup in the table.
var lastFile atomic.Pointer[internEntry]

// FileID returns the id of file name in the process-wide file table, adding
// it when new. It is safe for concurrent use.
func FileID(name string) uint32 {
	if name == "" {
		return 0
	}
	if e := lastFile.Load(); e != nil && e.s == name {
		return e.id
	}
	e := fileTable.entry(name)
	lastFile.Store(e)
	return e.id
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
	ids sync.Map                               // string -> *internEntry
	dir atomic.Pointer[[]*[internChunk]string] // copy on write under mu
	mu  sync.Mutex
	n   uint32 // strings in the table, under mu
}

func newInternTable() *internTable {
	t := &internTable{}
	dir := []*[internChunk]string{new([internChunk]string)}
	t.dir.Store(&dir)
	t.ids.Store("", &internEntry{})
	t.n = 1
	return t
}

// internEntry is a string of an internTable and its id.
type internEntry struct {
	s  string
	id uint32
}

// id returns the id of s, adding it when new.
func (t *internTable) id(s string) uint32 { return t.entry(s).id }

// entry returns the entry of s, adding it when new.
func (t *internTable) entry(s string) *internEntry {
	if e, ok := t.ids.Load(s); ok {
		return e.(*internEntry)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.ids.Load(s); ok {
		return e.(*internEntry)
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
	e := &internEntry{s: s, id: id}
	t.ids.Store(s, e)
	return e
}

// idIfRoom returns the id of s, adding a copy of s when it is new and the
// table holds fewer than max strings; ok is false when s is new and there
// is no room.
func (t *internTable) idIfRoom(s string, max uint32) (id uint32, ok bool) {
	if e, ok := t.ids.Load(s); ok {
		return e.(*internEntry).id, true
	}
	t.mu.Lock()
	full := t.n >= max
	t.mu.Unlock()
	if full {
		return 0, false
	}
	return t.entry(strings.Clone(s)).id, true
}

// lookup returns the id of s when it is in the table.
func (t *internTable) lookup(s string) (uint32, bool) {
	if e, ok := t.ids.Load(s); ok {
		return e.(*internEntry).id, true
	}
	return 0, false
}

// name returns the string of id.
func (t *internTable) name(id uint32) string {
	return (*t.dir.Load())[id/internChunk][id%internChunk]
}

func fits(n int) bool { return n >= 0 && uint64(n) <= math.MaxUint32 }

// MakeRange returns the Range of r.
func MakeRange(r hcl.Range) Range {
	// makeRange, written out: a call less for each of the millions of
	// ranges of a big input (its frame was a quarter of the cost).
	if c, ok := compactRange(FileID(r.Filename), r); ok {
		return c
	}
	return overflowRange(r)
}

// RangeMaker makes compact Ranges as MakeRange does, keeping the ids of the
// last two files it met (most recent first): a policy's ranges are in one
// or two files (a module's, and its caller's for the values passed in), and
// FileID's own cache of the last file is shared by every CPU. Its zero
// value is ready; one builder of one goroutine owns each.
type RangeMaker struct {
	files [2]fileEntry
}

// fileEntry is a file name and its FileID.
type fileEntry struct {
	name string
	id   uint32
}

// Make is MakeRange(r), with the file's id from m when it is there.
func (m *RangeMaker) Make(r hcl.Range) Range {
	switch f := r.Filename; {
	case f == m.files[0].name:
	case f == m.files[1].name:
		m.files[0], m.files[1] = m.files[1], m.files[0]
	default:
		m.files[1] = m.files[0]
		m.files[0] = fileEntry{f, FileID(f)}
	}
	// (makeRange, written out as in MakeRange.)
	if c, ok := compactRange(m.files[0].id, r); ok {
		return c
	}
	return overflowRange(r)
}

// MakeRangeIn is MakeRange for a range whose file has id file (FileID of
// its name, which it does not look up again): for position mappers that
// make many ranges in one file.
func MakeRangeIn(file uint32, r hcl.Range) Range { return makeRange(file, r) }

// CompactRange returns the Range of r when it has the compact form (see
// Range): ok is false for a range MakeRange would keep whole in its side
// table, which it does not grow.
func CompactRange(r hcl.Range) (rng Range, ok bool) {
	return compactRange(FileID(r.Filename), r)
}

// makeRange returns the Range of r, whose file has id file.
func makeRange(file uint32, r hcl.Range) Range {
	if c, ok := compactRange(file, r); ok {
		return c
	}
	return overflowRange(r)
}

// compactRange returns the compact form of r, whose file has id file, when
// it gives back r exactly.
func compactRange(file uint32, r hcl.Range) (Range, bool) {
	n := r.End.Byte - r.Start.Byte
	if file > fileMask || r.Start.Line < 0 || r.Start.Line > lineMask || !fits(r.Start.Byte) ||
		n < 0 || n >= 1<<lenBits || r.Start.Column < 0 {
		return Range{}, false
	}
	c := Range{
		file:  file | uint32(n&lenLowMask)<<fileBits,
		start: uint32(r.Start.Byte),
		line:  uint32(r.Start.Line) | uint32(n>>lenLowBits)<<lenHighShift,
	}
	switch gap := r.Start.Byte + 1 - r.Start.Column; {
	case r.Start.Column <= math.MaxUint16:
		c.shape = uint32(r.Start.Column)
	case gap >= 0 && gap <= math.MaxUint16:
		c.shape = uint32(gap)
		c.line |= colGapBit
	default:
		return Range{}, false
	}
	switch dl := r.End.Line - r.Start.Line; {
	case dl == 0:
		d := n - (r.End.Column - r.Start.Column)
		if d < 0 || d > math.MaxUint16 {
			return Range{}, false
		}
		c.shape |= uint32(d) << 16
	case dl > 0 && dl <= math.MaxUint8 && r.End.Column >= 0 && r.End.Column <= math.MaxUint8:
		c.shape |= uint32(dl)<<16 | uint32(r.End.Column)<<24
		c.line |= multiLineBit
	default:
		return Range{}, false
	}
	// The bounds above make the compact form exact: c.pos() gives back
	// r.Start and r.End (TestRangeBounds, FuzzRangeRoundTrip). It was
	// checked here too, for every range made: a tenth of the instructions
	// of the extraction of a dense estate went to making ranges.
	return c, true
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
	start, end := r.pos()
	return hcl.Range{Filename: FileName(r.file & fileMask), Start: start, End: end}
}

// pos returns the start and the end of compact range r.
func (r Range) pos() (start, end hcl.Pos) {
	n := int(r.file>>fileBits&lenLowMask) | int(r.line>>lenHighShift)<<lenLowBits
	line, startByte := int(r.line&lineMask), int(r.start)
	col := int(r.shape & math.MaxUint16)
	if r.line&colGapBit != 0 {
		col = startByte + 1 - col
	}
	endLine, endCol := line, col+n-int(r.shape>>16)
	if r.line&multiLineBit != 0 {
		endLine, endCol = line+int(r.shape>>16&math.MaxUint8), int(r.shape>>24)
	}
	return hcl.Pos{Line: line, Column: col, Byte: startByte}, hcl.Pos{Line: endLine, Column: endCol, Byte: startByte + n}
}

// Filename returns the name of the file of r.
func (r Range) Filename() string {
	if r.file&overflowBit != 0 {
		return r.HCL().Filename
	}
	return FileName(r.file & fileMask)
}

// FileID returns the id of the file of r in the file table (FileID of
// r.Filename(), without looking the name up: two ranges are in one file
// exactly when their FileIDs are equal).
func (r Range) FileID() uint32 {
	if r.file&overflowBit == 0 {
		return r.file & fileMask
	}
	return r.overflowFileID()
}

// overflowFileID is FileID of a range kept in the overflow table (out of
// FileID, which is inlined).
func (r Range) overflowFileID() uint32 { return FileID(r.HCL().Filename) }

// StartByte returns the byte offset of the start of r (r.HCL().Start.Byte,
// without making the hcl.Range).
func (r Range) StartByte() int {
	if r.file&overflowBit != 0 {
		return r.HCL().Start.Byte
	}
	return int(r.start)
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
