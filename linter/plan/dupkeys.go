package plan

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// Duplicate keys. Terraform never writes one in a plan: a second "after"
// in a change, a second "resource_changes", a second key of an "after"
// value mean a plan edited by hand or made by another tool, and which
// value counts is up to the reader (a reviewer's tool may read the first,
// iamlint read the last, in silence). Each is a notice at the second key,
// as a duplicate key in policy JSON is (iam: "Duplicate key in policy
// JSON"). Checked: the members of the plan object, of planned_values and
// prior_state and their modules and resources, of each resource change
// and its change object that iamlint reads, and every key of the values
// of after (and of planned_values' and prior_state's values) at their top
// level; the keys of nested values, when their body is built (dupNested).

// maxDupNotices bounds the duplicate-key notices of one loader.
const maxDupNotices = 10

// dupKey records the notice of the duplicate key k, at [ks, ke).
func (l *loader) dupKey(ks, ke int, k string) {
	if l.dupCount >= maxDupNotices {
		return
	}
	l.dupCount++
	rng := l.s.rng(ks, ke)
	l.dupDiags = append(l.dupDiags, dupDiag(k, rng))
}

func dupDiag(k string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Duplicate key in plan JSON",
		Detail: fmt.Sprintf("The key %q appears more than once in this object: JSON does not say which value counts, and Terraform never writes a duplicate key. "+
			"The plan was edited by hand or made by another tool: check that it is the output of terraform show -json.", k),
		Subject: &rng}
}

// keyBits marks the members of one object that iamlint reads, by a bit
// each (the caller's bit of k; 0 for a key not followed).
type keyBits uint32

// see records bit and the key at [ks, ke), a notice when it was seen.
func (b *keyBits) see(l *loader, bit keyBits, ks, ke int, k string) {
	if bit == 0 {
		return
	}
	if *b&bit != 0 {
		l.dupKey(ks, ke, k)
	}
	*b |= bit
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
