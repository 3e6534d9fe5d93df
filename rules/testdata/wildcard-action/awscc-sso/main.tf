# The inline policy of an awscc_sso_permission_set is an identity policy for
# the users the permission set is assigned to: a grant of every action is
# reported (it was not read). managed_policies is a list of ARNs, no
# document: nothing is read from it.
resource "awscc_sso_permission_set" "admin" {
  instance_arn     = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  name             = "admin"
  managed_policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*" # want "wildcard-action"
      Resource = "*"
    }]
  })
}

resource "awscc_sso_permission_set" "reader" {
  instance_arn  = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  name          = "reader"
  inline_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
