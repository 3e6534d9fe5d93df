# Attachments whose policy ARN (or the list of them) is a conditional whose
# condition has no value (var.admin): each branch is attached, one of them
# is in Terraform.
variable "admin" {
  type = bool
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  managed_policy_arns = concat(
    ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    var.admin ? ["arn:aws:iam::aws:policy/AdministratorAccess"] : [], # want "admin-policy-attached"
  )
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role_policy_attachment" "ci" {
  role = aws_iam_role.ci.name
  policy_arn = (var.admin
    ? "arn:aws:iam::aws:policy/AdministratorAccess" # want "admin-policy-attached"
    : "arn:aws:iam::aws:policy/ReadOnlyAccess"
  )
}
