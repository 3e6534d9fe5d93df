//go:build unix

package config

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// foreignInShared says why the discovered configuration path is not the
// project's own ("" when it may be): it sits in a directory any user may
// write to (/tmp, mode 1777) and belongs to another user than the one
// running iamlint (nor root). Such a file, put in /tmp by anyone, applied
// its exclude, disable and fail_on settings, without a word, to every
// directory linted under /tmp (red team 20). A checkout owned by another
// user (a CI container running as root) is not in such a directory and
// is read as before.
func foreignInShared(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "" // the read says why
	}
	dir := filepath.Dir(path)
	dst, err := os.Stat(dir)
	if err != nil || dst.Mode().Perm()&0o002 == 0 {
		return ""
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	if uid := int64(sys.Uid); uid == 0 || uid == int64(os.Getuid()) {
		return ""
	}
	return fmt.Sprintf("%s is in %s, a directory every user may write to, and belongs to another user (uid %d)", path, dir, sys.Uid)
}
