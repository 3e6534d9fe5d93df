package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	legacy "github.com/iamlint/iamlint/linter/baseline/internal/baseline"
)

// sameAsLegacy fails t when Read and legacyRead disagree on src: the same
// error (message and offset), or the same baseline. A second non-empty
// findings array, which encoding/json merged into the first, is an error
// of Read's own; so is data after the value, which one Decode left unread
// (legacyRead read the value, and succeeded): then where the data starts is
// checked against encoding/json's Decoder.
func sameAsLegacy(t *testing.T, src []byte) {
	t.Helper()
	got, err := Read(bytes.NewReader(src))
	want, werr := legacy.Read(bytes.NewReader(src))
	if errors.Is(err, errDuplicate) {
		return
	}
	if trail := trailingAfter(src); trail >= 0 && werr == nil {
		var oe *OffsetError
		var td *trailingData
		if !errors.As(err, &oe) || !errors.As(err, &td) || oe.Offset != trail {
			t.Fatalf("Read(%q) = %v, want data after the value at byte offset %d", src, err, trail)
		}
		return
	}
	switch {
	case (err == nil) != (werr == nil):
		t.Fatalf("Read(%q) = %v, legacy %v", src, err, werr)
	case err != nil:
		msg, off, isOff := encodingJSON(err)
		var woe *legacy.OffsetError
		if msg != werr.Error() || isOff != errors.As(werr, &woe) || isOff && off != woe.Offset {
			t.Fatalf("Read(%q):\n%v\n(as encoding/json: %s)\nlegacy:\n%v", src, err, msg, werr)
		}
	default:
		var entries []Entry
		for _, e := range want.Findings {
			entries = append(entries, Entry(e))
		}
		if got.Version != want.Version || got.Tool != want.Tool || !reflect.DeepEqual(got.Entries(), entries) {
			t.Fatalf("Read(%q) = %d %q %q, legacy %d %q %q", src, got.Version, got.Tool, got.Entries(), want.Version, want.Tool, want.Findings)
		}
	}
}

// trailingAfter is the offset of the first byte that is not white space
// after the first JSON value of src (after a UTF-8 byte order mark), as
// encoding/json's Decoder reads it; -1 when there is none or the value does
// not decode.
func trailingAfter(src []byte) int64 {
	body, bom := bytes.CutPrefix(src, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	if dec.Decode(&v) != nil {
		return -1
	}
	off := dec.InputOffset()
	rest := bytes.TrimLeft(body[off:], " \t\r\n")
	if len(rest) == 0 {
		return -1
	}
	off += int64(len(body[off:]) - len(rest))
	if bom {
		off += 3
	}
	return off
}

// encodingJSON is Read's error as encoding/json's Decoder gave it (the
// legacy Read's): its message, and its offset when it is an *OffsetError.
// Read's own messages speak of the file format, not of Go types, give the
// offset of the start of a value of the wrong type, and the position of an
// unknown member (encoding/json gave none).
func encodingJSON(err error) (msg string, off int64, isOffset bool) {
	var oe *OffsetError
	if !errors.As(err, &oe) {
		if err == errNoVersion {
			return fmt.Sprintf("baseline: version 0 is not supported (want %d)", Version), 0, false
		}
		return err.Error(), 0, false
	}
	if _, ok := oe.Err.(*unknownField); ok {
		return "baseline: " + oe.Err.Error(), 0, false
	}
	return fmt.Sprintf("baseline: %v (byte offset %d)", oe.Err, oe.enc), oe.enc, true
}

// TestReadSame: Read parses as it reads, with encoding/json's outcome
// (sameAsLegacy) on documents that exercise its syntax errors, type
// mismatches, name matching and unquoting. Data after the value (ok +
// " trailing", ok + "}") is an error where encoding/json's one Decode read
// the value and succeeded: sameAsLegacy checks the error's offset instead.
// The loop checks that those cases are errors (not taken as the first
// value, as before).
func TestReadSame(t *testing.T) {
	const ok = `{"version": 1, "tool": "iamlint", "findings": [{"fingerprint": "a", "rule": "r", "resource": "x", "file": "f", "message": "m"}]}`
	docs := []string{
		ok, " \n\t" + ok + " trailing", ok + "}", "\xef\xbb\xbf" + ok,
		``, ` `, "\n\n", `{`, `{"`, `{"version"`, `{"version":`, `{"version": 1`, `{"version": 1,`, `{"version": 1}`,
		`[`, `[]`, `[1,2]`, `"x"`, `"x"y`, `1`, `1x`, `-`, `-x`, `-0`, `01`, `1.`, `1.x`, `1.5`, `1e`, `1e+`, `1ex`, `1e5`, `1E-5`,
		`true`, `trux`, `tru`, `fals`, `falsy`, `null`, `nul`, `nulx`, `x`, `}`, `]`, `,`, `'`, "\x00", "\xff", `"`,
		`{"version": 1, "findings": null}`, `{"version": 1, "findings": []}`, `{"version": 1, "findings": {}}`,
		`{"version": 1, "findings": "x"}`, `{"version": 1, "findings": 3}`, `{"version": 1, "findings": true}`,
		`{"version": "1"}`, `{"version": 1.5}`, `{"version": 1e2}`, `{"version": -1}`, `{"version": 99999999999999999999}`,
		`{"version": true}`, `{"version": null}`, `{"version": [1]}`, `{"version": {"a": 1}}`, `{"version": 1, "version": 2}`,
		`{"tool": 1, "version": 1}`, `{"tool": [], "version": 1}`, `{"tool": {}, "version": "x"}`, `{"tool": null, "version": 1}`,
		`{"version": 1, "extra": 1}`, `{"extra": [1, {"a": [true, null]}], "version": "1"}`, `{"version": 1, "extra": 1, "tool": 2}`,
		`{"VERSION": 1, "Findings": [{"FingerPrint": "a"}]}`, `{"verſion": 1, "findings": [{"fıngerprınt": "a"}]}`,
		`{"version": 1, "ver\u0073ion": 1, "findings": [{"finger\u0070rint": "a"}]}`, `{"version": 1, "\u212aey": 1}`,
		`{"version": 1, "findings": [null]}`, `{"version": 1, "findings": [1]}`, `{"version": 1, "findings": ["x"]}`,
		`{"version": 1, "findings": [[]]}`, `{"version": 1, "findings": [true, {"fingerprint": "a"}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a"}, {}]}`, `{"version": 1, "findings": [{"fingerprint": "a"}, {"rule": "r"}]}`,
		`{"version": 1, "findings": [{"fingerprint": 3}]}`, `{"version": 1, "findings": [{"fingerprint": "a", "rule": {}}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a", "rule": []}]}`, `{"version": 1, "findings": [{"fingerprint": "a", "rule": false}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a", "fingerprint": "b"}]}`, `{"version": 1, "findings": [{"fingerprint": "a", "fingerprint": null}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a", "x": 1}]}`, `{"version": 1, "findings": [{"fingerprint": "a"}], "findings": null}`,
		`{"version": 1, "findings": [{"fingerprint": "a"}], "findings": []}`, `{"version": 1, "findings": [], "findings": [{"fingerprint": "b"}]}`,
		`{"version": 1, "findings": null, "findings": [{"fingerprint": "b"}]}`, `{"version": 1, "findings": [{"fingerprint": "a"}], "findings": 3}`,
		`{"version": 1, "findings": [{"fingerprint": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00\ud800x\udc00"}]}`,
		"{\"version\": 1, \"findings\": [{\"fingerprint\": \"a\xff\xfeb\xed\xa0\x80c\xef\xbf\xbd\"}]}",
		"{\"version\": 1, \"findings\": [{\"fingerprint\": \"a\x01\"}]}", `{"version": 1, "findings": [{"fingerprint": "a\x"}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a\u12"}]}`, `{"version": 1, "findings": [{"fingerprint": "a\u12g4"}]}`,
		`{"version": 1, "findings": [{"fingerprint": "a\`, `{"version": 1, "findings": [{"fingerprint": "a\u`,
		`{"version": 1 "tool": 1}`, `{"version" 1}`, `{"version": 1,}`, `{"version": 1, "findings": [,]}`, `{"version": 1, "findings": [{},]}`,
		`{"version": 1, "findings": [{} {}]}`, `{"version": 1, "findings": [{}]]}`, `{"version": 1, "findings": [{"a"}]}`, `{1: 2}`, `{,}`,
		`{"version": 2, "findings": [{}]}`, `{"version": "2", "findings": [x`, `{"x": 1, "version": [`, `{"version": 1, "findings": [{"rule": "r"}], "x": y}`,
		`{"version": 1, "tool": {"name": "iamlint"}, "findings": []}`, `{"runs": [], "version": 1}`,
		`{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}`,
		`{"version":1,"findings":[{"fingerprint":"1e5","rule":"r"},{"fingerprint":"-0.5e-7"}]}`, `{"version": -0}`, `{"version": 1.0}`,
		`{"version": 1, "findings": [{"fingerprint": "a", "message": -1.5e+3}]}`, `{"version": 1, "findings": [{"fingerprint": "a", "message": 0.}]}`,
	}
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	docs = append(docs, deep, strings.Repeat("[", 10000)+strings.Repeat("]", 10000),
		`{"version": 1, "x": `+strings.Repeat(`{"a":`, 9998)+`1`+strings.Repeat(`}`, 9998)+`}`,
		`{"version": 1, "x": `+strings.Repeat(`{"a":`, 9999)+`1`+strings.Repeat(`}`, 9999)+`}`,
		`{"version": 1, "findings": [{"fingerprint": "`+strings.Repeat("ab", 100000)+`"}]}`)
	for _, d := range docs {
		sameAsLegacy(t, []byte(d))
	}
	for _, d := range []string{" \n\t" + ok + " trailing", ok + "}", ok + ok, ok + "\n" + ok + "\n", "\xef\xbb\xbf" + ok + "x"} {
		if b, err := Read(strings.NewReader(d)); !errors.As(err, new(*trailingData)) {
			t.Errorf("Read(%q) = %v, %v: want an error for the data after the value", d, b, err)
		}
	}
}

// minimalBaseline is a baseline of n entries with only a fingerprint.
func minimalBaseline(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"version": 1, "tool": "iamlint", "findings": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"fingerprint": "%x"}`, i)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// TestReadCompact: a baseline is parsed as it is read and its entries kept
// as records, not decoded whole into a []Entry (80 bytes an entry besides
// its strings): a 100 MB baseline of a million minimal entries took 1.5 GB.
// Here 200,000 entries, 4.9 MB: Read allocates less than twice the input
// in all (3.1 MB) and keeps less than the input (1.9 MB); encoding/json
// allocated 104 MB and kept 18.5 MB. The entries are the input's.
func TestReadCompact(t *testing.T) {
	const n = 200000
	src := minimalBaseline(n)
	var before, after, kept runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b, err := Read(bytes.NewReader(src))
	runtime.ReadMemStats(&after)
	runtime.GC()
	runtime.ReadMemStats(&kept)
	if err != nil || b.Len() != n {
		t.Fatalf("Read: %v, %d entries", err, b.Len())
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	held := int64(kept.HeapAlloc) - int64(before.HeapAlloc)
	if allocated > uint64(2*len(src)) || held > int64(len(src)) {
		t.Errorf("Read of %d bytes allocated %d bytes and holds %d", len(src), allocated, held)
	}
	i := 0
	b.recs.each(b.n, func(j int, e Entry) {
		if e.Fingerprint != fmt.Sprintf("%x", j) || e.Rule != "" || e.Message != "" {
			t.Fatalf("entry %d: %+v", j, e)
		}
		i++
	})
	if i != n {
		t.Errorf("%d entries read back", i)
	}
	runtime.KeepAlive(b)
}
