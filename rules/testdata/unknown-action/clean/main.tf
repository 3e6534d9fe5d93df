# Any case, patterns, NotAction and unknown values are fine.
variable "extra_action" {
  type = string
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["S3:getobject", "s3:Get*", "iam:Pass*", "ec2:Describe*", "*", var.extra_action, "s3:*Object*"]
      Resource = "arn:aws:s3:::app-bucket/*"
      }, {
      Effect    = "Deny"
      NotAction = ["sts:GetCallerIdentity", "iam:List*"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]
    }]
  })
}
