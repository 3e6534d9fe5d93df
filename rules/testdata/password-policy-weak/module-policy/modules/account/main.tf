variable "min_length" {
  type    = number
  default = 14
}

variable "max_age" {
  type    = number
  default = 90
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length      = var.min_length # want "password-policy-weak"
  password_reuse_prevention    = 5 # want "password-policy-weak"
  max_password_age             = var.max_age # want "password-policy-weak"
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_numbers              = true
  require_symbols              = true
}
