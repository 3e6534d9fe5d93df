package iam

import "github.com/hashicorp/hcl/v2"

// EntityKind is the kind of an IAM principal in the identity graph.
type EntityKind string

// Entity kinds.
const (
	User  EntityKind = "user"
	Group EntityKind = "group"
	Role  EntityKind = "role"
)

// Entity is a user, group or role. An entity that is referenced (by name or ARN)
// but not created in the configuration is kept with External set, never dropped.
type Entity struct {
	Kind     EntityKind
	Address  string // Terraform address of the block that creates it; "" when External
	Name     Value  // the IAM name (may be unknown)
	Range    hcl.Range
	External bool
	Related  []Related // module call chain

	// Filled by the graph builder:
	Inline      []*Document   // inline policies (aws_iam_*_policy, inline_policy blocks)
	Attachments []*Attachment // managed policies attached
	Groups      []*Entity     // for users: the groups the user belongs to
	Members     []*Entity     // for groups: the member users
	AccessKeys  []*AccessKey  // for users
	Logins      []*LoginProfile
	Trust       *Document // for roles: the assume role policy
	Boundary    *Value    // permissions boundary ARN, when set
}

// Attachment links a managed policy (by ARN) to a principal.
type Attachment struct {
	Principal    *Entity
	PolicyARN    Value
	Policy       *Document // the customer managed policy when it is in the configuration (nil otherwise)
	Address      string    // the block that makes the attachment (aws_iam_role_policy_attachment.x, aws_iam_role.r for managed_policy_arns)
	ResourceType string
	Range        hcl.Range // the policy_arn value (or the list element)
	Related      []Related
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
}

// PasswordPolicy is an aws_iam_account_password_policy.
type PasswordPolicy struct {
	Address  string
	Range    hcl.Range
	Settings map[string]Setting // by attribute name
	Related  []Related
}

// Secret is a string in the configuration that looks like an AWS credential.
// Only its first four characters are kept: the secret itself never enters the model.
type Secret struct {
	Kind      string // "access-key-id" or "secret-access-key"
	Prefix    string // first four characters
	Address   string // the block (or tfvars file) that holds it
	Range     hcl.Range
	Attribute string
}

// Graph is the identity graph: users, groups, roles, memberships, attachments,
// access keys, login profiles, account settings and credentials found in the
// configuration. It is built by package extract; rules read it.
type Graph struct {
	Users, Groups, Roles []*Entity
	Memberships          []*Membership
	Attachments          []*Attachment
	AccessKeys           []*AccessKey
	LoginProfiles        []*LoginProfile
	PasswordPolicies     []*PasswordPolicy
	Secrets              []*Secret
}
