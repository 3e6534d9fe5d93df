variable "actions" {
  type = list(string)
}

output "doc" {
  value = { actions = var.actions }
}
