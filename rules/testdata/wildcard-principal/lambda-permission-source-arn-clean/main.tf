resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowBucket"
  action         = "lambda:InvokeFunction"
  function_name  = "thumbnailer"
  principal      = "*"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = "111122223333"
}

resource "aws_lambda_permission" "org" {
  statement_id     = "AllowOrg"
  action           = "lambda:InvokeFunction"
  function_name    = "thumbnailer"
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}
