resource "aws_iam_account_password_policy" "strict" { # want "password-policy-weak" "password-policy-weak"
  minimum_password_length        = 8 # want "password-policy-weak"
  require_lowercase_characters   = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_symbols                = false # want "password-policy-weak"
  allow_users_to_change_password = true
}
