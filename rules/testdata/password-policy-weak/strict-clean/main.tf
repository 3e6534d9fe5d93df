# CIS AWS Foundations 1.8 / 1.9: every attribute at or above the benchmark.
resource "aws_iam_account_password_policy" "cis" {
  minimum_password_length        = 16
  password_reuse_prevention      = 24
  max_password_age               = 60
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  hard_expiry                    = false
}
