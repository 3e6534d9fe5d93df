# The trust policy of an awscc_iam_role (assume_role_policy_document) is a
# trust policy: one that lets every principal assume the role is reported
# (it was not read at all).
resource "awscc_iam_role" "open" {
  role_name = "open"
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # want "wildcard-principal"
      Action    = "sts:AssumeRole"
    }]
  })
}
