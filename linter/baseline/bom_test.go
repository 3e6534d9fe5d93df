package baseline

import (
	"errors"
	"strings"
	"testing"
)

// A baseline saved by an editor or a shell that writes a byte order mark
// is read: UTF-8's is skipped (error offsets still count it), UTF-16's is
// named. Before, both were "invalid character 'ï' looking for beginning of
// value" at 1:1.
func TestReadByteOrderMark(t *testing.T) {
	const doc = `{"version":1,"findings":[{"fingerprint":"ab","rule":"wildcard-action"}]}`
	b, err := Read(strings.NewReader("\xef\xbb\xbf" + doc))
	if err != nil || b.Len() != 1 || b.Entries()[0].Fingerprint != "ab" {
		t.Fatalf("UTF-8 BOM: %v, %v", b, err)
	}
	_, err = Read(strings.NewReader("\xef\xbb\xbf{\"version\":1,\"findings\":[x]}"))
	var oe *OffsetError
	if !errors.As(err, &oe) || oe.Offset != 28 {
		t.Errorf("UTF-8 BOM, invalid JSON: %v, want the offset of x in the file (28)", err)
	}
	for _, bom := range []string{"\xff\xfe", "\xfe\xff"} {
		if _, err := Read(strings.NewReader(bom + "{\x00}\x00")); err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("UTF-16 BOM % x: %v, want an error naming UTF-16", bom, err)
		}
	}
}
