# A Principal that names nobody (an empty list, as a filtered for expression
# may leave) is one finding with that reason; a Principal of the wrong type
# is one finding too, not a second one saying it names nobody.
resource "aws_iam_role" "empty_list" {
  name = "empty-list"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = [for a in [] : a] } # want "policy-invalid"
    }]
  })
}

resource "aws_iam_role" "number" {
  name = "number"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = 5 # want "policy-invalid"
    }]
  })
}
