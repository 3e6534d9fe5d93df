# The role the reporting job runs as. EC2 may assume it: that trust policy is fine.
resource "aws_iam_role" "reports" {
  name = local.name

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

# Mistake 1: "to get it working" someone granted every action on every resource.
resource "aws_iam_role_policy" "reports_admin" {
  name   = "${local.name}-admin"
  role   = aws_iam_role.reports.id
  policy = data.aws_iam_policy_document.admin.json
}

data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

# Done right: read-only access to the one bucket the job needs.
resource "aws_iam_role_policy" "reports_read" {
  name = "${local.name}-read"
  role = aws_iam_role.reports.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadReports"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = [aws_s3_bucket.reports.arn, "${aws_s3_bucket.reports.arn}/*"]
    }]
  })
}
