resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = "image-resizer"
  principal     = "*" # want "wildcard-principal"
}

resource "aws_lambda_permission" "sns" {
  statement_id  = "AllowSNS"
  action        = "lambda:InvokeFunction"
  function_name = "image-resizer"
  principal     = "sns.amazonaws.com"
  source_arn    = "arn:aws:sns:eu-west-1:111122223333:uploads"
}
