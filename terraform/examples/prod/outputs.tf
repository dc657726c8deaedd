output "broker_url" {
  description = "In-cluster broker ingress URL (what the actors' K_SINK points at)."
  value       = module.ripple.broker_url
}

output "broker_public_url" {
  description = "URL for external producers, or null without broker_public_host."
  value       = module.ripple.broker_public_url
}

output "jaeger_url" {
  description = "In-cluster Jaeger UI URL."
  value       = module.observability.jaeger_url
}

output "prometheus_url" {
  description = "In-cluster Prometheus URL."
  value       = module.observability.prometheus_url
}
