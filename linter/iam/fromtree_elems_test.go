package iam

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// quotedLenSwitch is QuotedLen as it was written before its table
// (escapeExtra): the reference the table must agree with.
func quotedLenSwitch(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
			n++
		case c < 0x20:
			n += 5
		}
	}
	return n
}

func TestQuotedLenTable(t *testing.T) {
	for c := range 256 {
		s := string([]byte{byte(c)})
		if got, want := QuotedLen(s), quotedLenSwitch(s); got != want {
			t.Errorf("QuotedLen(%q) = %d, want %d", s, got, want)
		}
	}
	r := rand.New(rand.NewSource(1))
	// Bytes around the escaped ones, and plain ones.
	edge := []byte{0, 1, 0x1f, 0x20, 0x21, '"', '"' - 1, '"' + 1, '\\', '\\' - 1, '\\' + 1, 0x7f, 0x80, 0x81, 0xa2, 0xdc, 0xff, 'a', 'Z', ':'}
	for range 20000 {
		b := make([]byte, r.Intn(100))
		for i := range b {
			if r.Intn(4) == 0 {
				b[i] = edge[r.Intn(len(edge))]
			} else {
				b[i] = byte('a' + r.Intn(26))
			}
		}
		if got, want := QuotedLen(string(b)), quotedLenSwitch(string(b)); got != want {
			t.Fatalf("QuotedLen(%q) = %d, want %d", b, got, want)
		}
	}
}

// elemKeys are keys a statement may hold: element names in several cases,
// names with the runes that fold to ASCII letters (ſ to s, K to k),
// misspellings and others.
var elemKeys = []string{"Sid", "sid", "SID", "ſid", "Effect", "effect", "EFFECT", "Action", "action", "ACTION",
	"Actions", "NotAction", "notaction", "Resource", "resource", "Reſource", "NotResource", "NotReſource",
	"Principal", "principal", "NotPrincipal", "Condition", "condition", "Kondition", "Ｓid", "", "x", "Statement",
	"Version", "Kid", "Sİd", "Sıd"}

func TestMatchElement(t *testing.T) {
	for _, k := range elemKeys {
		want := int8(-1)
		for j, n := range statementElements {
			if strings.EqualFold(k, n) {
				want = int8(j)
				break
			}
		}
		if got := matchElement(k, statementElements); got != want {
			t.Errorf("matchElement(%q) = %d, want %d", k, got, want)
		}
	}
}

// keyedFake is a fake that says its Field finds only its keys (KeyedTree),
// as it does: its members are those of its keys.
type keyedFake struct{ *fake }

func (keyedFake) FieldsInKeys() bool { return true }

// TestStmtElemsSameAsField checks that a statement's elements read through
// stmtElems are those field and unrecognized find, on random objects whose
// keys match element names in several ways (exactly, in another case,
// twice, with a null member), through Field and through the keys alone
// (KeyedTree), and on parsed JSON (read by field itself).
func TestStmtElemsSameAsField(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	check := func(tr Tree, what string) {
		b := &builder{sc: fastScratches.Get().(*fastScratch)}
		defer fastScratches.Put(b.sc)
		o := b.elements(tr)
		for i, name := range statementElements {
			want, _ := field(tr, name)
			if got := o.field(name, int8(i)); got != want {
				t.Fatalf("%s: field %s: %v, want %v", what, name, got, want)
			}
		}
		b2 := &builder{}
		if got, want := o.unrecognized(b), b2.unrecognized(tr, statementElements); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: unrecognized %v, want %v", what, got, want)
		}
	}
	for n := range 5000 {
		f := &fake{kind: TreeObject, vals: map[string]*fake{}}
		for range r.Intn(7) {
			k := elemKeys[r.Intn(len(elemKeys))]
			if _, dup := f.vals[k]; dup {
				continue
			}
			v := fstr(k)
			switch r.Intn(5) {
			case 0:
				v = &fake{kind: TreeNull}
			case 1:
				v = nil // a key whose Field is nil
			}
			f.keys = append(f.keys, k)
			if v != nil {
				f.vals[k] = v
			}
		}
		check(f, "fake")
		check(keyedFake{f}, "keyed")
		var js strings.Builder
		js.WriteString("{")
		for i, k := range f.keys {
			if i > 0 {
				js.WriteString(",")
			}
			js.WriteString(`"` + k + `": "v"`)
		}
		js.WriteString("}")
		if tr, diags := ParseJSON([]byte(js.String()), FixedMapper(f.Range())); !diags.HasErrors() && tr != nil {
			check(tr, "json")
		} else if n < 10 {
			t.Fatalf("%s does not parse: %v", js.String(), diags)
		}
	}
}
