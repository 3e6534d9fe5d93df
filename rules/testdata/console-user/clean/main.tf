resource "aws_iam_user" "svc" {
  name = "svc"
}

resource "aws_ssoadmin_permission_set" "dev" {
  name         = "Developer"
  instance_arn = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
}
