# One managed policy per JSON file: fileset reads the directory at plan time,
# so each file's policy is linted (and located in the file).
resource "aws_iam_policy" "from_files" {
  for_each = fileset("${path.module}/policies", "*.json")
  name     = trimsuffix(each.value, ".json")
  policy   = file("${path.module}/policies/${each.value}")
}

# "**" reaches nested directories; {a,b} picks alternatives.
resource "aws_iam_policy" "nested" {
  for_each = fileset(path.module, "policies/**/{admin,break-glass}.json")
  name     = replace(each.value, "/", "-")
  policy   = file("${path.module}/${each.value}")
}

# A directory that does not exist is an empty set, as in Terraform.
resource "aws_iam_policy" "none" {
  for_each = fileset("${path.module}/missing", "*.json")
  name     = each.value
  policy   = file("${path.module}/missing/${each.value}")
}
