package eval

// testObj returns an object node whose members are m's, under keys (in
// that order, each a key of m).
func testObj(keys []string, m map[string]*Node) *Node {
	kids := make([]*Node, len(keys))
	for i, k := range keys {
		kids[i] = m[k]
	}
	n := &Node{}
	n.SetAttrs(keys, kids)
	return n
}
