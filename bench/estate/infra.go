package estate

import "fmt"

// infraFiles are the files of an infrastructure root module (Options.IAMEvery):
// as many files as an IAM root, of the same size, with the HCL that real
// estates are mostly made of (for_each and count, dynamic blocks,
// conditionals, templates and heredocs, function calls) and no IAM resource.
func (g *gen) infraFiles() map[string]string {
	return map[string]string{
		"main.tf":       g.infraMainTF(),
		"variables.tf":  g.variablesTF(),
		"locals.tf":     g.infraLocalsTF(),
		"network.tf":    g.networkTF(),
		"compute.tf":    g.computeTF(),
		"storage.tf":    g.storageTF(),
		"database.tf":   g.databaseTF(),
		"dns.tf":        g.dnsTF(),
		"monitoring.tf": g.monitoringTF(),
		"outputs.tf":    g.infraOutputsTF(),
	}
}

func (g *gen) infraMainTF() string {
	head := `terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
  backend "s3" {
    bucket = "state-bucket"
    key    = "infra.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = local.tags
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}
`
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
resource "aws_eip" "nat%d" {
  domain = "vpc"
  tags   = merge(local.tags, { Name = "%s-nat-%d" })
}

resource "aws_nat_gateway" "nat%d" {
  allocation_id = aws_eip.nat%d.id
  subnet_id     = aws_subnet.public[%d %% length(aws_subnet.public)].id
  tags          = merge(local.tags, { Name = "%s-nat-%d" })
}
`, i, g.name(), i, i, i, i, g.name(), i)
	})
}

func (g *gen) infraLocalsTF() string {
	head := fmt.Sprintf(`locals {
  prefix = "%s-${var.env}"
  tags = {
    Owner       = "platform"
    Root        = "%s"
    Environment = var.env
  }
  azs     = slice(data.aws_availability_zones.available.names, 0, 3)
  cidr    = "10.%d.0.0/16"
  subnets = { for i, az in local.azs : az => cidrsubnet(local.cidr, 8, i) }
  ports   = { http = 80, https = 443, ssh = 22 }
}
`, g.name(), g.name(), g.root%250)
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
locals {
  service_%d = {
    name     = "svc-%d"
    replicas = var.env == "prod" ? %d : 1
    image    = format("%%s/svc-%d:%%s", "registry.example.com", "v1.%d")
    labels   = { for k, v in local.tags : lower(k) => v }
  }
}
`, i, i, i%5+2, i, i)
	})
}

func (g *gen) networkTF() string {
	head := `resource "aws_vpc" "main" {
  cidr_block           = local.cidr
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = "${local.prefix}-vpc" })
}

resource "aws_subnet" "public" {
  for_each          = local.subnets
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = each.key
  tags              = merge(local.tags, { Name = "${local.prefix}-public-${each.key}", Tier = "public" })
}
`
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
resource "aws_security_group" "sg%d" {
  name        = "${local.prefix}-sg-%d"
  description = "Service %d"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.ports
    content {
      description = "${ingress.key} from the VPC"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [aws_vpc.main.cidr_block]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, i, i, i)
	})
}

func (g *gen) computeTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
resource "aws_launch_template" "lt%d" {
  name_prefix   = "${local.prefix}-lt-%d-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = var.env == "prod" ? "m5.large" : "t3.micro"
  user_data = base64encode(<<-EOT
    #!/bin/sh
    echo "service ${local.service_0.name} instance %d" > /etc/motd
  EOT
  )
  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.prefix}-%d" })
  }
}

resource "aws_instance" "app%d" {
  count                  = var.env == "prod" ? 2 : 1
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = values(aws_subnet.public)[count.index %% 3].id
  vpc_security_group_ids = [aws_security_group.sg0.id]
  tags                   = merge(local.tags, { Name = "app-%d-${count.index}" })
}
`, i, i, i, i, i, i)
	})
}

func (g *gen) storageTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
resource "aws_s3_bucket" "data%d" {
  bucket = "${local.prefix}-data-%d"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "data%d" {
  bucket = aws_s3_bucket.data%d.id
  versioning_configuration {
    status = var.env == "prod" ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data%d" {
  bucket = aws_s3_bucket.data%d.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration {
      days = %d
    }
  }
}
`, i, i, i, i, i, i, 30+i%60)
	})
}

func (g *gen) databaseTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
resource "aws_dynamodb_table" "t%d" {
  name         = "${local.prefix}-table-%d"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  dynamic "attribute" {
    for_each = ["pk", "sk"]
    content {
      name = attribute.value
      type = "S"
    }
  }

  point_in_time_recovery {
    enabled = var.env == "prod"
  }
  tags = local.tags
}
`, i, i)
	})
}

func (g *gen) dnsTF() string {
	head := fmt.Sprintf(`resource "aws_route53_zone" "main" {
  name = "%s.example.com"
}
`, g.name())
	return g.fill(head, func(i int) string {
		return fmt.Sprintf(`
resource "aws_route53_record" "r%d" {
  for_each = toset(["a", "b", "c"])
  zone_id  = aws_route53_zone.main.zone_id
  name     = "svc-%d-${each.key}.${aws_route53_zone.main.name}"
  type     = "CNAME"
  ttl      = 300
  records  = ["lb-%d.example.com"]
}
`, i, i, i)
	})
}

func (g *gen) monitoringTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
resource "aws_cloudwatch_metric_alarm" "cpu%d" {
  alarm_name          = "${local.prefix}-cpu-%d"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 120
  statistic           = "Average"
  threshold           = %d
  alarm_description   = join(" ", ["CPU of", local.service_0.name, "above", "%d%%"])
  dimensions = {
    InstanceId = aws_instance.app0[0].id
  }
}
`, i, i, 60+i%30, 60+i%30)
	})
}

func (g *gen) infraOutputsTF() string {
	return g.fill("", func(i int) string {
		return fmt.Sprintf(`
output "subnet_ids_%d" {
  value = [for s in aws_subnet.public : s.id]
}

output "table_arn_%d" {
  value = aws_dynamodb_table.t0.arn
}
`, i, i)
	})
}
