package rules

import (
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// expandCache memoizes expandPattern by trimmed pattern, as written and
// lower-case. Patterns repeat a lot across documents and rules (s3:Get*,
// iam:PassRole, *), and expanding "*"-heavy patterns walks the whole catalog.
// A set is at most about 2.8 KB (awsdata.Set), where a list of the actions
// was up to 176 KB: maxMemo sets hold at most about 180 MB, and past
// maxMemo patterns sets are kept while they add up to maxMemoBytes. 100,000
// distinct "*x*y*z*w*" (sets of 980 bytes on average) are all kept: past
// maxMemo, each rule that asked expanded the pattern again.
var expandCache = textMemo[awsdata.Set]{size: awsdata.Set.Size}

// expandPattern returns the catalog actions an action pattern matches,
// case-insensitively ("s3:Get*", "iam:Pass*", "*", "IAM:passrole"). nil when
// nothing matches. The result is shared and read-only.
func expandPattern(pattern string) awsdata.Set {
	if len(pattern) > maxActionPattern && !hasWildcard(pattern) {
		return awsdata.Set{} // longer than any action name (a 100 MB value): not copied or cached
	}
	if !hasWildcard(pattern) && !awsdata.HasAction(pattern) {
		// Not an action, and no pattern: nothing, told without the memo (a
		// policy of a million distinct unknown actions kept each twice,
		// as written and lowered: 40% of its rules' time was in the map).
		return awsdata.Set{}
	}
	return expandCache.get(pattern, func(key string) awsdata.Set {
		return expandCache.getShared(strings.ToLower(key), awsdata.ExpandSet)
	})
}

// maxActionPattern is longer than any AWS action name with its service prefix.
const maxActionPattern = 256

// expandValue expands a known action value; unknown values expand to nothing.
func expandValue(v iam.Value) awsdata.Set {
	if !v.Known {
		return awsdata.Set{}
	}
	return expandPattern(v.Text)
}

// servicePart returns the lower-case service prefix of an action pattern, and
// whether it is a plain prefix (no wildcard) known to the catalog.
func servicePart(pattern string) (svc string, known bool) {
	svc, _, ok := strings.Cut(strings.ToLower(pattern), ":")
	if !ok || svc == "" || hasWildcard(svc) {
		return svc, false
	}
	_, known = awsdata.LookupService(svc)
	return svc, known
}

// catalogQuirks lists (lower-case) actions whose catalog entry names a
// resource type although, in practice, the action is only ever granted on
// Resource "*" and the rules must treat it as resource-less (RULES.md:
// cloudwatch:PutMetricData never fires wildcard-resource).
var catalogQuirks = map[string]bool{
	"cloudwatch:putmetricdata": true,
}

// scopableWriteAction reports whether a catalog action can be scoped to
// resources and changes something: Write, Permissions management or Tagging.
func scopableWriteAction(a *awsdata.Action) bool {
	if a == nil || !a.ResourceLevel() {
		return false
	}
	switch a.AccessLevel {
	case awsdata.Write, awsdata.PermissionsManagement, awsdata.Tagging:
	default:
		return false
	}
	for q := range catalogQuirks {
		svc, name, _ := strings.Cut(q, ":")
		if strings.EqualFold(a.Service.Prefix, svc) && strings.EqualFold(a.Name, name) {
			return false
		}
	}
	return true
}

// coversService reports, for the services an action pattern touches, the
// ones whose every action it matches ("iam:*", "IAM:*", "s3*:*" covers s3 and
// s3express; "s3:*Object*" covers none). "*" and "*:*" cover every service
// and are reported by wildcard-action, not here.
func coversService(pattern string) []string {
	if len(pattern) > maxActionPattern {
		return coversServiceUncached(pattern)
	}
	if v, ok := coversCache.Load(pattern); ok {
		return v.([]string)
	}
	out := coversServiceUncached(pattern)
	if out == nil && !hasWildcard(pattern) {
		// A name covers nothing unless it is its service's one action:
		// not kept (the map kept each of a million distinct unknown
		// actions, unbounded), it is looked up again, without the memo.
		return nil
	}
	coversCache.Store(pattern, out)
	return out
}

// coversCache memoizes coversService by pattern text as written (the
// result is shared and read-only).
var coversCache sync.Map // string -> []string

func coversServiceUncached(pattern string) []string {
	acts := expandPattern(pattern)
	if acts.Len() == 0 {
		return nil
	}
	var out []string
	for _, s := range acts.Covers() {
		out = append(out, s.Prefix)
	}
	return out
}

// lookupAction returns the catalog spelling ("s3:GetObject") of a
// case-insensitive action name without wildcards.
func lookupAction(name string) (string, bool) {
	a, ok := awsdata.LookupAction(name)
	if !ok {
		return "", false
	}
	return a.FullName(), true
}
