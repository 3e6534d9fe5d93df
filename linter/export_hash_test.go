package linter

// SetHashMask sets the mask ANDed with the hashes that number findings and
// resource positions (hashnum), and returns a function that restores it: 0
// makes every key collide with the first of its numbering.
func SetHashMask(m uint64) (restore func()) {
	old := hashMask
	hashMask = m
	return func() { hashMask = old }
}
