# Roles, users and groups created elsewhere (by hand, another stack, AWS
# Organizations), referenced by literal name: the attachment still counts.
resource "aws_iam_role_policy_attachment" "org_access" {
  role       = "OrganizationAccountAccessRole"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}

resource "aws_iam_user_policy_attachment" "legacy" {
  user       = "legacy-admin"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = "ops-team"
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess" # want "admin-policy-attached"
}

data "aws_iam_role" "existing" {
  name = "jenkins"
}

resource "aws_iam_role_policy_attachment" "jenkins" {
  role       = data.aws_iam_role.existing.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess" # want "admin-policy-attached"
}
