package plan

import (
	"fmt"
	"hash/maphash"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/textpos"
)

// Duplicate addresses. Terraform lists each resource instance object once
// in resource_changes, and once in the resources of planned_values and of
// prior_state; an address given twice there means a plan edited by hand
// or joined from several. Nothing is dropped for it: every entry of
// resource_changes is linted (each one a block of its own, its findings at
// its own text), and so is every entry of planned_values for an instance
// that resource_changes does not list (the first one was linted, the
// others dropped in silence: a second entry could hide a policy). The
// entries of planned_values for an instance of resource_changes are not
// read (the change's values count), nor those of prior_state past the
// first (the before value of the change). Each address listed more than
// once in one of the three is one notice, at its second entry, that says
// how many times and where the first is: at most maxDupNotices of them a
// plan, the last one saying how many more there are. An instance is its
// address and deposed key (a deposed object shares its address with the
// current one).
//
// The changes are found by the index seenChange makes of them (a hash per
// change, made for every plan after the pass); the resources of
// planned_values and prior_state by a hash each, in dupPending. Memory is
// per address, never per value. Terraform 0.12 wrote the instances of a
// resource with count or for_each in planned_values and prior_state under
// one address (the resource's), each with its key as "index": the loader
// adds the key to the address (stateRecord, withIndex), so they are
// different instances, each read, and the same "index" twice is a
// duplicate.

// addrDup is an address listed more than once in one section.
type addrDup struct {
	where         string // FromResourceChanges, FromPlannedValues or FromPriorState
	key           instanceKey
	n             int
	first, second hcl.Range // their "address" values
}

// addrDupKey identifies an addrDup.
type addrDupKey struct {
	where string
	key   instanceKey
}

// noteDupAddr records that the entry at second (an address value) of
// where lists key again, the first at first.
func (l *loader) noteDupAddr(where string, key instanceKey, first, second func() hcl.Range) {
	k := addrDupKey{where, key}
	if d := l.addrDups[k]; d != nil {
		d.n++
		return
	}
	if l.addrDups == nil {
		l.addrDups = map[addrDupKey]*addrDup{}
	}
	d := &addrDup{where: where, key: key, n: 2, first: first(), second: second()}
	l.addrDups[k] = d
	l.addrDupList = append(l.addrDupList, d)
}

// indexChanges makes the index of the changes read so far (seenChange),
// noting the instances that resource_changes lists more than once (the
// index keeps the last one).
func (l *loader) indexChanges() {
	l.seen = newSeenIndex(len(l.p.Changes) + len(l.deferredAt))
	for _, c := range l.p.Changes {
		key := instanceKey{c.Address, c.Deposed()}
		if prev := l.seen.put(key, c); prev != nil && c.Source == FromResourceChanges && prev.Source == FromResourceChanges {
			// (prev is the first when the notice is made: at the second.)
			l.noteDupAddr(FromResourceChanges, key, func() hcl.Range { return prev.Range }, func() hcl.Range { return c.Range })
		}
	}
}

// dupPending finds the resources of planned_values and of prior_state
// (pending) whose instance the same section lists before, and returns
// their indexes in pending (nil when there is none). A hash of the
// section, address and deposed key leads to the first resource with it;
// two instances with one hash (never seen: 64 bits) are not told apart,
// and the later is not a duplicate.
func (l *loader) dupPending() map[int]bool {
	if len(l.pending) < 2 {
		return nil
	}
	seed := maphash.MakeSeed()
	firsts := make(map[uint64]int32, len(l.pending))
	var dups map[int]bool
	for i := range l.pending {
		p := &l.pending[i]
		path, deposed := l.pendingPaths[p.path], ""
		if p.deposed {
			deposed = l.pendingDeposed[i]
		}
		var h maphash.Hash
		h.SetSeed(seed)
		if p.prior {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
		writeFullAddress(&h, path, p.address)
		h.WriteByte(0)
		h.WriteString(deposed)
		sum := h.Sum64()
		j, ok := firsts[sum]
		if !ok {
			firsts[sum] = int32(i)
			continue
		}
		q := &l.pending[j]
		qDeposed := ""
		if q.deposed {
			qDeposed = l.pendingDeposed[int(j)]
		}
		a, b := l.stateRes(i), l.stateRes(int(j))
		if q.prior != p.prior || qDeposed != deposed || a.fullAddress() != b.fullAddress() {
			continue // another instance with the same hash
		}
		if dups == nil {
			dups = map[int]bool{}
		}
		dups[i] = true
		where := FromPlannedValues
		if p.prior {
			where = FromPriorState
		}
		l.noteDupAddr(where, instanceKey{a.fullAddress(), deposed},
			func() hcl.Range { return l.addressRange(b.obj) }, func() hcl.Range { return l.addressRange(a.obj) })
	}
	return dups
}

// writeFullAddress writes to h what stateRes.fullAddress returns for a
// resource of address in the module at path, without making it.
func writeFullAddress(h *maphash.Hash, path, address string) {
	if addressHasPath(path, address) {
		h.WriteString(address)
		return
	}
	h.WriteString(path)
	h.WriteByte('.')
	h.WriteString(address)
}

// addressRange returns the range of the "address" member of the resource
// object at obj, as a change's Range is (its first byte when it has none).
func (l *loader) addressRange(obj int) hcl.Range {
	s := l.s
	var f fields
	s.object(obj, func(k string, ks, _, v int) int { return l.field(&f, k, ks, v) })
	if !f.hasAddress {
		return s.rng(obj, obj+1)
	}
	return s.rng(f.addrStart, f.addrEnd)
}

// dupAddrDiags returns the notices of the addresses listed more than once.
func (l *loader) dupAddrDiags() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for i, d := range l.addrDupList {
		if i == maxDupNotices {
			break
		}
		addr := d.key.address
		if d.key.deposed != "" {
			addr += fmt.Sprintf(" (deposed object %s)", d.key.deposed)
		}
		what := "Each entry is linted, and counted, as a resource of its own: its findings are at its own text."
		switch {
		case d.where == FromPriorState:
			what = "The first entry is read (the values before the change); the others are not."
		case d.where == FromPlannedValues && l.seen != nil && l.seenIsChange(d.key):
			what = "The values of resource_changes are linted for it; planned_values' entries are not read."
		}
		more := ""
		if i == maxDupNotices-1 && len(l.addrDupList) > maxDupNotices {
			more = fmt.Sprintf(" %d more addresses are listed more than once (a notice for the first %d only).", len(l.addrDupList)-maxDupNotices, maxDupNotices)
		}
		rng := d.second
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Duplicate resource address",
			Detail: fmt.Sprintf("%s appears %d times in %s (first at %d:%d). Terraform lists each resource instance once: the plan was edited by hand or joined from several plans; check that it is the output of terraform show -json. %s%s",
				addr, d.n, d.where, d.first.Start.Line, textpos.Column(l.s.src, d.first.Start.Byte), what, more),
			Subject: &rng,
		})
	}
	return diags
}

// seenIsChange reports whether key is the instance of a change of
// resource_changes or deferred_changes.
func (l *loader) seenIsChange(key instanceKey) bool {
	c := l.seen.get(key)
	return c != nil && (c.Source == FromResourceChanges || c.Source == FromDeferredChanges)
}
