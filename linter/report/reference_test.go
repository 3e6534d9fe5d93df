package report

import "github.com/iamlint/iamlint/linter"

// The report structs of the findings, as JSON and SARIF built them before
// they wrote findings by hand: the tests encode them with encoding/json and
// compare.

// jsonFindingOf is the report form of a finding.
func jsonFindingOf(f linter.Finding) jsonFinding {
	jf := jsonFinding{
		Rule:        f.Rule,
		Severity:    f.Severity.String(),
		Message:     f.Message,
		File:        f.Range.Filename,
		Line:        f.Range.Start.Line,
		Column:      f.Range.Start.Column,
		EndLine:     f.Range.End.Line,
		EndColumn:   f.Range.End.Column,
		Resource:    f.Resource,
		PolicyKind:  string(f.PolicyKind),
		Fingerprint: f.Fingerprint,
		Related:     []jsonRelated{},
	}
	for _, r := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{File: r.Range.Filename, Line: r.Range.Start.Line, Message: r.Message})
	}
	if s := f.Suppression; s != nil {
		jf.Suppression = &jsonSuppression{Kind: s.Kind, Reason: s.Reason, Expires: s.Expires}
	}
	return jf
}

// sarifResultOf is the result of f; relPath gives file names relative to
// the base directory (Options.relPath).
func sarifResultOf(f linter.Finding, idx map[string]int, relPath func(string) string) sarifResult {
	related, msg := sarifRelated(&f)
	r := sarifResult{
		RuleID:  f.Rule,
		Level:   SARIFLevel(f.Severity),
		Message: sarifMessage{Text: msg},
	}
	if i, ok := idx[f.Rule]; ok {
		r.RuleIndex = &i
	}
	loc := sarifLocation{PhysicalLocation: physical(relPath(f.Range.Filename), f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line, f.Range.End.Column)}
	if f.Resource != "" {
		loc.LogicalLocations = []sarifLogicalLoc{{FullyQualifiedName: f.Resource, Kind: "resource"}}
	}
	r.Locations = []sarifLocation{loc}
	for i, rel := range related {
		l := sarifLocation{ID: i + 1, PhysicalLocation: physical(relPath(rel.Range.Filename), rel.Range.Start.Line, rel.Range.Start.Column, rel.Range.End.Line, rel.Range.End.Column)}
		if rel.Message != "" {
			l.Message = &sarifMessage{Text: rel.Message}
		}
		r.RelatedLocations = append(r.RelatedLocations, l)
	}
	if f.Fingerprint != "" {
		r.PartialFingerprints = map[string]string{"iamlint/v1": f.Fingerprint}
	}
	props := map[string]string{"severity": f.Severity.String()}
	if f.PolicyKind != "" {
		props["policyKind"] = string(f.PolicyKind)
	}
	if f.Resource != "" {
		props["resource"] = f.Resource
	}
	r.Properties = props
	if s := f.Suppression; s != nil {
		kind := "external"
		if s.Kind == "inline" {
			kind = "inSource"
		}
		j := s.Reason
		if s.Expires != "" {
			j += " (expires " + s.Expires + ")"
		}
		r.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: j}}
	}
	return r
}
