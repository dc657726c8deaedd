output "broker_ingress_url" {
  description = "In-cluster base URL of the Kafka broker ingress; a broker's address is <this>/<namespace>/<broker>."
  value       = "http://kafka-broker-ingress.knative-eventing.svc.cluster.local"

  depends_on = [kubectl_manifest.components]
}

output "oidc_enabled" {
  description = "Whether Knative's authentication-oidc feature is on."
  value       = var.oidc_enabled

  depends_on = [kubernetes_config_map_v1_data.eventing_features]
}

output "versions" {
  description = "Installed Knative releases."
  value = {
    serving        = var.serving_version
    eventing       = var.eventing_version
    eventing_kafka = var.eventing_kafka_version
  }
}
