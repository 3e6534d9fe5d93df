package suppress

import (
	"regexp"
	"sort"
	"strings"
)

// peerRules maps the IDs of peer checks (tfsec/trivy, checkov) to the iamlint
// rules whose findings they stand for. Written by hand from the peer checks
// that the conformance mapping pairs with our rules; keys are upper-case.
var peerRules = map[string][]string{}

// peerNames lists, per iamlint rule, the peer IDs as written (for docs).
var peerNames = map[string][]string{}

func addPeer(rules []string, ids ...string) {
	for _, id := range ids {
		k := strings.ToUpper(id)
		for _, r := range rules {
			if !contains(peerNames[r], id) && !shortAVD.MatchString(id) {
				peerNames[r] = append(peerNames[r], id)
			}
			if !contains(peerRules[k], r) {
				peerRules[k] = append(peerRules[k], r)
			}
		}
	}
}

// trivyPeer registers a trivy/tfsec check under AVD-AWS-NNNN, AWS-NNNN and its
// long ID aws-<service>-<name>.
func trivyPeer(num, long string, rules ...string) {
	addPeer(rules, "AVD-AWS-"+num, "AWS-"+num, long)
}

func init() {
	wp := []string{"wildcard-principal"}
	wa := []string{"wildcard-action"}
	wr := []string{"wildcard-resource"}
	pw := []string{"password-policy-weak"}
	esc := []string{"privilege-escalation", "passrole-wildcard"}

	// trivy / tfsec
	trivyPeer("0032", "aws-ecr-no-public-access", wp...)
	trivyPeer("0123", "aws-iam-enforce-group-mfa", "mfa-not-enforced")
	trivyPeer("0345", "aws-iam-limit-s3-full-access", "wildcard-service-action")
	trivyPeer("0056", "aws-iam-no-password-reuse", pw...)
	trivyPeer("0057", "aws-iam-no-policy-wildcards", "wildcard-action", "wildcard-service-action", "wildcard-resource")
	trivyPeer("0141", "aws-iam-no-root-access-keys", "user-access-key")
	trivyPeer("0143", "aws-iam-no-user-attached-policies", "user-direct-policy")
	trivyPeer("0058", "aws-iam-require-lowercase-in-passwords", pw...)
	trivyPeer("0059", "aws-iam-require-numbers-in-passwords", pw...)
	trivyPeer("0060", "aws-iam-require-symbols-in-passwords", pw...)
	trivyPeer("0061", "aws-iam-require-uppercase-in-passwords", pw...)
	trivyPeer("0062", "aws-iam-set-max-password-age", pw...)
	trivyPeer("0063", "aws-iam-set-minimum-password-length", pw...)
	trivyPeer("0097", "aws-sqs-no-wildcards-in-policy-documents", wa...)

	// checkov
	addPeer(wp, "CKV_AWS_32", "CKV_AWS_167", "CKV_AWS_60", "CKV_AWS_33", "CKV_AWS_301", "CKV_AWS_70",
		"CKV_AWS_169", "CKV_AWS_387", "CKV_AWS_168", "CKV_AWS_283")
	addPeer([]string{"oidc-trust-unscoped"}, "CKV_AWS_393", "CKV_AWS_358")
	addPeer(wa, "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_72", "CKV2_AWS_68", "CKV_AWS_1", "CKV_AWS_49")
	addPeer([]string{"sensitive-data-access", "privilege-escalation"}, "CKV_AWS_287", "CKV_AWS_107")
	addPeer([]string{"sensitive-data-access"}, "CKV_AWS_288", "CKV_AWS_108")
	addPeer([]string{"admin-policy-attached"}, "CKV_AWS_274", "CKV2_AWS_56", "CKV_AWS_275")
	addPeer([]string{"wildcard-resource", "privilege-escalation"}, "CKV_AWS_289", "CKV_AWS_109")
	addPeer([]string{"user-direct-policy"}, "CKV_AWS_40")
	addPeer([]string{"wildcard-service-action", "wildcard-action", "privilege-escalation"}, "CKV2_AWS_40")
	addPeer(esc, "CKV_AWS_286", "CKV_AWS_110")
	addPeer([]string{"trust-without-mfa", "cross-account-trust-unscoped"}, "CKV_AWS_61")
	addPeer(wr, "CKV_AWS_355", "CKV_AWS_356", "CKV_AWS_290", "CKV_AWS_111")
	addPeer([]string{"console-user"}, "CKV2_AWS_22")
	addPeer([]string{"console-user", "user-access-key", "user-direct-policy"}, "CKV_AWS_273")
	addPeer([]string{"user-access-key"}, "CKV_AWS_348")
	addPeer(pw, "CKV_AWS_9", "CKV_AWS_10", "CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_13", "CKV_AWS_14", "CKV_AWS_15")
}

// PeerRules returns the iamlint rules that a peer check ID (tfsec/trivy long
// or AVD ID, checkov CKV ID; any case) stands for, or nil.
func PeerRules(id string) []string {
	r := peerRules[strings.ToUpper(strings.TrimSpace(id))]
	return append([]string(nil), r...)
}

var shortAVD = regexp.MustCompile(`^AWS-\d+$`)

// PeersOf returns the peer check IDs (trivy/tfsec AVD and long IDs, checkov
// CKV IDs) whose ignore comments suppress findings of the iamlint rule, sorted.
func PeersOf(rule string) []string {
	out := append([]string(nil), peerNames[rule]...)
	sort.Strings(out)
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
