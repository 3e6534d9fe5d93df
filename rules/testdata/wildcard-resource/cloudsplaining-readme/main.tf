# The two policies of Cloudsplaining's README (salesforce/cloudsplaining,
# "Motivation"): s3:PutObject on "*" is flagged, s3:GetObject on
# arn:aws:s3:::my-bucket/* is the fixed version and is clean. The
# scan-policy-file example's "Resource Exposure" / "Infrastructure
# Modification" actions (ecr:SetRepositoryPolicy, s3:PutBucketPolicy,
# ecr:CreateRepository, ... on "*") are flagged; its read-only actions are not.
resource "aws_iam_policy" "cs1" {
  name   = "cs1"
  policy = file("${path.module}/cs1.json")
}

resource "aws_iam_policy" "cs2" {
  name   = "cs2"
  policy = file("${path.module}/cs2.json")
}

resource "aws_iam_policy" "explicit" {
  name = "explicit-actions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "ecr:SetRepositoryPolicy",
        "ecr:CreateRepository",
        "s3:PutBucketPolicy",
        "s3:PutObjectAcl",
        "s3:ListAllMyBuckets",
        "ecr:GetAuthorizationToken",
        "ecr:DescribeRepositories",
      ]
      Resource = "*" # want "wildcard-resource"
    }]
  })
}
