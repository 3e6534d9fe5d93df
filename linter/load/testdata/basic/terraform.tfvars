from_tfvars = "arn:aws:s3:::b/*"
