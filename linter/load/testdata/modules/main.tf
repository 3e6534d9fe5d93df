module "c" {
  source   = "./child"
  for_each = { one = "*", two = "s3:*" }
  action   = each.value
}

module "remote" {
  source = "terraform-aws-modules/iam/aws"
}

output "doc" {
  value = module.c["one"].policy
}

resource "aws_iam_policy" "fromchild" {
  policy = module.c["one"].policy
}
