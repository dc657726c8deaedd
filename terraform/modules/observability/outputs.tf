output "otlp_endpoint" {
  description = "OTLP/gRPC endpoint the actors export to (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT)."
  # built from variables only, so it is known at plan time (the ripple module patches it into
  # the overlay, which must be rendered during plan)
  value = "http://otel-collector.${var.namespace}.svc:4317"

  depends_on = [kubernetes_service_v1.collector, kubernetes_deployment_v1.collector]
}

output "jaeger_url" {
  description = "In-cluster URL of the Jaeger UI (kubectl port-forward -n <namespace> svc/jaeger 16686)."
  value       = "http://${kubernetes_service_v1.jaeger.metadata[0].name}.${var.namespace}.svc:16686"
}

output "prometheus_url" {
  description = "In-cluster URL of Prometheus (kubectl port-forward -n <namespace> svc/prometheus 9090)."
  value       = "http://${kubernetes_service_v1.prometheus.metadata[0].name}.${var.namespace}.svc:9090"
}
