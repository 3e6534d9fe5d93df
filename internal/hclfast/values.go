package hclfast

import (
	"reflect"
	"strconv"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// ctyValue is the layout of cty.Value (checked by valueLayoutOK).
type ctyValue struct {
	ty cty.Type
	v  any
}

// eface is the layout of an empty interface value.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

var (
	// strProto is a string value whose type word strValAt reuses.
	strProto = cty.StringVal("x")
	// valueLayoutOK reports whether cty.Value is still {ty cty.Type; v any}:
	// otherwise strValAt converts the usual way.
	valueLayoutOK = func() bool {
		t := reflect.TypeFor[cty.Value]()
		return t.NumField() == 2 && unsafe.Sizeof(cty.Value{}) == unsafe.Sizeof(ctyValue{}) &&
			t.Field(0).Name == "ty" && t.Field(0).Type == reflect.TypeFor[cty.Type]() && t.Field(0).Offset == 0 &&
			t.Field(1).Name == "v" && t.Field(1).Type == reflect.TypeFor[any]() &&
			t.Field(1).Offset == unsafe.Offsetof(ctyValue{}.v)
	}()
)

// isASCII reports whether s is all ASCII, which NFC leaves as it is.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// strValAt returns cty.StringVal(*p) for the string at p, which must be a
// field of a heap node of the tree, never changed afterwards. cty.StringVal
// stores its (NFC-normalized) string in an interface, copying the string
// header to a new 16-byte heap object; here the interface points at *p
// instead (the same dynamic type and value: AsString, ==, RawEquals and
// reflect.DeepEqual see no difference; TestStrValAt). NFC leaves ASCII
// as it is; a string with other bytes (from a \u escape) goes the usual
// way; ascii says that *p is known to be ASCII (a literal that is source
// text: the parser takes no other byte there), not scanned again. The GC
// keeps the node alive through the inner pointer.
func strValAt(p *string, ascii bool) cty.Value {
	if !valueLayoutOK || !ascii && !isASCII(*p) {
		return cty.StringVal(*p)
	}
	v := strProto
	cv := (*ctyValue)(unsafe.Pointer(&v))
	e := (*eface)(unsafe.Pointer(&cv.v))
	e.data = unsafe.Pointer(p)
	return v
}

// smallInts are the values of the integer literals 0 to 255, parsed once
// (cty.ParseNumberVal allocates a big.Float and its digits every time).
// cty values are immutable (AsBigFloat returns a copy), so trees share them.
var smallInts = func() (vs [256]cty.Value) {
	for i := range vs {
		vs[i] = cty.MustParseNumberVal(strconv.Itoa(i))
	}
	return vs
}()

// numberVal returns the value of a number literal's text.
func numberVal(s string) (cty.Value, bool) {
	switch {
	case len(s) == 1 && isDigit(s[0]):
		return smallInts[s[0]-'0'], true
	case len(s) == 2 && s[0] != '0' && isDigit(s[0]) && isDigit(s[1]):
		return smallInts[int(s[0]-'0')*10+int(s[1]-'0')], true
	case len(s) == 3 && s[0] != '0' && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]):
		if n := int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0'); n < len(smallInts) {
			return smallInts[n], true
		}
	}
	v, err := cty.ParseNumberVal(s)
	return v, err == nil
}
