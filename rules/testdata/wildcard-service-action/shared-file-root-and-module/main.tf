# The root module and a called module both read one policy file: two
# resources, two findings (the module directory linted on its own is the
# called instance, reported once).
module "m" {
  source = "./modules/m"
  path   = "policies/ecs.json"
}

resource "aws_iam_policy" "root" {
  policy = file("policies/ecs.json")
}
