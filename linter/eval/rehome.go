package eval

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// cliPrefix starts the pseudo file name of a value given on the command line
// (--var NAME=VALUE): "<value for var.NAME>".
const cliPrefix = "<value for var."

// rehomeCLI returns n unchanged unless it is a command-line value: that has
// no file a finding could point at, so a copy located at the reference that
// reads it (rng, the var.NAME in the configuration) is returned instead.
func rehomeCLI(n *Node, rng hcl.Range) *Node {
	if n == nil || !strings.HasPrefix(n.Range.Filename, cliPrefix) {
		return n
	}
	return rehome(n, rng, 0)
}

func rehome(n *Node, rng hcl.Range, depth int) *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Range, c.name, c.Text = rng, nil, nil
	c.SetPartial(nil)
	if depth > MaxNesting {
		c.ClearAttrs()
		c.Elems = nil
		c.SetJSONArg(nil)
		c.SetAlts(nil)
		return &c
	}
	if n.kp != nil {
		c.CopyAttrs()
		for i, v := range c.kids() {
			if v != nil {
				c.kids()[i] = rehome(v, rng, depth+1)
			}
		}
	}
	if n.Elems != nil {
		c.Elems = make([]*Node, len(n.Elems))
		for i, v := range n.Elems {
			c.Elems[i] = rehome(v, rng, depth+1)
		}
	}
	if alts := n.Alts(); alts != nil {
		calts := make([]*Node, len(alts))
		for i, v := range alts {
			calts[i] = rehome(v, rng, depth+1)
		}
		c.SetAltsOf(n, calts)
	}
	c.SetJSONArg(rehome(n.JSONArg(), rng, depth+1))
	return &c
}
