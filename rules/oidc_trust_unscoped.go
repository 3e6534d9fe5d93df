package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// OIDCTrustUnscoped fires on a trust grant of sts:AssumeRoleWithWebIdentity
// with no condition on the identity provider's subject claim, or one that
// matches everyone.
var OIDCTrustUnscoped = &linter.Rule{
	ID:       "oidc-trust-unscoped",
	Title:    "OIDC web-identity trust not scoped to a subject",
	Severity: linter.Critical,
	Doc: linter.Doc{
		Why: `A role that trusts an OIDC provider (GitHub Actions, Terraform Cloud, GitLab, an EKS cluster, ` +
			`Cognito) without a condition on the subject claim (<issuer>:sub) can be assumed by any ` +
			`workload that provider issues tokens to: every GitHub repository in the world, every ` +
			`Terraform Cloud workspace, every service account of the cluster. A subject of "*", "repo:*" ` +
			`or "system:serviceaccount:*" is no better, nor is "rep*". A wildcard in the owner's name ` +
			`("repo:acme*", "organization:acme*:...", a gitlab.com "project_path:acme*/...") lets in ` +
			`whoever creates an organization or group of a matching name, which anyone can. An org-wide GitHub subject (repo:ORG/*) lets every ` +
			`repository and branch of the organization in and is reported at medium. For Cognito the ` +
			`identity pool (:aud) and the authentication type (:amr) must be pinned.`,
		Fix: `Add StringEquals (or StringLike) on <issuer>:sub naming the repository and branch or ` +
			`environment (repo:ORG/REPO:ref:refs/heads/main, repo:ORG/REPO:environment:prod), the Terraform ` +
			`Cloud organization:project:workspace, the GitLab project_path:GROUP/PROJECT:ref_type:branch:ref:main, ` +
			`or system:serviceaccount:NAMESPACE:NAME for IRSA; and StringEquals <issuer>:aud = sts.amazonaws.com ` +
			`(the configured audience).`,
		Links: []string{
			"https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
			"https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
			"https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html",
		},
	},
	Check: checkOIDCTrustUnscoped,
}

// issuerOf returns the issuer host/path of a Federated principal:
// arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com ->
// token.actions.githubusercontent.com; cognito-identity.amazonaws.com as is.
func issuerOf(g *iam.Graph, id iam.Value) string {
	t, ok := g.Shape(id)
	if !ok {
		return ""
	}
	t = strings.TrimSpace(t)
	if i := strings.Index(t, ":oidc-provider/"); i >= 0 {
		return t[i+len(":oidc-provider/"):]
	}
	if strings.HasPrefix(t, "arn:") || strings.Contains(t, "*") {
		return "" // a SAML provider, or a provider known after apply
	}
	return t
}

func issuerKind(issuer string) string {
	l := strings.ToLower(issuer)
	switch {
	case l == "token.actions.githubusercontent.com" || strings.HasPrefix(l, "token.actions.githubusercontent.com/"):
		return "GitHub Actions"
	case l == "app.terraform.io":
		return "Terraform Cloud"
	case strings.Contains(l, "gitlab"):
		return "GitLab"
	case strings.HasPrefix(l, "oidc.eks.") && strings.Contains(l, "/id/"):
		return "EKS (IRSA)"
	case l == "cognito-identity.amazonaws.com":
		return "Cognito"
	}
	return "OIDC"
}

// kindOfSubjects tells the kind of an issuer known only after apply from the
// form of its subject values, when they all have the form of one kind.
func kindOfSubjects(subs []iam.Condition) string {
	kind := ""
	for _, c := range subs {
		for _, v := range c.Values {
			if !v.Known {
				return "OIDC"
			}
			k := "OIDC"
			t := strings.TrimSpace(v.Text)
			switch {
			case strings.HasPrefix(t, "system:serviceaccount:"):
				k = "EKS (IRSA)"
			case strings.HasPrefix(t, "repo:"):
				k = "GitHub Actions"
			case strings.HasPrefix(t, "organization:"):
				k = "Terraform Cloud"
			case strings.HasPrefix(t, "project_path:"):
				k = "GitLab"
			}
			if kind != "" && k != kind {
				return "OIDC"
			}
			kind = k
		}
	}
	if kind == "" {
		return "OIDC"
	}
	return kind
}

// claimPrefix is the text every subject of a kind of issuer starts with.
func claimPrefix(kind string) string {
	switch kind {
	case "GitHub Actions":
		return "repo:"
	case "Terraform Cloud":
		return "organization:"
	case "GitLab":
		return "project_path:"
	case "EKS (IRSA)":
		return "system:serviceaccount:"
	}
	return ""
}

// subjectEveryone reports whether a subject value matches every workload of
// the issuer: "*", "repo:*", "repo:*:*", "system:serviceaccount:*", ... (the
// text before the first wildcard is only a claim prefix, or, for an issuer
// whose subjects all start with one, part of it: "rep*" matches every
// repo:... subject of GitHub as "repo:*" does).
func subjectEveryone(kind string, v iam.Value) bool {
	if !v.Known {
		return false
	}
	t := strings.TrimSpace(v.Text)
	i := strings.IndexAny(t, "*?")
	if i < 0 {
		return false
	}
	before := strings.ToLower(t[:i])
	switch before {
	case "", "repo:", "organization:", "project_path:", "system:serviceaccount:", "system:", "project:":
		return true
	}
	return claimPrefix(kind) != "" && strings.HasPrefix(claimPrefix(kind), before)
}

// ownerWildcard reports whether a subject value of a hosted service where
// anyone can create an owner (a GitHub organization or user, a Terraform
// Cloud organization, a gitlab.com group) has a wildcard in the owner's
// name: "repo:acme*" or "repo:acme-?orp/infra:..." lets in the repositories
// of whoever creates acme-evil or acme-xorp.
func ownerWildcard(kind, issuer string, v iam.Value) bool {
	if !v.Known {
		return false
	}
	if kind != "GitHub Actions" && kind != "Terraform Cloud" &&
		(kind != "GitLab" || !strings.EqualFold(strings.TrimPrefix(issuer, "https://"), "gitlab.com")) {
		return false // EKS, a self-hosted GitLab: their owners are not anyone's to create
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(v.Text), claimPrefix(kind))
	if !ok {
		return false
	}
	owner := rest
	if i := strings.IndexAny(rest, "/:"); i >= 0 {
		owner = rest[:i]
	}
	return hasWildcard(owner)
}

// githubOrgWide reports whether a GitHub subject covers a whole organization
// (repo:ORG/* or repo:ORG/*:...).
func githubOrgWide(v iam.Value) bool {
	if !v.Known {
		return false
	}
	t := strings.TrimSpace(v.Text)
	rest, ok := strings.CutPrefix(t, "repo:")
	if !ok {
		return false
	}
	org, repo, ok := strings.Cut(rest, "/")
	if !ok || org == "" || hasWildcard(org) {
		return false
	}
	return strings.HasPrefix(repo, "*")
}

// scoping reports whether a condition operator narrows to its values:
// StringEquals, StringEqualsIgnoreCase or StringLike, with a set prefix or
// IfExists (which the callers judge). An operator IAM does not know
// ("StringEquals " with a space, "StringEqualsX") does not: policy-invalid
// reports it.
func scoping(c iam.Condition) bool {
	if !c.Operator.Known {
		return true
	}
	op := strings.ToLower(c.Operator.Text)
	op = strings.TrimPrefix(strings.TrimPrefix(op, "foranyvalue:"), "forallvalues:")
	op = strings.TrimSuffix(op, "ifexists")
	return op == "stringequals" || op == "stringequalsignorecase" || op == "stringlike"
}

func checkOIDCTrustUnscoped(p *linter.Pass) {
	if p.Model == nil {
		return
	}
	for _, d := range p.Model.Documents {
		if d == nil || d.Kind != iam.Trust {
			continue
		}
		for _, s := range d.Statements {
			if s == nil || !s.IsAllow() {
				continue
			}
			if _, ok := grantsWebIdentity.in(s); !ok {
				continue
			}
			unknownKey := false
			for _, c := range s.Conditions() {
				if _, ok := graph(p).Shape(c.Key); !ok {
					unknownKey = true
				}
			}
			if unknownKey {
				continue // cannot tell which claim is pinned
			}
			for _, pr := range s.Principals() {
				if !pr.Type.Is("Federated") {
					continue
				}
				checkOIDCPrincipal(p, d, s, pr)
			}
		}
	}
}

func checkOIDCPrincipal(p *linter.Pass, d *iam.Document, s *iam.Statement, pr iam.Principal) {
	issuer := issuerOf(graph(p), pr.ID)
	if pr.ID.Known && issuer == "" {
		return // SAML
	}
	if strings.Contains(issuer, "*") {
		issuer = ""
	}
	if issuer == "" {
		// The provider is known after apply (aws_iam_openid_connect_provider.x.arn):
		// take the issuer from the condition keys.
		for _, c := range s.Conditions() {
			kt, _ := graph(p).Shape(c.Key)
			if k, ok := strings.CutSuffix(kt, ":sub"); ok && !strings.Contains(k, "*") {
				issuer = k
			} else if k, ok := strings.CutSuffix(kt, ":aud"); ok && issuer == "" && !strings.Contains(k, "*") {
				issuer = k
			}
		}
	}
	if issuer != "" && pinsOtherIssuer(graph(p), s, issuer) {
		// A condition requires a claim of another identity provider, which
		// this provider's tokens never carry: the statement cannot match them
		// (a broken trust, not an open one).
		return
	}
	kind := issuerKind(issuer)
	name := issuer
	if name == "" {
		name = "the OIDC provider (known after apply)"
	}
	claim := func(suffix string) []iam.Condition {
		var out []iam.Condition
		for _, c := range s.Conditions() {
			kt, _ := graph(p).Shape(c.Key)
			if !strings.HasSuffix(strings.ToLower(kt), ":"+suffix) || !scoping(c) {
				continue
			}
			ki := strings.TrimSuffix(kt, kt[len(kt)-len(suffix)-1:])
			if issuer != "" && !strings.Contains(ki, "*") && !strings.EqualFold(ki, issuer) &&
				!strings.EqualFold(ki, strings.TrimPrefix(issuer, "https://")) {
				continue
			}
			out = append(out, c)
		}
		return out
	}
	if kind == "Cognito" {
		var missing []string
		if len(claim("aud")) == 0 {
			missing = append(missing, "cognito-identity.amazonaws.com:aud (the identity pool ID)")
		}
		if len(claim("amr")) == 0 {
			missing = append(missing, `cognito-identity.amazonaws.com:amr ("authenticated")`)
		}
		if len(missing) > 0 {
			p.ReportDoc(d, pr.ID.Range.HCL(), 0, "Cognito web-identity trust without a condition on %s: any identity of any pool can assume the role; "+
				"pin the identity pool with StringEquals on :aud and require ForAnyValue:StringLike :amr = authenticated", strings.Join(missing, " and "))
		}
		return
	}
	subs := claim("sub")
	if kind == "OIDC" && issuer == "" {
		kind = kindOfSubjects(subs) // IRSA through a module output: system:serviceaccount:...
	}
	auds := claim("aud")
	audNote := ""
	if len(auds) == 0 {
		audNote = "; there is no condition on " + issuerOr(issuer) + ":aud either (pin it to " + audienceExample(kind) + ")"
	}
	if len(subs) == 0 {
		sev := linter.Severity(0)
		if kind == "OIDC" && narrowAudience(auds) {
			// An issuer outside the known list, with its audience pinned to
			// something of its own (CircleCI puts the organization in :aud):
			// narrower, but still every subject. sts.amazonaws.com, the
			// audience of GitHub and EKS tokens, narrows nothing.
			sev = linter.Medium
		}
		p.ReportDoc(d, pr.ID.Range.HCL(), sev, "%s web-identity trust (%s) has no condition on %s:sub: any workload the provider issues tokens to "+
			"can assume the role; pin the subject (%s)%s", kind, name, issuerOr(issuer), subjectExample(kind), audNote)
		return
	}
	// Subjects the team has vouched for in .iamlint.hcl
	// (rule "oidc-trust-unscoped" { trusted_subjects = [...] }) are scoped.
	trusted := func(v iam.Value) bool {
		for _, t := range p.Option("trusted_subjects") {
			if v.Known && (v.Text == t || iam.MatchWildcard(t, v.Text)) {
				return true
			}
		}
		return false
	}
	for _, c := range subs {
		for _, v := range c.Values {
			if subjectEveryone(kind, v) && !trusted(v) {
				p.ReportDoc(d, v.Range.HCL(), 0, "%s web-identity trust (%s) lets every subject in: %s:sub matches %q; pin the subject (%s)%s",
					kind, name, issuerOr(issuer), v.Text, subjectExample(kind), audNote)
				return
			}
		}
	}
	for _, c := range subs {
		for _, v := range c.Values {
			if ownerWildcard(kind, issuer, v) && !trusted(v) {
				p.ReportDoc(d, v.Range.HCL(), 0, "%s web-identity trust (%s) lets other owners in: %s:sub matches %q, whose owner name has a wildcard, "+
					"and anyone can create an owner of a matching name; name the owner in full (%s)%s",
					kind, name, issuerOr(issuer), v.Text, subjectExample(kind), audNote)
				return
			}
		}
	}
	if kind != "GitHub Actions" {
		return
	}
	for _, c := range subs {
		for _, v := range c.Values {
			if githubOrgWide(v) && !trusted(v) {
				p.ReportDoc(d, v.Range.HCL(), linter.Medium, "GitHub Actions trust is org-wide: %q lets every repository, branch and pull request of the "+
					"organization assume the role; name the repository and branch or environment (repo:ORG/REPO:ref:refs/heads/main)%s", v.Text, audNote)
				return
			}
		}
	}
}

// pinsOtherIssuer reports whether the statement has a condition that a web
// identity token of issuer can never satisfy: StringEquals / StringLike
// (without IfExists, not negated) on a claim of another identity provider
// (accounts.google.com:sub in a statement trusting Cognito). An absent key
// does not match such a condition.
func pinsOtherIssuer(g *iam.Graph, s *iam.Statement, issuer string) bool {
	for _, c := range s.Conditions() {
		if !c.Operator.Known || !scoping(c) || strings.HasSuffix(strings.ToLower(c.Operator.Text), "ifexists") ||
			strings.HasPrefix(strings.ToLower(c.Operator.Text), "forallvalues:") {
			continue
		}
		kt, ok := g.Shape(c.Key)
		if !ok || hasWildcard(kt) {
			continue
		}
		i := strings.LastIndex(kt, ":")
		if i <= 0 {
			continue
		}
		ki := strings.TrimPrefix(kt[:i], "https://")
		if !strings.Contains(ki, ".") {
			continue // aws:, sts:, saml: keys: not a web identity claim
		}
		if !strings.EqualFold(ki, strings.TrimPrefix(issuer, "https://")) {
			return true
		}
	}
	return false
}

// narrowAudience reports whether an :aud condition pins the audience to
// values of the workload's own (not sts.amazonaws.com, which every GitHub
// and EKS token carries, nor a wildcard).
func narrowAudience(auds []iam.Condition) bool {
	narrow := false
	for _, c := range auds {
		for _, v := range c.Values {
			t := strings.TrimSpace(v.Text)
			if !v.Known || t == "" || hasWildcard(t) || strings.EqualFold(t, "sts.amazonaws.com") {
				return false
			}
			narrow = true
		}
	}
	return narrow
}

func audienceExample(kind string) string {
	switch kind {
	case "Terraform Cloud":
		return "aws.workload.identity, the audience the workspace is configured with"
	case "GitLab":
		return "the audience set in the job's id_tokens, such as https://gitlab.com"
	case "OIDC":
		return "the audience the provider's client ID list holds"
	}
	return "sts.amazonaws.com"
}

func issuerOr(issuer string) string {
	if issuer == "" {
		return "<issuer>"
	}
	return issuer
}

func subjectExample(kind string) string {
	switch kind {
	case "GitHub Actions":
		return "repo:ORG/REPO:ref:refs/heads/main or repo:ORG/REPO:environment:prod"
	case "Terraform Cloud":
		return "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:*"
	case "GitLab":
		return "project_path:GROUP/PROJECT:ref_type:branch:ref:main"
	case "EKS (IRSA)":
		return "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"
	}
	return "the workload's subject"
}
