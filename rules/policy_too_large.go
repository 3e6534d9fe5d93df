package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// PolicyTooLarge fires on a policy over the AWS size quota, counted without
// white space: a customer managed policy over 6,144 characters, a role trust
// policy over 2,048 (default quota), and a principal whose inline policies
// together exceed 2,048 (user), 5,120 (group) or 10,240 (role) characters.
var PolicyTooLarge = &linter.Rule{
	ID:       "policy-too-large",
	Title:    "policy over the AWS size quota",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `IAM refuses a policy over its size quota (LimitExceeded) at apply time, after review and ` +
			`plan: managed policies hold 6,144 characters, a role's trust policy 2,048 by default, and ` +
			`the inline policies of a user, group or role together 2,048, 5,120 and 10,240 characters ` +
			`(white space is not counted). A deployment that fails half-way leaves IAM in a mixed state.`,
		Fix: `Split the policy into several managed policies (up to 10 per principal by default, 20 on ` +
			`request), use wildcards that still name only the intended actions ("s3:Get*Tagging"), ` +
			`merge statements with the same Effect/Resource, or ask for a trust policy quota increase.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
		},
	},
	Check: checkPolicyTooLarge,
}

// Size quotas, in characters without white space.
const (
	quotaManaged    = 6144
	quotaTrust      = 2048
	quotaInlineUser = 2048
	quotaInlineGrp  = 5120
	quotaInlineRole = 10240
)

func checkPolicyTooLarge(p *linter.Pass) {
	g := graph(p)
	// Customer managed policies: aws_iam_policy documents, and the policy
	// documents that attached aws_iam_policy blocks consume. The set is
	// made only when an identity document over the quota may need it
	// (most models have none: a set of every attached document each run).
	var managed map[*iam.Document]bool
	documents(p.Model, func(d *iam.Document) {
		if managed == nil && d.Size > quotaManaged && d.Kind == iam.Identity && d.ResourceType != "aws_iam_policy" {
			managed = managedDocs(g)
		}
	})
	documents(p.Model, func(d *iam.Document) {
		switch {
		case d.Size > quotaManaged && d.Kind == iam.Identity && (d.ResourceType == "aws_iam_policy" || managed[d]):
			p.ReportDoc(d, d.Range.HCL(), 0, "managed policy is %d characters without white space, over the AWS quota of %d", d.Size, quotaManaged)
		case d.Size > quotaTrust && d.Kind == iam.Trust:
			p.ReportDoc(d, d.Range.HCL(), 0, "trust policy is %d characters without white space, over the default AWS quota of %d (it can be raised to 4,096)", d.Size, quotaTrust)
		}
	})
	// Per principal: the total size, and its inline policies (indexes in
	// g.Inline) with their sizes; their related locations are written only
	// for the principals over the quota (a plan has hundreds of thousands of
	// inline policies, few of them on such a principal).
	// The totals first (a number per principal, in order of first
	// appearance), then the inline policies of the principals over
	// their quota only (listing every principal's grew a list each).
	// The totals are a number a principal, the inline policies listed in
	// a map of the principals over their quota: a total of 40 bytes with
	// its list, grown by doubling, was 10-14 MB on a 200 MB plan of 100,000
	// principals, held while the rules' findings were (the run's peak).
	type inline struct {
		i    int
		size int
	}
	sizeOf := func(ip *iam.InlinePolicy) int {
		size := 0
		for _, d := range ip.Documents {
			if d != nil && d.Size > size {
				size = d.Size // the largest variant
			}
		}
		return size
	}
	num := make(map[*iam.Entity]int32, len(g.Inline))
	var totals []int
	var order []*iam.Entity
	for _, ip := range g.Inline {
		if ip == nil || ip.Principal == nil {
			continue
		}
		k, ok := num[ip.Principal]
		if !ok {
			k = int32(len(totals))
			num[ip.Principal] = k
			totals = append(totals, 0)
			order = append(order, ip.Principal)
		}
		totals[k] += sizeOf(ip)
	}
	quotaOf := func(e *iam.Entity) int {
		switch e.Kind {
		case iam.User:
			return quotaInlineUser
		case iam.Group:
			return quotaInlineGrp
		case iam.Role:
			return quotaInlineRole
		}
		return 0
	}
	// Only the principals over their quota are sorted (the order of a
	// subsequence under a stable sort is its order in the whole).
	over := order[:0]
	ips := map[int32][]inline{} // of the principals over their quota, by number
	for k, e := range order {
		// (Every principal of order has an inline policy.)
		if q := quotaOf(e); q > 0 && totals[k] > q {
			over = append(over, e)
			ips[int32(k)] = nil
		}
	}
	order = over
	if len(order) == 0 {
		return
	}
	for i, ip := range g.Inline {
		if ip == nil || ip.Principal == nil {
			continue
		}
		k := num[ip.Principal]
		if list, over := ips[k]; over {
			ips[k] = append(list, inline{i, sizeOf(ip)})
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].Address < order[j].Address })
	for _, e := range order {
		k := num[e]
		quota := quotaOf(e)
		rel := make([]iam.Related, 0, len(ips[k])+len(e.Related))
		for _, x := range ips[k] {
			ip := g.Inline[x.i]
			rel = append(rel, iam.Related{Range: ip.Range.HCL(), Message: fmt.Sprintf("inline policy %s: %d characters", ip.Address, x.size)})
		}
		rng, addr := e.Range.HCL(), e.Address
		if e.External || addr == "" {
			rng = rel[0].Range
		}
		p.Report(linter.Finding{
			Message: fmt.Sprintf("the inline policies of %s total %d characters without white space, over the AWS quota of %d for a %s",
				entityName(e), totals[k], quota, e.Kind),
			Range:      rng,
			Resource:   addr,
			PolicyKind: iam.Identity,
			Related:    append(rel, e.Related...),
		})
	}
}

// managedDocs returns the customer managed policies of g: the documents of
// attachments, and the documents an aws_iam_policy uses.
func managedDocs(g *iam.Graph) map[*iam.Document]bool {
	managed := map[*iam.Document]bool{}
	for _, a := range g.Attachments {
		for _, d := range a.Policies {
			managed[d] = true
		}
	}
	// A document an aws_iam_policy uses is a managed policy whether or not
	// anything attaches it: AWS refuses to create it over the quota.
	for d, consumers := range g.Consumers {
		for _, c := range consumers {
			if strings.Contains(c, "aws_iam_policy.") && !strings.Contains(c, "aws_iam_policy_") {
				managed[d] = true
			}
		}
	}
	return managed
}
