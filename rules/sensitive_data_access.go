package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// SensitiveDataAccess fires on a grant, on every resource, of actions that
// read secrets or data or hand out credentials (Cloudsplaining's credentials
// exposure and data exfiltration sets, plus kms:Decrypt and DynamoDB reads).
// Patterns and service wildcards count for the sensitive actions they match;
// "*" is left to wildcard-action, which already reports every action.
var SensitiveDataAccess = &linter.Rule{
	ID:       "sensitive-data-access",
	Title:    "read access to secrets or data on every resource",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `Some actions return secrets, credentials or bulk data: secretsmanager:GetSecretValue, ` +
			`ssm:GetParameter*, kms:Decrypt, s3:GetObject, dynamodb:Scan/Query, ec2:GetPasswordData, ` +
			`redshift:GetClusterCredentials, sts:AssumeRole, iam:CreateAccessKey, ... Granted on "*" ` +
			`they reach every secret, key, bucket and table of the account, including those of other ` +
			`workloads: one leaked credential exposes everything (credentials exposure, data exfiltration).`,
		Fix: `Scope these actions to the ARNs the workload owns (its secret, its parameter path, its ` +
			`bucket/prefix, its table, its KMS key, the roles it may assume), or add conditions such as ` +
			`aws:ResourceTag or kms:ViaService.`,
		Links: []string{
			"https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/credentials-exposure.md",
			"https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/data-exfiltration.md",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		},
	},
	Check: checkSensitiveDataAccess,
}

// sensitiveActions are the actions (lower case) the rule reports, with what they expose.
var sensitiveActions = map[string]string{
	// data exfiltration
	"s3:getobject":                       "data",
	"s3:getobjectversion":                "data",
	"ssm:getparameter":                   "secrets",
	"ssm:getparameters":                  "secrets",
	"ssm:getparametersbypath":            "secrets",
	"ssm:getparameterhistory":            "secrets",
	"secretsmanager:getsecretvalue":      "secrets",
	"secretsmanager:batchgetsecretvalue": "secrets",
	"kms:decrypt":                        "secrets",
	"dynamodb:scan":                      "data",
	"dynamodb:query":                     "data",
	"dynamodb:getitem":                   "data",
	"dynamodb:batchgetitem":              "data",
	// credentials exposure (ecr:GetAuthorizationToken only accepts "*" and is left out)
	"sts:assumerole":                                      "credentials",
	"sts:assumerolewithsaml":                              "credentials",
	"sts:assumerolewithwebidentity":                       "credentials",
	"sts:getfederationtoken":                              "credentials",
	"iam:createaccesskey":                                 "credentials",
	"iam:updateaccesskey":                                 "credentials",
	"iam:createloginprofile":                              "credentials",
	"iam:updateloginprofile":                              "credentials",
	"iam:createservicespecificcredential":                 "credentials",
	"iam:resetservicespecificcredential":                  "credentials",
	"ec2:getpassworddata":                                 "credentials",
	"redshift:getclustercredentials":                      "credentials",
	"redshift:getclustercredentialswithiam":               "credentials",
	"rds-db:connect":                                      "credentials",
	"lightsail:getinstanceaccessdetails":                  "credentials",
	"lightsail:getrelationaldatabasemasteruserpassword":   "credentials",
	"cognito-identity:getcredentialsforidentity":          "credentials",
	"cognito-identity:getopenidtokenfordeveloperidentity": "credentials",
	"sso:getrolecredentials":                              "credentials",
	"chime:createapikey":                                  "credentials",
	"gamelift:requestuploadcredentials":                   "credentials",
	"codepipeline:pollforjobs":                            "credentials",
	"connect:getfederationtoken":                          "credentials",
	"mediapackage:rotatechannelcredentials":               "credentials",
	"mediapackage:rotateingestendpointcredentials":        "credentials",
}

// sensitiveIn returns the sensitive actions (catalog spelling, sorted) an
// action value matches.
func sensitiveIn(v iam.Value) []string {
	if !v.Known {
		return nil
	}
	return sensitiveMemo.get(v.Text, sensitiveInText)
}

// sensitiveMemo memoizes sensitiveInText by trimmed action text; the
// results are shared and read-only.
var sensitiveMemo textMemo[[]string]

// sensitiveInText is sensitiveIn for a trimmed known text.
func sensitiveInText(text string) []string {
	var out []string
	t := strings.ToLower(text)
	if !hasWildcard(t) {
		if _, ok := sensitiveActions[t]; ok {
			if a, found := lookupAction(t); found {
				return []string{a}
			}
			return []string{t}
		}
		return nil
	}
	// The few sensitive catalog actions are looked up in the pattern's
	// set, not the set's actions (thousands for "*a*b*c*d*") in a map.
	set := expandPattern(t)
	if set.Len() == 0 {
		return nil
	}
	for _, a := range sensitiveCatalog() {
		if set.Has(a) {
			out = append(out, a.FullName())
		}
	}
	sort.Strings(out)
	return out
}

// sensitiveCatalog returns the catalog actions whose lower-case full name is
// in sensitiveActions, computed once: a wildcard pattern can match thousands
// of actions ("*a*b*c*d*"), and building and lower-casing each one's name per
// pattern cost more than expanding the pattern (red team 19, issue 7).
// Each name of sensitiveActions is looked up in the catalog (the names are
// lower-case, as LookupAction compares): building and lower-casing the
// full name of every catalog action instead was 3% of the instructions of
// a run of 200 files, at every run. (The order does not matter: callers
// sort what they find.)
var sensitiveCatalog = sync.OnceValue(func() []*awsdata.Action {
	var out []*awsdata.Action
	for n := range sensitiveActions {
		if a, ok := awsdata.LookupAction(n); ok {
			out = append(out, a)
		}
	}
	return out
})

func checkSensitiveDataAccess(p *linter.Pass) {
	var denied denyIndex
	var rs []scopeRes // the statement's resources, read once (reused)
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if d.Kind != iam.Identity || d.Managed {
			return
		}
		if _, ok := everyResource(s); !ok && !endsInWildcard(s) {
			return
		}
		rs = rs[:0]
		read := false // rs holds s's resources (read when first asked)
		sev := linter.Severity(0)
		note := ""
		if len(s.Conditions()) > 0 {
			sev = linter.Medium
			note = conditionNote(s) + " (severity lowered to medium; check that it really limits the grant)"
		}
		for _, a := range s.Actions {
			if isEveryAction(a) {
				continue // wildcard-action reports "*" (a superset of this finding)
			}
			var names []string
			var scope svcScope
			for _, n := range sensitiveIn(a) {
				if !read {
					rs, read = scopeResources(rs, s), true
				}
				if sc := serviceScopeOf(s, rs, n); sc.kind != noScope {
					names = append(names, n)
					if scope.kind == noScope || sc.kind == everyScope {
						scope = sc
					}
				}
			}
			if len(names) == 0 || denied.actionsCancelled(d, s, names...) {
				continue
			}
			what := 0 // bit i: exposesKinds[i]
			for _, n := range names {
				what |= exposureBit(n)
			}
			var kinds []string
			for i, k := range exposesKinds {
				if what&(1<<i) != 0 {
					kinds = append(kinds, k)
				}
			}
			shown := names
			more := ""
			if len(shown) > 4 {
				more = fmt.Sprintf(" and %d more", len(shown)-4)
				shown = shown[:4]
			}
			via := ""
			if len(names) != 1 || !strings.EqualFold(names[0], a.Text) {
				via = fmt.Sprintf(" (through %q)", a.Text)
			}
			p.ReportDoc(d, a.Range.HCL(), sev, "statement grants %s%s%s on %s: exposes the %s of the whole account%s",
				strings.Join(shown, ", "), more, via, scope.text(s), strings.Join(kinds, " and "), note)
		}
	})
}

// exposesKinds are the values of sensitiveActions, in the order a message
// names them.
var exposesKinds = [...]string{"secrets", "credentials", "data"}

// exposureBit is the bit (1<<i, exposesKinds[i]) of what sensitive action
// n (any case) exposes; 0 for another action.
func exposureBit(n string) int {
	return exposureMemo.get(n, func(n string) int {
		k := sensitiveActions[strings.ToLower(n)]
		for i, e := range exposesKinds {
			if e == k {
				return 1 << i
			}
		}
		return 0
	})
}

// exposureMemo memoizes exposureBit by action name (a message names its
// actions in catalog spelling: lower-casing each was most of building it).
var exposureMemo textMemo[int]

// svcScope is serviceScopeOf's answer, made into its text only for a
// message (text).
type svcScope struct {
	kind uint8
	res  string // the Resource text of typeScope and serviceWide
}

// The kinds of svcScope.
const (
	noScope     = iota // not every resource of the action's service
	everyScope         // "every resource"
	exceptScope        // "every resource except ..." (NotResource)
	typeScope          // "every resource of its type (...)"
	serviceWide        // "every resource of the service (...)"
)

// text is the scope, as a message says it, of statement s.
func (sc svcScope) text(s *iam.Statement) string {
	switch sc.kind {
	case everyScope:
		return "every resource"
	case exceptScope:
		return "every resource except " + list(s.NotResources())
	case typeScope:
		return fmt.Sprintf("every resource of its type (%q)", sc.res)
	case serviceWide:
		return fmt.Sprintf("every resource of the service (%q)", sc.res)
	}
	return ""
}

// serviceScopeOf says where a statement applies for an action, when that
// is every resource of the action's service: "every resource", "every
// resource except ...", "every resource of the service
// (\"arn:aws:s3:::*\")" (svcScope.text). A Resource ARN of another service
// does not count. rs are the statement's resources (scopeResources): the
// rule asks it of every sensitive action a value matches, and makes the
// text of one.
func serviceScopeOf(s *iam.Statement, rs []scopeRes, action string) svcScope {
	if s.NotResource().Present {
		return svcScope{kind: exceptScope}
	}
	svc, _, _ := strings.Cut(action, ":") // compared with EqualFold
	var found svcScope
	for i := range rs {
		r := &rs[i]
		if !r.covers {
			if found.kind == noScope && r.typed && r.everyOfType(action) {
				found = svcScope{typeScope, r.text}
			}
			continue
		}
		if r.star {
			return svcScope{kind: everyScope}
		}
		if r.hasSvc && !wild(r.svc) && !strings.EqualFold(r.svc, svc) {
			continue
		}
		found = svcScope{serviceWide, r.text}
	}
	return found
}

// scopeRes is what serviceScopeOf reads of a Resource value, whatever the
// action (scopeResources).
type scopeRes struct {
	text   string
	covers bool // coversEveryResource
	star   bool // isStar
	// When covers: the service field of the trimmed ARN, when it has one
	// (hasSvc). Else, when typed (the ARN may name every resource of a
	// type: see everyOfType), its service and its resource part's head.
	hasSvc    bool
	typed     bool
	svc, head string
}

// scopeResources appends to rs what serviceScopeOf reads of each Resource
// of s.
func scopeResources(rs []scopeRes, s *iam.Statement) []scopeRes {
	for _, r := range s.Resources {
		sr := scopeRes{text: r.Text, covers: coversEveryResource(r)}
		if sr.covers {
			sr.star = isStar(r)
			fa := splitColon(strings.TrimSpace(r.Text), 4)
			if fa.k >= 3 {
				sr.hasSvc, sr.svc = true, fa.f[2]
			}
		} else {
			sr.svc, sr.head, sr.typed = typeHead(r)
		}
		rs = append(rs, sr)
	}
	return rs
}

// everyOfType reports whether the Resource ARN r was read of names every resource of one of
// the resource types of action (a catalog name without wildcards): its resource part is the
// type's fixed head and a wildcard ("arn:aws:secretsmanager:*:*:secret:*",
// "arn:aws:dynamodb:us-east-1:111122223333:table/*",
// "arn:aws:ssm:*:*:parameter/*"). An S3 ARN has no type head:
// "arn:aws:s3:::my-bucket/*" is one bucket's objects, not every object.
func (r *scopeRes) everyOfType(action string) bool {
	for _, p := range typeARNMemo.get(action, typeARNs) {
		// The ARN's service is the type's (sts:AssumeRole acts on iam roles).
		if wild(r.svc) || strings.EqualFold(p.svc, r.svc) {
			if r.head[0] == '*' {
				// A head of wildcards ("arn:aws:s3:::*/*", every object of
				// every bucket): every resource of the types whose
				// resource part it matches, its names any.
				if iam.MatchARN(r.head+"*", typeVarRE.ReplaceAllString(p.res, "x")) {
					return true
				}
				continue
			}
			if hasPrefixLower(p.res, r.head, "${") {
				return true
			}
		}
	}
	return false
}

// typeVarRE matches a variable of a resource type's ARN (${BucketName}).
var typeVarRE = regexp.MustCompile(`\$\{[^}]*\}`)

// endsInWildcard reports whether some Resource ends in "/*" or ":*" (it may
// name every resource of a type: everyOfType).
func endsInWildcard(s *iam.Statement) bool {
	for _, r := range s.Resources {
		if t := strings.TrimSpace(r.Text); r.Known && (strings.HasSuffix(t, "/*") || strings.HasSuffix(t, ":*")) {
			return true
		}
	}
	return false
}

// typeHead returns the service and the head of the resource part ("secret:",
// "table/") of a Resource ARN that may name every resource of a type (its
// resource part is a head and a run of "*"); ok is false for any other
// value.
func typeHead(r iam.Value) (svc, head string, ok bool) {
	// Only an ARN whose resource ends in a run of "*" is.
	if !r.Known || strings.IndexByte(r.Text, '*') < 0 {
		return "", "", false
	}
	fa := splitColon(strings.TrimSpace(r.Text), 6)
	f := fa.f[:fa.k]
	if len(f) != 6 || f[0] != "arn" {
		return "", "", false
	}
	res := f[5]
	i := strings.LastIndexAny(res, "/:")
	if i <= 0 || !wild(res[i+1:]) || strings.ContainsAny(res[:i], "*?") && !wild(res[:i]) {
		return "", "", false
	}
	return f[2], res[:i+1], true
}

// typeARN is the service and resource part of the ARN of a resource type.
type typeARN struct{ svc, res string }

// typeARNMemo memoizes typeARNs by action name.
var typeARNMemo textMemo[[]typeARN]

// typeARNs lists, in catalog order, the ARNs (with six fields) of the
// resource types of an action; nil when the catalog does not know it.
func typeARNs(action string) []typeARN {
	act, ok := awsdata.LookupAction(action)
	if !ok {
		return nil
	}
	var out []typeARN
	for _, at := range act.ResourceTypes {
		for _, rt := range act.Service.Resources {
			if rt.Name != at.Name {
				continue
			}
			pa := splitColon(rt.ARN, 6)
			if pa.k == 6 {
				out = append(out, typeARN{pa.f[2], pa.f[5]})
			}
		}
	}
	return out
}

// isASCII reports whether s is ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hasPrefixLower reports whether strings.ToLower(s) starts with
// strings.ToLower(head)+tail, tail lower-case ASCII; without copying while
// the bytes compared are ASCII (those of s up to the first difference: the
// ARN of a resource type rarely has the head of a statement's ARN, and is
// not scanned past the difference).
func hasPrefixLower(s, head, tail string) bool {
	n := len(head) + len(tail)
	for i := range n {
		if i == len(s) {
			if isASCII(s) && isASCII(head) {
				return false // lower-cased, s stays shorter
			}
			break
		}
		want := byte(0)
		if i < len(head) {
			want = head[i]
		} else {
			want = tail[i-len(head)]
		}
		c := s[i]
		if c >= 0x80 || want >= 0x80 {
			break // lower-casing may change the length: compared below
		}
		if lowerASCII(c) != lowerASCII(want) {
			return false // both prefixes up to here are ASCII
		}
		if i == n-1 {
			return true
		}
	}
	if n == 0 {
		return true
	}
	return strings.HasPrefix(strings.ToLower(s), strings.ToLower(head)+tail)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
