//go:build unix

package load

import (
	"bytes"
	"os"
	"syscall"

	"github.com/iamlint/iamlint/linter/eval"
)

// readRegular reads the regular file name whole with plain system calls:
// open, fstat, read to the end, close. An os.File costs four more per file
// (the runtime's poller tries to register it: fcntl twice, epoll_ctl that
// fails for a regular file, fcntl again) and a cleanup; a scan reads every
// file once, 1,214 of them for ../shared/corpus/real.
//
// ok is false when name cannot be opened, is not a regular file, is empty
// or larger than max, or grows past max while it is read: the caller reads
// it the general way (readFile), which says why. err is a read error of a
// regular file.
//
// It is opened with O_NONBLOCK: a path listed as a regular file may be a
// named pipe by the time it is opened (a tree changing while it is
// scanned), and a blocking open of a pipe waits for a writer for ever (the
// run hung). The flag changes nothing for a regular file.
func readRegular(name string, max int64) (src []byte, ok bool, err error) {
	var fd int
	for {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, false, nil
	}
	defer syscall.Close(fd) //nolint:errcheck // read only: nothing to flush
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size <= 0 || st.Size > max {
		return nil, false, nil
	}
	if st.Size > binaryProbeMin {
		// A big file whose first eval.BinaryProbe bytes hold a NUL is binary:
		// the parse says so from them alone (parseFileRegular), and they
		// are all that is read. A sparse 2 GB file named .tf under a
		// raised --max-file-size was read whole, by the call graph's scan
		// and again by the parse, beside others: out of memory.
		head := make([]byte, eval.BinaryProbe)
		n, err := syscall.Pread(fd, head, 0)
		for err == syscall.EINTR {
			n, err = syscall.Pread(fd, head, 0)
		}
		if err == nil && n > 0 && bytes.IndexByte(head[:n], 0) >= 0 {
			return head[:n:n], true, nil
		}
	}
	// As os.ReadFile reads: to the end, whatever the size said, but no
	// further than max (a file written to while it is read).
	src = make([]byte, 0, st.Size+1)
	for {
		n, err := syscall.Read(fd, src[len(src):cap(src)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, true, &os.PathError{Op: "read", Path: name, Err: err} // as os.File.Read says it
		}
		if n <= 0 {
			return src, true, nil
		}
		src = src[:len(src)+n]
		if int64(len(src)) > max {
			return nil, false, nil
		}
		if len(src) >= cap(src) {
			src = append(src, 0)[:len(src)]
		}
	}
}
