# A reusable stack that grants admin to a role named by its caller: the
# finding names the role's kind, its name is known after apply.
variable "role_name" {
  type = string
}

variable "admin_groups" {
  type = list(string)
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = var.role_name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
}

resource "aws_iam_policy_attachment" "iam_full" {
  name       = "iam-full"
  groups     = var.admin_groups
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess" # want "admin-policy-attached"
}
