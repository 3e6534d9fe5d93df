# IAM does not trim a principal: " 111122223333" and
# "arn:aws:iam::111122223333:root " are no account (policy-invalid reports
# them; AWS rejects the policy), so no account is trusted without MFA.
resource "aws_iam_role" "spaced" {
  name = "spaced"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [" 111122223333", "arn:aws:iam::111122223333:root "] }
      Action    = "sts:AssumeRole"
    }]
  })
}
