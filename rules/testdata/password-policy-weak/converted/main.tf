# Terraform converts strings to the attributes' types: "1" and "0" are
# bools, "1e1" is the number 10. Converted, they are read as such.
resource "aws_iam_account_password_policy" "converted" {
  minimum_password_length        = "1e1" # want "password-policy-weak"
  password_reuse_prevention      = "24"
  max_password_age               = "9e1"
  require_lowercase_characters   = "1"
  require_uppercase_characters   = "true"
  require_numbers                = "0" # want "password-policy-weak"
  require_symbols                = true
  allow_users_to_change_password = "1"
}
