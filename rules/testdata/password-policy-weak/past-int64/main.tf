# Whole numbers past what a 64-bit integer holds are still compared:
# passwords that expire after 1e20 days never do, and a minimum length of
# -1e400 is no minimum. They were read as nothing (no finding), while 20
# days or a length of -1 were reported.
resource "aws_iam_account_password_policy" "huge" {
  minimum_password_length        = -1e400 # want "password-policy-weak"
  password_reuse_prevention      = 123456789012345678901234567890
  max_password_age               = 1e20 # want "password-policy-weak"
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
}
