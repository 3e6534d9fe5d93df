variable "name" {
  type = string
}
variable "queues" {
  type = list(string)
}
variable "admin" {
  type    = bool
  default = false
}
variable "actions" {
  type    = list(string)
  default = []
}

resource "aws_sqs_queue" "q" {
  count = length(var.queues)
  name  = "${var.name}-${var.queues[count.index]}"
}

module "policy" {
  source     = "../policy"
  role_name  = var.name
  queue_arns = aws_sqs_queue.q[*].arn
  actions    = var.admin ? ["sqs:*"] : ["sqs:SendMessage", "sqs:ReceiveMessage"] # want "wildcard-service-action"
  extra      = var.actions
}
