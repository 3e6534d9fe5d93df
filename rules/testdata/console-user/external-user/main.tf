# The user exists already (created by hand); Terraform only adds a password.
resource "aws_iam_user_login_profile" "legacy" { # want "console-user"
  user    = "legacy-admin"
  pgp_key = "keybase:acme_ops"
}
