package rules

import (
	"slices"
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// expandCache memoizes expandPattern by trimmed pattern, as written and
// lower-case. Patterns repeat a lot across documents and rules (s3:Get*,
// iam:PassRole, *), and expanding "*"-heavy patterns walks the whole catalog.
var expandCache textMemo[[]*awsdata.Action]

// expandPattern returns the catalog actions an action pattern matches,
// case-insensitively ("s3:Get*", "iam:Pass*", "*", "IAM:passrole"). nil when
// nothing matches. The result is shared and read-only.
func expandPattern(pattern string) []*awsdata.Action {
	if len(pattern) > maxActionPattern && !hasWildcard(pattern) {
		return nil // longer than any action name (a 100 MB value): not copied or cached
	}
	return expandCache.get(pattern, func(key string) []*awsdata.Action {
		return expandCache.getShared(strings.ToLower(key), expandExact)
	})
}

// expandExact is awsdata.Expand with the result copied to its length when
// its slice has much spare capacity: expandCache keeps up to maxMemo results,
// each up to thousands of actions ("*a*b*c*d*" matches about a fifth of the
// catalog), and the spare half of each grown slice was most of the memory of
// 10,000 such patterns.
func expandExact(pattern string) []*awsdata.Action {
	r := awsdata.Expand(pattern)
	if cap(r)-len(r) > len(r)/8 {
		r = slices.Clone(r)
	}
	return r
}

// maxActionPattern is longer than any AWS action name with its service prefix.
const maxActionPattern = 256

// expandValue expands a known action value; unknown values expand to nothing.
func expandValue(v iam.Value) []*awsdata.Action {
	if !v.Known {
		return nil
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
	coversCache.Store(pattern, out)
	return out
}

// coversCache memoizes coversService by pattern text as written (the
// result is shared and read-only).
var coversCache sync.Map // string -> []string

func coversServiceUncached(pattern string) []string {
	acts := expandPattern(pattern)
	if len(acts) == 0 {
		return nil
	}
	// Expand returns actions in catalog order, so a service's actions are
	// one run: counted per run, not with a map increment per action (a
	// pattern like "*a*b*c*d*" matches thousands). count still adds up runs
	// of a service that come apart.
	count := map[*awsdata.Service]int{}
	var order []*awsdata.Service
	for i := 0; i < len(acts); {
		svc := acts[i].Service
		j := i + 1
		for j < len(acts) && acts[j].Service == svc {
			j++
		}
		if count[svc] == 0 {
			order = append(order, svc)
		}
		count[svc] += j - i
		i = j
	}
	var out []string
	for _, s := range order {
		if count[s] == len(s.Actions) {
			out = append(out, s.Prefix)
		}
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
