output "bootstrap_servers" {
  description = "Plain-text bootstrap address of the Kafka cluster, for the Kafka broker config and KafkaSinks."
  value       = "${var.cluster_name}-kafka-bootstrap.${var.namespace}.svc:9092"

  depends_on = [kubectl_manifest.cluster]
}

output "namespace" {
  description = "Namespace of the Kafka cluster."
  value       = kubernetes_namespace_v1.kafka.metadata[0].name
}
