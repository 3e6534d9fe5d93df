package iam

// Graph is the identity graph: users, groups, roles, memberships, attachments,
// access keys, login profiles, account settings and credentials found in the
// configuration. It is filled by package extract; rules read it.
type Graph struct{}
