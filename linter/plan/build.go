package plan

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// unknownTree is after_unknown decoded: true (unknown), nil or false (known),
// map[string]*unknownTree for objects, []*unknownTree for arrays.
type unknownTree struct {
	all   bool
	attrs map[string]*unknownTree
	elems []*unknownTree
}

// unknowns decodes the after_unknown value at i.
func (s *scanner) unknowns(i int) (*unknownTree, int) {
	switch {
	case i < len(s.src) && s.src[i] == 't':
		return &unknownTree{all: true}, s.literal(i, "true")
	case i < len(s.src) && s.src[i] == '{':
		t := &unknownTree{}
		end := s.object(i, func(k string, _, _, v int) int {
			c, e := s.unknowns(v)
			if c != nil {
				if t.attrs == nil {
					t.attrs = map[string]*unknownTree{}
				}
				t.attrs[k] = c
			}
			return e
		})
		if t.attrs == nil {
			return nil, end
		}
		return t, end
	case i < len(s.src) && s.src[i] == '[':
		t := &unknownTree{}
		any := false
		end := s.array(i, func(v int) int {
			c, e := s.unknowns(v)
			any = any || c != nil
			t.elems = append(t.elems, c)
			return e
		})
		if !any {
			return nil, end
		}
		return t, end
	}
	return nil, s.skip(i)
}

func (t *unknownTree) attr(k string) *unknownTree {
	if t == nil {
		return nil
	}
	return t.attrs[k]
}

func (t *unknownTree) elem(i int) *unknownTree {
	if t == nil || i >= len(t.elems) {
		return nil
	}
	return t.elems[i]
}

// node builds the located value at i, marking unknown what unk says is
// unknown. It returns the node and the offset after the value.
//
// Below the top-level attributes of a block (depth > 1), null, bool and number
// values and unknown attributes missing from the JSON get no Node of their
// own (their value is in the parent's Val, which eval.Node.Get derives with the
// parent's range): plans are large and a Node costs 272 bytes. Strings,
// objects and arrays always get located Nodes.
func (s *scanner) node(i int, unk *unknownTree, depth int) (*eval.Node, int) {
	n, v, end := s.value(i, unk, depth)
	if n == nil {
		n = &eval.Node{Val: v, Range: s.rng(i, end)}
	}
	return n, end
}

// value returns the value at i, with its Node when it deserves one.
func (s *scanner) value(i int, unk *unknownTree, depth int) (*eval.Node, cty.Value, int) {
	if unk != nil && unk.all {
		end := s.skip(i)
		if depth > 1 {
			return nil, cty.DynamicVal, end
		}
		return &eval.Node{Val: cty.DynamicVal, Range: s.rng(i, end)}, cty.DynamicVal, end
	}
	if i >= len(s.src) {
		s.fail(i, "unexpected end of input, expected a value")
	}
	switch c := s.src[i]; c {
	case 't':
		return nil, cty.True, s.literal(i, "true")
	case 'f':
		return nil, cty.False, s.literal(i, "false")
	case 'n':
		return nil, cty.NullVal(cty.DynamicPseudoType), s.literal(i, "null")
	case '{', '[', '"':
	default:
		end := s.skip(i) // validates the number grammar
		v, err := cty.ParseNumberVal(string(s.src[i:end]))
		if err != nil {
			s.fail(i, "invalid number")
		}
		return nil, v, end
	}
	n := &eval.Node{}
	var end int
	switch s.src[i] {
	case '{':
		vals := map[string]cty.Value{}
		n.Attrs = map[string]*eval.Node{}
		end = s.object(i, func(k string, ks, ke, v int) int {
			c, cv, e := s.value(v, unk.attr(k), depth+1)
			if c == nil && depth == 0 {
				c = &eval.Node{Val: cv, Range: s.rng(v, e)}
			}
			if c != nil {
				c.NameRange = s.rng(ks, ke)
				if _, dup := n.Attrs[k]; !dup {
					n.Keys = append(n.Keys, k)
				}
				n.Attrs[k] = c
			} else {
				delete(n.Attrs, k) // a duplicate key: the last one wins
			}
			vals[k] = cv
			return e
		})
		n.Range = s.rng(i, end)
		// Terraform omits unknown attributes from after; after_unknown names them.
		if unk != nil {
			for k, u := range unk.attrs {
				if _, ok := vals[k]; ok || u == nil || !u.all {
					continue
				}
				vals[k] = cty.DynamicVal
				if depth == 0 {
					n.Keys = append(n.Keys, k)
					n.Attrs[k] = &eval.Node{Val: cty.DynamicVal, Range: n.Range}
				}
			}
		}
		if len(vals) == 0 {
			n.Val = cty.EmptyObjectVal
		} else {
			n.Val = cty.ObjectVal(vals)
		}
	case '[':
		var vals []cty.Value
		end = s.array(i, func(v int) int {
			c, e := s.node(v, unk.elem(len(vals)), depth+1)
			n.Elems = append(n.Elems, c)
			vals = append(vals, c.Val)
			return e
		})
		n.Range = s.rng(i, end)
		if len(vals) == 0 {
			n.Val = cty.EmptyTupleVal
		} else {
			n.Val = cty.TupleVal(vals)
		}
	case '"':
		var str string
		str, end = s.str(i)
		n.Val = cty.StringVal(str)
		n.Range = s.rng(i, end)
	}
	return n, n.Val, end
}
