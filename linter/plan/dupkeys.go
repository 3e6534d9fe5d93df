package plan

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// Duplicate keys. Terraform never writes one in a plan: a second "after"
// in a change, a second "resource_changes", a second key of an "after"
// value mean a plan edited by hand or made by another tool, and which
// value counts is up to the reader (a reviewer's tool may read the first).
// iamlint reads the last one, as most JSON readers do (jq, Python), and
// never both joined (two "actions" lists, two "resource_changes" arrays):
// each duplicate is a notice at the second key that says so, as a
// duplicate key in policy JSON is (iam: "Duplicate key in policy JSON").
//
// Checked: the members of the plan object, of planned_values and
// prior_state and their modules and resources, of each resource change
// and its change object and of each element of deferred_changes that
// iamlint reads, and every key of the values of after (and of
// planned_values' and prior_state's values) at their top level, all by
// the pass; and every key below, and of before and after_unknown, as
// their values are built (scanner.dupKey, keyCheck): by the pass for
// variables and the resources of planned_values and prior_state, by the
// builders of the changes' values (bodies.go) for the others, and by
// Stream for those it builds (a lazy load), which add them to the plan's
// notices (After.Diags) in plan order. Values nothing reads (the blocks
// Options.Relevant leaves out, the attributes Options.Unread names) are
// skipped, their keys too. So are the marks of sensitive values
// (after_sensitive, before_sensitive, sensitive_values, output_changes,
// the sensitive variables and outputs of the configuration), read only
// to hide text: a value that any of a key's marks hides stays hidden,
// whatever the last one says (the safe side; no value is read from them).
// In the configuration section, the keys of the objects read for what a
// resource sets and references (config.go) are checked.

// maxDupNotices bounds the duplicate-key notices of one plan.
const maxDupNotices = 10

// dupKey records the notice of the duplicate key k, at [ks, ke).
func (l *loader) dupKey(ks, ke int, k string) {
	l.addDup(dupDiag(k, l.s.rng(ks, ke)))
}

// addDup records the duplicate-key notice d, unless the loader has
// maxDupNotices already or one at the same key (a value built twice: a
// before shared with after, a stream run again). It reports whether d is
// recorded.
func (l *loader) addDup(d *hcl.Diagnostic) bool {
	if len(l.dupDiags) >= maxDupNotices {
		return false
	}
	for _, o := range l.dupDiags {
		if o.Subject.Start.Byte == d.Subject.Start.Byte {
			return false
		}
	}
	l.dupDiags = append(l.dupDiags, d)
	return true
}

func dupDiag(k string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Duplicate key in plan JSON",
		Detail: fmt.Sprintf("The key %q appears more than once in this object; iamlint uses the last one (JSON does not say which value counts: another tool may read the first, or both), and Terraform never writes a duplicate key. "+
			"The plan was edited by hand or made by another tool: check that it is the output of terraform show -json.", k),
		Subject: &rng}
}

// dupKey records, in the scanner's notices (at most maxDupNotices: its
// owner gives them to the loader), the notice of the duplicate key k at
// [ks, ke) of a value being built.
func (s *scanner) dupKey(ks, ke int, k string) {
	if len(s.dups) < maxDupNotices {
		s.dups = append(s.dups, dupDiag(k, s.rng(ks, ke)))
	}
}

// keyCheck finds the duplicate keys of one object as its members are
// read, given the keys of the members read before each one (member,
// attr). Terraform writes the keys of a value sorted, so while they are,
// one comparison with the previous key says a key is new; from the first
// key out of order on, they are in a map. Its zero value is ready.
type keyCheck struct {
	seen map[string]struct{}
}

// member checks the key k at [ks, ke) of an object whose members before
// it are ms (objectValue's); it reports whether k is one of theirs (then
// its notice is recorded).
func (c *keyCheck) member(s *scanner, ms []member, k string, ks, ke int) bool {
	return checkKey(c, s, ms, memberKey, k, ks, ke)
}

// attr is member for the members of an after_unknown object (unknowns).
func (c *keyCheck) attr(s *scanner, as []unknownAttr, k string, ks, ke int) bool {
	return checkKey(c, s, as, attrKey, k, ks, ke)
}

func memberKey(m member) string    { return m.key }
func attrKey(a unknownAttr) string { return a.key }

// checkKey is member and attr, for the members before of either kind,
// whose keys keyOf gives.
func checkKey[T any](c *keyCheck, s *scanner, before []T, keyOf func(T) string, k string, ks, ke int) bool {
	if c.seen == nil {
		if len(before) == 0 || k > keyOf(before[len(before)-1]) {
			return false
		}
		c.seen = make(map[string]struct{}, len(before)+1)
		for _, b := range before {
			c.seen[keyOf(b)] = struct{}{}
		}
	}
	return c.add(s, k, ks, ke)
}

func (c *keyCheck) add(s *scanner, k string, ks, ke int) bool {
	if _, dup := c.seen[k]; dup {
		s.dupKey(ks, ke, k)
		return true
	}
	c.seen[k] = struct{}{}
	return false
}

// objectKeys is object for an object whose keys are not sorted (the
// configuration section: Terraform writes its objects' members in the
// order of its structs): each key is checked against those before it (on
// the scanner's stack of keys, then in a map from maxScannedKeys on), a
// duplicate is a notice, and fn is told it (dup).
func (s *scanner) objectKeys(i int, fn func(k string, ks, ke, v int, dup bool) int) int {
	base := len(s.keys)
	var seen map[string]struct{}
	end := s.object(i, func(k string, ks, ke, v int) int {
		keys := s.keys[base:]
		var dup bool
		switch {
		case seen != nil:
			_, dup = seen[k]
		case len(keys) < maxScannedKeys:
			dup = slices.Contains(keys, k)
		default:
			seen = make(map[string]struct{}, 2*len(keys))
			for _, x := range keys {
				seen[x] = struct{}{}
			}
			_, dup = seen[k]
		}
		if dup {
			s.dupKey(ks, ke, k)
		} else {
			s.keys = append(s.keys, k)
			if seen != nil {
				seen[k] = struct{}{}
			}
		}
		return fn(k, ks, ke, v, dup)
	})
	clear(s.keys[base:])
	s.keys = s.keys[:base]
	return end
}

// maxScannedKeys is the number of keys of an object from which objectKeys
// looks them up in a map.
const maxScannedKeys = 16

// keyBits marks the members of one object that iamlint reads, by a bit
// each (the caller's bit of k; 0 for a key not followed).
type keyBits uint32

// see records bit and the key at [ks, ke), a notice when it was seen
// (then it reports true).
func (b *keyBits) see(l *loader, bit keyBits, ks, ke int, k string) bool {
	if bit == 0 {
		return false
	}
	dup := *b&bit != 0
	if dup {
		l.dupKey(ks, ke, k)
	}
	*b |= bit
	return dup
}

// sortedDup checks the key k of the object at obj, whose members read
// before it are before (in order): Terraform writes the keys of a value
// sorted, so one comparison with the previous key says k is new. From the
// first key out of order on, the object's keys are in a map (the loader's
// scratch, for one object at a time).
func (l *loader) sortedDup(obj int, before []keyOff, k string, ks, ke int) {
	if len(before) == 0 {
		if l.keysObj == obj {
			l.keysObj = 0 // the object read again: its keys anew
		}
		return
	}
	if l.keysObj != obj {
		if k > before[len(before)-1].key {
			return
		}
		if l.keys == nil {
			l.keys = map[string]struct{}{}
		}
		clear(l.keys)
		for _, m := range before {
			l.keys[m.key] = struct{}{}
		}
		l.keysObj = obj
	}
	if _, ok := l.keys[k]; ok {
		l.dupKey(ks, ke, k)
		return
	}
	l.keys[k] = struct{}{}
}

// changeKeyBit is the bit of a member of a resource change object that
// iamlint reads (readChange), 0 for another.
func changeKeyBit(k string) keyBits {
	switch k {
	case "address":
		return 1 << 0
	case "previous_address":
		return 1 << 1
	case "module_address":
		return 1 << 2
	case "mode":
		return 1 << 3
	case "type":
		return 1 << 4
	case "name":
		return 1 << 5
	case "deposed":
		return 1 << 6
	case "deposed_key":
		return 1 << 7
	case "action_reason":
		return 1 << 8
	case "change":
		return 1 << 9
	case "index":
		return 1 << 10
	}
	return 0
}

// changeValueBit is the bit of a member of a change object (readChange).
func changeValueBit(k string) keyBits {
	switch k {
	case "actions":
		return 1 << 0
	case "before":
		return 1 << 1
	case "after":
		return 1 << 2
	case "after_unknown":
		return 1 << 3
	case "after_sensitive":
		return 1 << 4
	case "before_sensitive":
		return 1 << 5
	}
	return 0
}

// stateKeyBit is the bit of a member of the objects of planned_values and
// prior_state that iamlint reads (modules, resources), 0 for another.
func stateKeyBit(k string) keyBits {
	switch k {
	case "root_module":
		return 1 << 0
	case "outputs":
		return 1 << 1
	case "values":
		return 1 << 2
	case "address":
		return 1 << 3
	case "resources":
		return 1 << 4
	case "child_modules":
		return 1 << 5
	case "sensitive_values":
		return 1 << 6
	case "deposed_key":
		return 1 << 7
	}
	return 0
}
