package plan

import "hash/maphash"

// seenIndex finds the changes read so far by instance (loader.seenChange).
// It is keyed by a hash of the instance's address and deposed key, not by
// the two strings: a map of instanceKey held 95 bytes a change (1,000,000
// of them in a plan of as many resources, most of which planned_values
// lists again), one of 64-bit hashes about a quarter of that. The change a
// hash leads to is checked; the rare instances whose hash another one has
// already (or put with a change of another key) are kept by their key in
// more.
type seenIndex struct {
	seed   maphash.Seed
	byHash map[uint64]*Change
	more   map[instanceKey]*Change // the instances whose hash leads to another's change
}

func newSeenIndex(n int) *seenIndex {
	return &seenIndex{seed: maphash.MakeSeed(), byHash: make(map[uint64]*Change, n)}
}

func (x *seenIndex) hash(key instanceKey) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	h.WriteString(key.address)
	h.WriteByte(0)
	h.WriteString(key.deposed)
	return h.Sum64() & seenHashMask
}

// seenHashMask is what of the hash seenIndex keys by (0 in a test: every
// instance's hash collides).
var seenHashMask = ^uint64(0)

// get returns the change of key, nil when none was put.
func (x *seenIndex) get(key instanceKey) *Change {
	if c, ok := x.more[key]; ok {
		return c
	}
	if c := x.byHash[x.hash(key)]; c != nil && c.Address == key.address && c.Deposed() == key.deposed {
		return c
	}
	return nil
}

// put makes c the change of key (replacing the one put before, if any),
// and returns that one (nil when none: what get returned before).
// byHash holds only changes put by their own key (their Address and
// Deposed), which get checks; a change put by another key, or whose key's
// hash leads to another change, is in more.
func (x *seenIndex) put(key instanceKey, c *Change) (prev *Change) {
	h := x.hash(key)
	old := x.byHash[h]
	oldOwn := old != nil && old.Address == key.address && old.Deposed() == key.deposed
	if m, ok := x.more[key]; ok {
		prev = m
	} else if oldOwn {
		prev = old
	}
	if own := c.Address == key.address && c.Deposed() == key.deposed; own {
		if old == nil || oldOwn {
			x.byHash[h] = c
			delete(x.more, key)
			return prev
		}
	}
	if x.more == nil {
		x.more = map[instanceKey]*Change{}
	}
	x.more[key] = c
	return prev
}
