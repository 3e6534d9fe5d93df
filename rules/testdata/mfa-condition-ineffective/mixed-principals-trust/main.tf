# One trust statement for the operators (with MFA) and for EC2: the MFA
# condition guards the people, and cuts EC2 off. The advice is to split the
# statement, not to drop the condition.
resource "aws_iam_role" "ops_and_ec2" {
  name = "ops-and-ec2"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        AWS     = "arn:aws:iam::123456789012:root"
        Service = "ec2.amazonaws.com"
      }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } # want "mfa-condition-ineffective"
    }]
  })
}

# Split: clean.
resource "aws_iam_role" "split" {
  name = "split"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "sts:AssumeRole"
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
      },
      {
        Effect    = "Allow"
        Principal = { Service = "ec2.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}
