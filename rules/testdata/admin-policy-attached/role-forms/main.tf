data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# managed_policy_arns on the role itself.
resource "aws_iam_role" "bastion" {
  name               = "bastion"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/AdministratorAccess", # want "admin-policy-attached"
  ]
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

resource "aws_iam_role_policy_attachment" "app_power" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess" # want "admin-policy-attached"
}

resource "aws_iam_role_policy_attachment" "app_ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

# The legacy exclusive attachment, to users, groups and roles at once.
resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_group" "admins" {
  name = "Admins"
}

resource "aws_iam_policy_attachment" "admins" {
  name       = "admins"
  users      = [aws_iam_user.ops.name]
  groups     = [aws_iam_group.admins.name]
  roles      = [aws_iam_role.app.name]
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess" # want "admin-policy-attached"
}

resource "aws_iam_group_policy_attachment" "org" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess" # want "admin-policy-attached"
}
