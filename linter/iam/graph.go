package iam

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// EntityKind is the kind of an IAM principal in the identity graph.
type EntityKind string

// Entity kinds.
const (
	User  EntityKind = "user"
	Group EntityKind = "group"
	Role  EntityKind = "role"
	// PermissionSet is an IAM Identity Center permission set
	// (aws_ssoadmin_permission_set): a role template for people.
	PermissionSet EntityKind = "permission-set"
)

// Entity is a user, group or role. An entity that is referenced (by name or ARN)
// but not created in the configuration is kept with External set, never dropped.
type Entity struct {
	Kind     EntityKind
	Address  string // Terraform address of the block that creates it; "" when External
	Name     Value  // the IAM name (may be unknown)
	Range    Range
	External bool
	// Partial is set when the entity is created in a module directory that is
	// linted on its own and also called by another root module: links made by
	// the caller (group memberships, attachments) are not in this view.
	Partial bool
	Related []Related // module call chain

	// Filled by the graph builder:
	Inline      []*Document   // inline policies (aws_iam_*_policy, inline_policy blocks)
	Attachments []*Attachment // managed policies attached
	// people holds the links of users and groups (Groups, Members,
	// AccessKeys, Logins): nil for roles, most entities, which have none.
	people   *entityPeople
	Trust    *Document   // for roles: the assume role policy (its first variant)
	Trusts   []*Document // every variant of the assume role policy
	Boundary *Value      // permissions boundary ARN, when set
	// BoundaryPolicies holds the documents (every variant) of the
	// boundary when it is a customer managed policy of the configuration
	// (permissions_boundary = aws_iam_policy.b.arn, or its literal ARN).
	BoundaryPolicies []*Document
}

// entityPeople holds the links of a user or group. See Entity.
type entityPeople struct {
	groups     []*Entity // for users: the groups the user belongs to
	members    []*Entity // for groups: the member users
	accessKeys []*AccessKey
	logins     []*LoginProfile
}

// mutablePeople returns e.people, allocating it when nil.
func (e *Entity) mutablePeople() *entityPeople {
	if e.people == nil {
		e.people = &entityPeople{}
	}
	return e.people
}

// Groups returns, for a user, the groups the user belongs to.
func (e *Entity) Groups() []*Entity {
	if e.people == nil {
		return nil
	}
	return e.people.groups
}

// Members returns, for a group, its member users.
func (e *Entity) Members() []*Entity {
	if e.people == nil {
		return nil
	}
	return e.people.members
}

// AccessKeys returns, for a user, its access keys.
func (e *Entity) AccessKeys() []*AccessKey {
	if e.people == nil {
		return nil
	}
	return e.people.accessKeys
}

// Logins returns, for a user, its login profiles.
func (e *Entity) Logins() []*LoginProfile {
	if e.people == nil {
		return nil
	}
	return e.people.logins
}

// AddMembership records that user u belongs to group g (u.Groups, g.Members).
func AddMembership(u, g *Entity) {
	u.mutablePeople().groups = append(u.mutablePeople().groups, g)
	g.mutablePeople().members = append(g.mutablePeople().members, u)
}

// CutMemberships undoes AddMembership for every (user, group) pair of cut:
// each user's groups and each group's members keep their order.
func CutMemberships(cut map[[2]*Entity]bool) {
	done := map[*Entity]bool{}
	for k := range cut {
		u, g := k[0], k[1]
		if u != nil && u.people != nil && !done[u] {
			done[u] = true
			u.people.groups = slices.DeleteFunc(u.people.groups, func(x *Entity) bool { return cut[[2]*Entity{u, x}] })
		}
		if g != nil && g.people != nil && !done[g] {
			done[g] = true
			g.people.members = slices.DeleteFunc(g.people.members, func(x *Entity) bool { return cut[[2]*Entity{x, g}] })
		}
	}
}

// AddAccessKey adds k to the access keys of user e.
func (e *Entity) AddAccessKey(k *AccessKey) {
	p := e.mutablePeople()
	p.accessKeys = append(p.accessKeys, k)
}

// AddLogin adds lp to the login profiles of user e.
func (e *Entity) AddLogin(lp *LoginProfile) {
	p := e.mutablePeople()
	p.logins = append(p.logins, lp)
}

// Attachment links a managed policy (by ARN) to a principal.
type Attachment struct {
	Principal *Entity
	PolicyARN Value
	Policy    *Document // the customer managed policy when it is in the configuration; for an AWS managed policy its snapshot document (Policy.Managed); nil otherwise
	// Policies holds every variant of the customer managed policy (Policy is
	// the first); empty when the policy is not in the configuration.
	Policies []*Document
	// PolicyName is the policy's name when it is known even though the ARN
	// is not (arn:${partition}:iam::aws:policy/NAME, data "aws_iam_policy" by name).
	PolicyName Value
	// PrincipalRange is where the attachment names the principal (the user,
	// group or role attribute, or the element of users/groups/roles); the
	// block header when the principal is implicit (managed_policy_arns).
	PrincipalRange Range
	Address        string // the block that makes the attachment (aws_iam_role_policy_attachment.x, aws_iam_role.r for managed_policy_arns)
	ResourceType   string
	Range          Range // the policy_arn value (or the list element)
	BlockRange     Range // the header of the block that makes the attachment
	Related        []Related
}

// InlinePolicy is an inline policy of a principal: aws_iam_{user,group,role}_policy,
// an aws_iam_role inline_policy block, an aws_ssoadmin_permission_set_inline_policy.
type InlinePolicy struct {
	Principal      *Entity
	Address        string // the block that holds the policy
	ResourceType   string // aws_iam_user_policy, aws_iam_role (inline_policy), ...
	Range          Range  // the block header (the inline_policy block for aws_iam_role)
	PrincipalRange Range  // the user/group/role attribute value
	Documents      []*Document
	Related        []Related
}

// Membership links a user to a group.
type Membership struct {
	User, Group *Entity
	Address     string
	Range       hcl.Range
}

// AccessKey is an aws_iam_access_key.
type AccessKey struct {
	User    *Entity
	Address string
	Range   hcl.Range
	Status  Value // "Active" (default), "Inactive", or unknown
	PGPKey  bool  // pgp_key is set: the secret is encrypted in state
	Related []Related
}

// LoginProfile is an aws_iam_user_login_profile.
type LoginProfile struct {
	User    *Entity
	Address string
	Range   hcl.Range
	Related []Related
}

// Setting is one attribute of an account setting, such as a password policy
// attribute; Set is false when the attribute is not configured.
type Setting struct {
	Value Value
	Set   bool
	Range hcl.Range // the attribute, or the block header when unset
	// Sensitive: the value is one Terraform prints as "(sensitive
	// value)" (a variable declared sensitive, sensitive(), what is
	// computed from them; a plan's after_sensitive): no report prints
	// it. A number or a short string cannot be masked by its text.
	Sensitive bool
}

// PasswordPolicy is an aws_iam_account_password_policy.
type PasswordPolicy struct {
	Address  string
	Range    hcl.Range
	Settings map[string]Setting // by attribute name
	Related  []Related
}

// Secret is a string in the configuration that looks like an AWS credential.
// Only its first four characters are kept: the secret itself never enters the
// model. Digest, the SHA-256 of a credential found in an evaluated value,
// lets the reports mask a value that the source text at Range does not hold
// literally (built: "AKIA${...}", join, base64decode; or escaped: \u0041KIA).
type Secret struct {
	Kind      string // "access-key-id" or "secret-access-key"
	Prefix    string // first four characters
	Address   string // the block (or tfvars file) that holds it
	Range     hcl.Range
	Attribute string
	Digest    [32]byte // SHA-256 of the value, when found in an evaluated value (else zero); never printed
	// InPath says the credential is in the name of a file or directory
	// (Attribute says which), not in its text.
	InPath bool
	// Pieces are where the configuration writes the parts of a credential
	// it builds ("AKIA${local.a}", join, format: the string literals, or
	// their characters, that are parts of it, but its first four
	// characters), as byte ranges: the text report quotes none of them.
	Pieces []hcl.Range
}

// Graph is the identity graph: users, groups, roles, memberships, attachments,
// access keys, login profiles, account settings and credentials found in the
// configuration. It is built by package extract; rules read it.
type Graph struct {
	Users, Groups, Roles []*Entity
	PermissionSets       []*Entity
	Memberships          []*Membership
	Inline               []*InlinePolicy
	Attachments          []*Attachment
	AccessKeys           []*AccessKey
	LoginProfiles        []*LoginProfile
	PasswordPolicies     []*PasswordPolicy
	Secrets              []*Secret

	// Consumers lists, for a data "aws_iam_policy_document" document, the
	// addresses of the blocks that use it as an identity policy
	// (aws_iam_policy, aws_iam_role_policy, ...), in configuration order.
	Consumers map[*Document][]string

	// Shapes holds, by source range, the known form of unknown strings built
	// from templates: see Shape.
	Shapes map[Range]string

	// ShapeMissed, when set, is told the range of every lookup in Shapes
	// that finds none (a runner that lints one address space at a time
	// checks them against the shapes of the spaces linted after).
	ShapeMissed func(Range)

	// ShapesFill, when set, is called (from any goroutine) before a lookup
	// in Shapes, and completes it: a runner adds the shapes of its spaces
	// only when a rule first looks one up (few do: most unknown strings'
	// shapes are never read).
	ShapesFill func()
}

// AWSManagedPolicyName returns the name of an AWS managed policy from its
// attachment: the NAME of arn:<partition>:iam::aws:policy/[path/]NAME (or
// PolicyName when the ARN is partly unknown). ok is false for customer
// managed policies and unknown ARNs.
func (a *Attachment) AWSManagedPolicyName() (name string, ok bool) {
	if a == nil || (a.Policy != nil && !a.Policy.Managed) {
		return "", false
	}
	if a.PolicyARN.Known {
		return awsManagedName(a.PolicyARN.Text)
	}
	if a.PolicyName.Known {
		return a.PolicyName.Text, true
	}
	return "", false
}

func awsManagedName(arn string) (string, bool) {
	// arn:aws:iam::aws:policy/AdministratorAccess, arn:aws-us-gov:iam::aws:policy/job-function/X
	rest, ok := cutPrefixFold(arn, "arn:")
	if !ok {
		return "", false
	}
	i := indexOf(rest, ":iam::aws:policy/")
	if i < 0 {
		return "", false
	}
	p := rest[i+len(":iam::aws:policy/"):]
	for j := len(p) - 1; j >= 0; j-- {
		if p[j] == '/' {
			p = p[j+1:]
			break
		}
	}
	return p, p != ""
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) {
		return s, false
	}
	for i := 0; i < len(prefix); i++ {
		a, b := s[i], prefix[i]
		if a|0x20 != b|0x20 {
			return s, false
		}
	}
	return s[len(prefix):], true
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// Documents returns the identity policies held by the entity itself: its
// inline policies and the customer managed policies attached to it that are
// in the configuration (every variant).
func (e *Entity) Documents() []*Document {
	if e == nil {
		return nil
	}
	out := append([]*Document(nil), e.Inline...)
	for _, a := range e.Attachments {
		out = append(out, a.Policies...)
	}
	return out
}

// UserDocuments returns the identity policies of a user, direct and through
// every group it belongs to. complete is false when some of them cannot be
// seen: a group or user outside the configuration, a customer managed policy
// that is not in the configuration, or a policy known only after apply.
func (e *Entity) UserDocuments() (docs []*Document, complete bool) {
	if e == nil {
		return nil, false
	}
	complete = !e.External && !e.Partial
	holders := append([]*Entity{e}, e.Groups()...)
	seen := map[*Document]bool{}
	for _, h := range holders {
		if h.External {
			complete = false
		}
		for _, a := range h.Attachments {
			if len(a.Policies) == 0 {
				if _, aws := a.AWSManagedPolicyName(); !aws {
					complete = false
				}
			}
		}
		for _, d := range h.Documents() {
			if d == nil || seen[d] {
				continue
			}
			seen[d] = true
			if d.Unknown {
				complete = false
			}
			docs = append(docs, d)
		}
	}
	return docs, complete
}

// Shape returns the text of v when it is known; for an unknown string built
// from a template ("arn:aws:iam::${data.aws_caller_identity.current.account_id}:root")
// it returns the template's text with every unknown part replaced by "*"
// ("arn:aws:iam::*:root"), when the graph recorded it. ok is false otherwise.
// A shape is a pattern, never a value: rules may use it to recognize the
// form of a value (an account root, an OIDC provider), not to match it.
func (g *Graph) Shape(v Value) (string, bool) {
	if v.Known {
		return v.Text, true
	}
	if partial := v.Partial(); partial != "" {
		return strings.ReplaceAll(partial, UnknownPart, "*"), true
	}
	if g == nil {
		return "", false
	}
	if g.ShapesFill != nil {
		g.ShapesFill()
	}
	if g.Shapes == nil {
		return "", false
	}
	s, ok := g.Shapes[v.Range]
	if !ok && g.ShapeMissed != nil {
		g.ShapeMissed(v.Range)
	}
	return s, ok
}
