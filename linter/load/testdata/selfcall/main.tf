module "me" {
  source = "../selfcall"
}

resource "aws_iam_user" "s" {
  name = "s"
}
