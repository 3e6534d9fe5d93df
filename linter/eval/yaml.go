package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"gopkg.in/yaml.v3"
)

// maxYAMLNodes bounds the nodes yamldecode builds (aliases can multiply a
// small text).
const maxYAMLNodes = 1 << 20

// yamlDecode is yamldecode(arg): a YAML mapping becomes an object, a
// sequence a tuple, scalars strings, numbers, bools or null, as Terraform
// decodes them. When the text is mapped to the source (file(), a heredoc),
// every value is located where it is written. Text that is not YAML (or
// uses what this decoder does not: merge keys, several documents) gives a
// warning and an unknown value.
func (e *env) yamlDecode(arg *Node, rng hcl.Range) *Node {
	v := arg.Val
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return unknownNode(rng)
	}
	src := v.AsString()
	var doc yaml.Node
	dec := yaml.NewDecoder(strings.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &Node{Val: cty.NullVal(cty.DynamicPseudoType), Range: rng}
		}
		msg, _, _ := strings.Cut(err.Error(), "\n")
		e.warnUnknown("Error in function call", "yamldecode: "+msg+". The value is unknown.", rng)
		return unknownNode(rng)
	}
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		e.warnUnknown("Error in function call", "yamldecode: only a single YAML document is supported. The value is unknown.", rng)
		return unknownNode(rng)
	}
	d := &yamlDecoder{src: src, tm: arg.Text, def: rng}
	d.lines = append(d.lines, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) != 1 {
			return unknownNode(rng)
		}
		root = root.Content[0]
	}
	n, err := d.node(root, 0)
	if err != nil {
		e.warnUnknown("Error in function call", "yamldecode: "+err.Error()+". The value is unknown.", rng)
		return unknownNode(rng)
	}
	if hasHugeNumber(n.Val) {
		e.sayHugeNumber("yamldecode", rng, n.Val)
		return unknownNode(rng)
	}
	return n
}

type yamlDecoder struct {
	src   string
	tm    *TextMap
	def   hcl.Range
	lines []int // byte offset of each line's start
	count int
}

// at returns the source range of a node that starts at line:col (1-based,
// col in characters) of the text and spans size bytes.
func (d *yamlDecoder) at(line, col, size int) hcl.Range {
	if d.tm == nil || line < 1 || line > len(d.lines) {
		return d.def
	}
	off := d.lines[line-1]
	for c := 1; c < col && off < len(d.src); c++ {
		_, w := utf8.DecodeRuneInString(d.src[off:])
		off += w
	}
	end := off + size
	if size <= 0 || end > len(d.src) {
		end = off + 1
	}
	if r, ok := d.tm.Range(off, end); ok {
		return r
	}
	return d.def
}

func (d *yamlDecoder) node(y *yaml.Node, depth int) (*Node, error) {
	d.count++
	// The root is at depth 0: a sequence or mapping at depth MaxNesting is
	// level MaxNesting+1, past jsondecode's bound (it read 1,001 levels).
	if d.count > maxYAMLNodes || depth > MaxNesting || (depth == MaxNesting && y.Kind != yaml.ScalarNode) {
		return nil, errors.New("the document is too large or too deeply nested")
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, errors.New("an alias without its anchor")
		}
		return d.node(y.Alias, depth+1)
	case yaml.ScalarNode:
		size := len(y.Value)
		if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			size += 2
		}
		if y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			size = 1
		}
		r := d.at(y.Line, y.Column, size)
		v, err := yamlScalar(y)
		if err != nil {
			return nil, err
		}
		return &Node{Val: v, Range: r}, nil
	case yaml.SequenceNode:
		n := &Node{Range: d.at(y.Line, y.Column, 1), Elems: make([]*Node, 0, len(y.Content))}
		vals := make([]cty.Value, 0, len(y.Content))
		for _, c := range y.Content {
			cn, err := d.node(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.Elems = append(n.Elems, cn)
			vals = append(vals, cn.Val)
		}
		n.Val = cty.TupleVal(vals)
		if len(vals) == 0 {
			n.Val = cty.EmptyTupleVal
		}
		return n, nil
	case yaml.MappingNode:
		n := &Node{Range: d.at(y.Line, y.Column, 1)}
		var ms Members
		attrs := map[string]cty.Value{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, vy := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				return nil, errors.New("only scalar mapping keys are supported (no merge keys)")
			}
			cn, err := d.node(vy, depth+1)
			if err != nil {
				return nil, err
			}
			cn.SetNameRange(d.at(k.Line, k.Column, len(k.Value)))
			ms.Set(k.Value, cn)
			attrs[k.Value] = cn.Val
		}
		ms.Into(n)
		n.Val = cty.ObjectVal(attrs)
		if len(attrs) == 0 {
			n.Val = cty.EmptyObjectVal
		}
		return n, nil
	}
	return nil, fmt.Errorf("unsupported YAML node kind %d", y.Kind)
}

// yamlScalar is the value of a scalar by its resolved tag.
func yamlScalar(y *yaml.Node) (cty.Value, error) {
	switch y.ShortTag() {
	case "!!null":
		return cty.NullVal(cty.DynamicPseudoType), nil
	case "!!bool":
		var b bool
		if err := y.Decode(&b); err != nil {
			return cty.NilVal, err
		}
		return cty.BoolVal(b), nil
	case "!!int", "!!float":
		var f float64
		if err := y.Decode(&f); err != nil {
			return cty.NilVal, err
		}
		if v, err := cty.ParseNumberVal(y.Value); err == nil {
			return v, nil
		}
		return cty.NumberFloatVal(f), nil
	}
	return cty.StringVal(y.Value), nil
}
