// Package hashnum numbers distinct keys in the order they first appear,
// looking them up by a 64-bit hash: the map holds an 8-byte hash per key,
// not the key (keys of strings took 40 to 90 bytes an entry, and their
// lookups read the strings again from all over the heap, on big plans).
// A hash is checked against the key of the first holder of its number, so
// a collision is never a wrong answer: a key whose hash another key took
// (all but never) is numbered by itself, in an exact map.
package hashnum

// Numbers numbers the keys of holders of type H (an index, a reference):
// key gives a holder's key, hash a 64-bit hash of it (equal keys, equal
// hashes).
type Numbers[H any, K comparable] struct {
	hash     func(H) uint64
	key      func(H) K
	byHash   map[uint64]int32
	collided map[K]int32 // keys whose hash another key took
	first    []H         // the first holder of each number
}

// New returns an empty numbering for about size keys.
func New[H any, K comparable](size int, hash func(H) uint64, key func(H) K) *Numbers[H, K] {
	return &Numbers[H, K]{hash: hash, key: key, byHash: make(map[uint64]int32, size), first: make([]H, 0, size)}
}

// Number returns the number of h's key (0, 1, ... in order of first
// appearance) and whether h is the first holder of it (the number is new).
func (n *Numbers[H, K]) Number(h H) (id int32, isNew bool) {
	sum := n.hash(h)
	id, ok := n.byHash[sum]
	if !ok {
		id = int32(len(n.first))
		n.byHash[sum] = id
		n.first = append(n.first, h)
		return id, true
	}
	k := n.key(h)
	if n.key(n.first[id]) == k {
		return id, false
	}
	if id, ok := n.collided[k]; ok {
		return id, false
	}
	if n.collided == nil {
		n.collided = map[K]int32{}
	}
	id = int32(len(n.first))
	n.collided[k] = id
	n.first = append(n.first, h)
	return id, true
}

// Len is the number of distinct keys numbered.
func (n *Numbers[H, K]) Len() int { return len(n.first) }

// First returns the first holder of number id.
func (n *Numbers[H, K]) First(id int32) H { return n.first[id] }
