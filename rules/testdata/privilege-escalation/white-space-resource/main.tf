# IAM does not trim a Resource: " *" is not every user (policy-invalid
# reports it; AWS rejects the policy), so no escalation is granted.
resource "aws_iam_policy" "spaced" {
  name = "spaced"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:PutUserPolicy"]
      Resource = " *"
    }]
  })
}
