//go:build !unix

package load

import (
	"io"
	"os"
)

// readRegular reads the regular file name whole (see readfile_unix.go).
func readRegular(name string, max int64) (src []byte, ok bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false, nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 || st.Size() > max {
		return nil, false, nil
	}
	src = make([]byte, 0, st.Size()+1)
	for {
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if int64(len(src)) > max {
			return nil, false, nil
		}
		if err != nil {
			if err == io.EOF {
				return src, true, nil
			}
			return nil, true, err
		}
		if len(src) >= cap(src) {
			src = append(src, 0)[:len(src)]
		}
	}
}
