package iam

// CopyAt returns a deep copy of d whose every range (of the document, its
// statements, elements, values and words) that is set is r. It is for a document whose
// ranges are all one (parsed with a FixedMapper: an AWS managed policy,
// every range of which is the attachment's): the copy is what parsing the
// same text at r builds, for the cost of the copy (package extract parses
// each managed policy once, and copies it for each attachment). Related is
// not copied (nil); Merged statements are.
func (d *Document) CopyAt(r Range) *Document {
	c := *d
	c.Related = nil
	c.Range = at(d.Range, r)
	c.version.Range = at(d.version.Range, r)
	c.Statements = copyStatementsAt(d.Statements, r)
	if d.Extra != nil {
		x := *d.Extra
		x.Merged = copyStatementsAt(x.Merged, r)
		x.Unrecognized = copyValuesAt(x.Unrecognized, r)
		x.Malformed = copyValuesAt(x.Malformed, r)
		x.ParseErrors = copyValuesAt(x.ParseErrors, r)
		c.Extra = &x
	}
	return &c
}

// at is r, or the zero Range for old zero (an element that is not
// present, a word not set).
func at(old, r Range) Range {
	if old == (Range{}) {
		return old
	}
	return r
}

// copyStatementsAt copies the statements ss (CopyAt), in one allocation.
func copyStatementsAt(ss []*Statement, r Range) []*Statement {
	if ss == nil {
		return nil
	}
	out := make([]*Statement, len(ss))
	all := make([]Statement, len(ss))
	for i, s := range ss {
		if s == nil {
			continue
		}
		c := &all[i]
		*c = *s
		c.Actions = copyValuesAt(s.Actions, r)
		c.Resources = copyValuesAt(s.Resources, r)
		c.Action.Range, c.Resource.Range = at(s.Action.Range, r), at(s.Resource.Range, r)
		c.effect.Range, c.sid.Range = at(s.effect.Range, r), at(s.sid.Range, r)
		c.Range = at(s.Range, r)
		if s.Scope != nil {
			sc := *s.Scope
			sc.Principals = copyPrincipalsAt(sc.Principals, r)
			if sc.Conditions != nil {
				sc.Conditions = make([]Condition, len(s.Scope.Conditions))
				for j, cd := range s.Scope.Conditions {
					cd.Operator.Range, cd.Key.Range = at(cd.Operator.Range, r), at(cd.Key.Range, r)
					cd.Values = copyValuesAt(cd.Values, r)
					sc.Conditions[j] = cd
				}
			}
			sc.Principal.Range, sc.Condition.Range = at(sc.Principal.Range, r), at(sc.Condition.Range, r)
			c.Scope = &sc
		}
		if s.Extra != nil {
			x := *s.Extra
			x.NotActions = copyValuesAt(x.NotActions, r)
			x.NotResources = copyValuesAt(x.NotResources, r)
			x.NotPrincipals = copyPrincipalsAt(x.NotPrincipals, r)
			x.NotAction.Range, x.NotResource.Range, x.NotPrincipal.Range = at(x.NotAction.Range, r), at(x.NotResource.Range, r), at(x.NotPrincipal.Range, r)
			x.Unrecognized = copyValuesAt(x.Unrecognized, r)
			x.sid.Range = at(x.sid.Range, r)
			c.Extra = &x
		}
		out[i] = c
	}
	return out
}

// copyValuesAt copies vs with every range r (nil stays nil).
func copyValuesAt(vs []Value, r Range) []Value {
	if vs == nil {
		return nil
	}
	out := make([]Value, len(vs))
	for i, v := range vs {
		v.Range = at(v.Range, r)
		out[i] = v
	}
	return out
}

// copyPrincipalsAt copies ps with every range r (nil stays nil).
func copyPrincipalsAt(ps []Principal, r Range) []Principal {
	if ps == nil {
		return nil
	}
	out := make([]Principal, len(ps))
	for i, p := range ps {
		p.Type.Range, p.ID.Range = at(p.Type.Range, r), at(p.ID.Range, r)
		out[i] = p
	}
	return out
}
