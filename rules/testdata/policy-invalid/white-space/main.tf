# IAM does not trim a Resource or a principal: " *" is not "*" nor an ARN,
# and " arn:aws:iam::111122223333:root" names no principal. AWS rejects the
# policy (MalformedPolicyDocument, S3's "Invalid principal in policy").
resource "aws_iam_policy" "spaced_resource" {
  name = "spaced-resource"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:PutObject"
      Resource = [" *", "arn:aws:s3:::b/* ", "arn:aws:s3:::c/*"] # want "policy-invalid" "policy-invalid"
    }]
  })
}

resource "aws_iam_role" "spaced_principal" {
  name = "spaced-principal"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [" arn:aws:iam::111122223333:root", "444455556666"] } # want "policy-invalid"
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "spaced_star" {
  bucket = "b"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "* " } # want "policy-invalid"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
    }]
  })
}
