# Project configuration used by config_test.go.
fail_on      = "high"
min_severity = "low"
exclude      = ["modules/legacy", "**/*.generated.tf", "vendor/**"]
enable       = ["wildcard-resource"]
disable      = ["console-user"]

rule "wildcard-resource" {
  severity                   = "low"
  extra_resourceless_actions = ["cloudwatch:PutMetricData", "xray:PutTraceSegments"]
}

rule "oidc-trust-unscoped" {
  enabled          = false
  trusted_subjects = ["repo:my-org/*:ref:refs/heads/main"]
}

ignore {
  rule    = "wildcard-action"
  address = "module.legacy.*"
  reason  = "being rewritten"
  expires = "2027-01-31"
}

ignore {
  rule    = "*"
  address = "aws_iam_policy.break_glass"
  reason  = "break-glass"
}

ignore {
  rule    = "passrole-wildcard"
  address = "aws_iam_role.gone"
  reason  = "stale"
}

ignore {
  rule    = "wildcard-principal"
  address = "aws_s3_bucket_policy.*"
  reason  = "old"
  expires = "2020-01-01"
}
