module "people" {
  source = "./modules/people"
  people = { carol = ["eng"] }
}

resource "aws_iam_group" "eng" {
  name = "eng"
}
