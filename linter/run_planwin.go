package linter

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/internal/regfile"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/plan"
)

// A streamed plan (run_planstream.go) read from a file is, once its
// structure is loaded, read back from the file a window at a time instead
// of kept in memory: the values of each chunk's resources are built from a
// window that holds them (plan.Plan.UseWindows), the policy texts of the
// chunk are checked against it (extract.PlanStream.Lit), and the texts are
// read back once more when the plan's policies are parsed (earlyDrop,
// extract.Space.DetachRead). The plan's bytes, and everything the loader
// made of them, were otherwise in memory from the read to the release: on
// the 200 MB bench plan, 200 MB of its 430 MB of live heap at the end of
// the stream. The strings of the loaded plan are copies (plan.Options.
// CopyStrings), so that nothing it keeps shares the bytes.
//
// What the steps after the stream read of the whole text is read before
// the bytes are dropped (as earlyDrop does for a plan kept in memory): the
// credentials of the text (a plan whose text holds one keeps its bytes,
// as before), its characters and CRC (droppedPlan, for finish and
// Result.Sources), its sensitive values and its configuration section.
// Every window read is checked against the CRC-32C of the segments of
// plan.WindowSeg bytes it covers (the segments the plan's windows are
// aligned on: one constant), taken from the bytes read first: a plan file
// changed while it is linted is an error ("Plan file changed while
// read"), never values of two versions of the file.

// readBackBlock is the least a read of the plan's policy texts reads at a
// time (planWindows.reader).
const readBackBlock = 4 << 20

// planWindows reads windows of a plan file whose bytes were dropped.
type planWindows struct {
	name string
	f    *os.File
	size int
	sums []uint32 // CRC-32C of each segment of plan.WindowSeg bytes
}

// errPlanChanged is the error of a window whose bytes are not those read
// first.
var errPlanChanged = errors.New("its bytes are not those read before")

// newPlanWindows opens the plan file name, whose bytes were src, to read
// windows of it; nil when it is not the regular file of src's size.
func newPlanWindows(name string, src []byte) *planWindows {
	f, err := regfile.Open(name)
	if err != nil {
		return nil
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(src)) {
		_ = f.Close()
		return nil
	}
	w := &planWindows{name: name, f: f, size: len(src), sums: make([]uint32, (len(src)+plan.WindowSeg-1)/plan.WindowSeg)}
	par.For(len(w.sums), 64, func(k int) {
		w.sums[k] = crc32.Checksum(src[k*plan.WindowSeg:min((k+1)*plan.WindowSeg, len(src))], castagnoli)
	})
	return w
}

// close closes the file (windows can no longer be read).
func (w *planWindows) close() {
	if w != nil && w.f != nil {
		_ = w.f.Close()
		w.f = nil
	}
}

// read reads the window of the plan that holds the bytes from lo to hi:
// the segments that hold them, each checked against its CRC. It returns
// the window's offset and bytes.
func (w *planWindows) read(lo, hi int, buf []byte) (int, []byte, error) {
	if w.f == nil {
		return 0, nil, errors.New("the plan file is closed")
	}
	if lo < 0 || hi > w.size || lo > hi {
		return 0, nil, fmt.Errorf("bytes %d to %d are outside the plan's %d", lo, hi, w.size)
	}
	a := lo / plan.WindowSeg * plan.WindowSeg
	b := min((hi+plan.WindowSeg-1)/plan.WindowSeg*plan.WindowSeg, w.size)
	if cap(buf) >= b-a {
		buf = buf[:b-a]
	} else {
		buf = make([]byte, b-a)
	}
	n, err := w.f.ReadAt(buf, int64(a))
	switch {
	case n < len(buf) && (err == nil || err == io.EOF):
		return 0, nil, fmt.Errorf("%w (it ends before byte %d)", errPlanChanged, a+n+1)
	case n < len(buf):
		return 0, nil, err
	}
	for k := a / plan.WindowSeg; k*plan.WindowSeg < b; k++ {
		s, e := k*plan.WindowSeg-a, min((k+1)*plan.WindowSeg, b)-a
		if crc32.Checksum(buf[s:e], castagnoli) != w.sums[k] {
			return 0, nil, fmt.Errorf("%w (bytes %d to %d)", errPlanChanged, s+a, e+a)
		}
	}
	return a, buf, nil
}

// reader returns a function that gives the bytes from a to b, reading at
// least readBackBlock bytes at a time and keeping the last block read: a
// read of ranges in the order of the file reads each block once.
func (w *planWindows) reader() func(a, b int) ([]byte, error) {
	var at int
	var cur []byte
	return func(a, b int) ([]byte, error) {
		if cur == nil || a < at || b > at+len(cur) {
			lo, buf, err := w.read(a, min(max(b, a+readBackBlock), w.size), cur)
			if err != nil {
				return nil, err
			}
			at, cur = lo, buf
		}
		return cur[a-at : b-at], nil
	}
}

// readWhole reads the whole plan again (a stream that fell back to
// loading the plan whole), checked against its CRCs.
func (w *planWindows) readWhole() ([]byte, error) {
	_, buf, err := w.read(0, w.size, nil)
	if err != nil {
		return nil, err
	}
	// Grown since: not the plan read first either.
	var one [1]byte
	n, err := w.f.ReadAt(one[:], int64(w.size))
	if n > 0 {
		return nil, fmt.Errorf("%w (it is longer)", errPlanChanged)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf, nil
}

// windowed is what a streamed plan read through windows keeps of its
// whole text (see above), taken before its bytes are dropped.
type windowed struct {
	w           *planWindows
	spaces      []*extract.Space // the plan's (streamPlan)
	failed      hcl.Diagnostics  // the stream's error when a window could not be read
	used        bool             // the plan reads its windows (its bytes are dropped)
	dropped     *droppedPlan
	sensSecrets map[string]bool
	cfgText     []byte
}

// windowsFor returns what r's streamed plan, of bytes src, keeps to be
// read through windows, or nil when it is kept in memory: a plan read from
// standard input (no file to read again), one whose text holds a
// credential (planSecrets reads the text around each), or one of mostly
// non-ASCII text (no runeIndex: see dropPlanBytes). (Work of about 0.3 s
// on the 200 MB bench plan, mostly the credential scan: done on another
// CPU while the stream's first pass runs.) What it read of the text for
// that, earlyDrop's preDrop, is returned too (nil when it read nothing):
// startPreDrop takes it when the plan is not read through windows after
// all, instead of reading the text again.
func windowsFor(r *planRun, src []byte) (*windowed, *preDrop) {
	if !planWindowsOn || !earlyDrops || len(src) == 0 || r.name == "" || strings.HasPrefix(r.name, "<") || r.p == nil {
		return nil, nil
	}
	pd := &preDrop{src: src, wait: func() {}}
	if pd.read(r); pd.secrets || pd.whole == nil {
		return nil, pd
	}
	w := newPlanWindows(r.name, src)
	if w == nil {
		return nil, pd
	}
	wd := &windowed{w: w, dropped: pd.whole}
	wd.sensSecrets, wd.cfgText = textKept(r, src)
	return wd, pd
}

// planWindowsOn switches the windows on (a variable for the tests).
var planWindowsOn = true

// windowChangedDiag is the error of a plan whose file changed while it
// was read through windows: the plan is not linted.
func windowChangedDiag(name string, err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Plan file changed while read",
		Detail:  fmt.Sprintf("%s changed while iamlint read it (%v); it is not linted. Run iamlint again once it is written.", name, err),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// detachWindowed is earlyDrop for r, a plan read through windows: the
// policy texts of its spaces are read back from the file (the spaces then
// read nothing more of it), and what r keeps of the text is what
// windowsFor took. On an error (the file changed) the plan's spaces hold
// that error and nothing else.
func detachWindowed(r *planRun) {
	wd := r.win
	r.win = nil
	defer wd.w.close()
	r.dropped = wd.dropped
	r.sensSecrets = wd.sensSecrets
	r.cfgText = wd.cfgText
	r.early = true
	read := wd.w.reader()
	for _, sp := range wd.spaces {
		if sp == nil {
			continue
		}
		if err := sp.DetachRead(r.name, read, func(*string) {}); err != nil {
			for _, sp := range wd.spaces {
				if sp != nil {
					sp.Fail(hcl.Diagnostics{windowChangedDiag(r.name, err)})
				}
			}
			return
		}
	}
}
