package extract

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// at is a one-line range in main.tf at line:col, n characters long.
func at(line, col, n int) hcl.Range {
	return hcl.Range{Filename: "main.tf",
		Start: hcl.Pos{Line: line, Column: col, Byte: line*100 + col},
		End:   hcl.Pos{Line: line, Column: col + n, Byte: line*100 + col + n}}
}

func str(s string, r hcl.Range) *eval.Node { return &eval.Node{Val: cty.StringVal(s), Range: r} }

func unknown(r hcl.Range) *eval.Node { return &eval.Node{Val: cty.DynamicVal, Range: r} }

func list(r hcl.Range, elems ...*eval.Node) *eval.Node {
	vals := make([]cty.Value, len(elems))
	for i, e := range elems {
		vals[i] = e.Val
	}
	return &eval.Node{Val: cty.TupleVal(vals), Range: r, Elems: elems}
}

// strs is a list of strings, each on line at successive columns.
func strs(line, col int, ss ...string) *eval.Node {
	var elems []*eval.Node
	c := col + 1
	for _, s := range ss {
		elems = append(elems, str(s, at(line, c, len(s)+2)))
		c += len(s) + 4
	}
	return list(at(line, col, c-col), elems...)
}

// kv is an attribute: name at name range, value node.
type kv struct {
	k    string
	name hcl.Range
	v    *eval.Node
}

func a(k string, name hcl.Range, v *eval.Node) kv { return kv{k, name, v} }

// obj builds an object or block body node from attributes in order.
func obj(r hcl.Range, kvs ...kv) *eval.Node {
	n := &eval.Node{Range: r}
	var ms eval.Members
	vals := map[string]cty.Value{}
	for _, x := range kvs {
		c := *x.v
		c.SetNameRange(x.name)
		ms.Set(x.k, &c)
		vals[x.k] = c.Val
	}
	ms.Into(n)
	n.Val = cty.ObjectVal(vals)
	return n
}

// blocks is a nested block type node: the blocks, with header ranges.
func blocks(elems ...*eval.Node) *eval.Node {
	n := list(elems[0].Range, elems...)
	n.SetNameRange(elems[0].NameRange())
	return n
}

// blk is a nested block with its type keyword at name.
func blk(name hcl.Range, r hcl.Range, kvs ...kv) *eval.Node {
	n := obj(r, kvs...)
	n.SetNameRange(name)
	return n
}

func resource(typ, name string, body *eval.Node) *eval.Block {
	return &eval.Block{Mode: "resource", Type: typ, Name: name, Address: typ + "." + name, Range: body.Range, Body: body}
}

func data(typ, name string, body *eval.Node) *eval.Block {
	return &eval.Block{Mode: "data", Type: typ, Name: name, Address: "data." + typ + "." + name, Range: body.Range, Body: body}
}

func result(bs ...*eval.Block) *eval.Result {
	m := &eval.Module{}
	for _, b := range bs {
		b.Module = m
		m.Blocks = append(m.Blocks, b)
	}
	return &eval.Result{Modules: []*eval.Module{m}}
}
