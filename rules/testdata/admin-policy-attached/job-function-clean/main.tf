# Narrow AWS managed policies, job functions and a customer policy named
# like an admin one: none is an administrator policy.
resource "aws_iam_group" "support" {
  name = "support"
}

resource "aws_iam_group_policy_attachment" "view_only" {
  group      = aws_iam_group.support.name
  policy_arn = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
}

resource "aws_iam_group_policy_attachment" "support_user" {
  group      = aws_iam_group.support.name
  policy_arn = "arn:aws:iam::aws:policy/job-function/SupportUser"
}

resource "aws_iam_group_policy_attachment" "iam_ro" {
  group      = aws_iam_group.support.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}

resource "aws_iam_policy" "fake_admin" {
  name = "AdministratorAccess"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::reports" }]
  })
}

resource "aws_iam_group_policy_attachment" "fake_admin" {
  group      = aws_iam_group.support.name
  policy_arn = aws_iam_policy.fake_admin.arn
}

resource "aws_iam_group_policy_attachment" "customer_named" {
  group      = aws_iam_group.support.name
  policy_arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}
