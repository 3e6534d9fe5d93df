module "people" {
  source = "./modules/people"
  people = { carol = ["eng"] }
}

resource "aws_iam_group" "eng" {
  name = "eng"
}

variable "ops_role_name" {
  type = string
}

resource "aws_iam_role_policy_attachment" "ops_admin" {
  role       = var.ops_role_name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
