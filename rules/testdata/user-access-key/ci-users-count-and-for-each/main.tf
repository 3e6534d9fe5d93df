# CI users with keys, written three ways; a rotation keeps two keys per user.
# The instances of one block (for_each, count) are one finding: the element
# is written once.
resource "aws_iam_user" "ci" {
  for_each = toset(["github-ci", "jenkins"])
  name     = each.key
  path     = "/ci/"
}

resource "aws_iam_access_key" "ci" { # want "user-access-key"
  for_each = aws_iam_user.ci
  user     = each.value.name
}

resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer_v1" { # want "user-access-key"
  user   = aws_iam_user.deployer.name
  status = "Inactive"
}

resource "aws_iam_access_key" "deployer_v2" { # want "user-access-key"
  user    = aws_iam_user.deployer.name
  pgp_key = "keybase:acme_ops"
}

resource "aws_iam_access_key" "legacy" { # want "user-access-key"
  count = 2
  user  = "legacy-ci"
}

output "deployer_secret" {
  value     = aws_iam_access_key.deployer_v2.encrypted_secret
  sensitive = true
}
