package eval

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestScanRunsSameSegments checks appendLiteralScan with its loop over the
// bulk of verbatim runs (scanRuns) against reading them byte by byte:
// random sources of ASCII, lines, indentation the value strips, escapes,
// $${ and %%{, non-ASCII text and combining marks, quoted or not, with
// values that match them or stop matching anywhere.
func TestScanRunsSameSegments(t *testing.T) {
	defer func(old bool) { scanRuns = old }(scanRuns)
	rnd := rand.New(rand.NewSource(38))
	pieces := []string{"a", "b", "{", "\"", " ", "  ", "\n", "\t", "$", "%", "${", "$${", "%%{", `\"`, `\n`, `\\`, `\u00e9`, `\u0301`, "é", "e\u0301", "日", "\r\n", "x"}
	for iter := range 3000 {
		var lit []byte
		for range rnd.Intn(40) {
			lit = append(lit, pieces[rnd.Intn(len(pieces))]...)
		}
		quoted := rnd.Intn(2) == 0
		var val string
		switch rnd.Intn(4) {
		case 0: // as written
			val = string(lit)
		case 1: // indentation stripped, as a <<- heredoc
			b := make([]byte, 0, len(lit))
			for i := 0; i < len(lit); i++ {
				if (i == 0 || lit[i-1] == '\n') && i+1 < len(lit) && lit[i] == ' ' && lit[i+1] == ' ' {
					i++
					continue
				}
				b = append(b, lit[i])
			}
			val = string(b)
		case 2: // decoded the way a quoted string is, roughly
			val = string(decodeRough(lit))
		default: // any text
			var b []byte
			for range rnd.Intn(40) {
				b = append(b, pieces[rnd.Intn(len(pieces))]...)
			}
			val = string(b)
		}
		if val == "" {
			continue
		}
		src := append([]byte("x = "), lit...)
		src = append(src, "\n"...)
		rng := hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 5, Byte: 4}, End: hcl.Pos{Line: 1, Column: 5 + len(lit), Byte: 4 + len(lit)}}
		scanRuns = true
		got := appendLiteralScan(nil, src, rng, val, quoted, 3)
		scanRuns = false
		want := appendLiteralScan(nil, src, rng, val, quoted, 3)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("iter %d: lit %q val %q quoted %v:\n%+v\nbyte by byte:\n%+v", iter, lit, val, quoted, got, want)
		}
	}
}

// decodeRough decodes \" \n \\ and $${ of a quoted literal (others kept).
func decodeRough(lit []byte) []byte {
	var b []byte
	for i := 0; i < len(lit); i++ {
		switch {
		case lit[i] == '\\' && i+1 < len(lit) && lit[i+1] == '"':
			b = append(b, '"')
			i++
		case lit[i] == '\\' && i+1 < len(lit) && lit[i+1] == 'n':
			b = append(b, '\n')
			i++
		case lit[i] == '\\' && i+1 < len(lit) && lit[i+1] == '\\':
			b = append(b, '\\')
			i++
		case lit[i] == '$' && i+2 < len(lit) && lit[i+1] == '$' && lit[i+2] == '{':
			b = append(b, '$', '{')
			i += 2
		default:
			b = append(b, lit[i])
		}
	}
	return b
}
