action = "s3:PutObject"
