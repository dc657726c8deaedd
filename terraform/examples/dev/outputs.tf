output "broker_url" {
  description = "In-cluster broker ingress URL (kubectl port-forward -n knative-eventing svc/kafka-broker-ingress 8080:80, then POST to http://127.0.0.1:8080/ripple/default)."
  value       = module.ripple.broker_url
}

output "jaeger_url" {
  description = "In-cluster Jaeger UI URL (kubectl port-forward -n observability svc/jaeger 16686)."
  value       = module.observability.jaeger_url
}

output "prometheus_url" {
  description = "In-cluster Prometheus URL (kubectl port-forward -n observability svc/prometheus 9090)."
  value       = module.observability.prometheus_url
}
