# A key given as the default of an optional attribute of a variable's
# object type: terraform fills it in when the caller leaves it out.
variable "creds" {
  type = object({
    access_key = optional(string, "AKIAJ7VQ5Z2XKQ3MNB4Q")                     # want "hardcoded-credentials"
    secret_key = optional(string, "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") # want "hardcoded-credentials"
    AWS_SECRET_ACCESS_KEY = optional(
      string,
      "u8Xk2Lq9Vb3Nz7Rt5Yc1Wm4Hd6Jf0Gs8Pa2Eb9Cn" # want "hardcoded-credentials"
    )
    secret_key_arn = optional(string, "arn:aws:secretsmanager:us-east-1:123456789012:secret:k")
    role           = optional(string, "u8Xk2Lq9Vb3Nz7Rt5Yc1Wm4Hd6Jf0Gs8Pa2Eb9Cp")
  })
  default = {}
}
