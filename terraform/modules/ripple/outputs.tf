output "broker_url" {
  description = "In-cluster ingress URL of Ripple's broker (what K_SINK is set to)."
  value       = "http://kafka-broker-ingress.knative-eventing.svc.cluster.local/${var.namespace}/default"

  depends_on = [kustomization_resource.resources]
}

output "broker_public_url" {
  description = "URL external producers post CloudEvents to, or null when no Ingress was asked for."
  value       = var.broker_public_host == "" ? null : "http://${var.broker_public_host}/${var.namespace}/default"
}

output "applied_resources" {
  description = "Resource ids (group_kind|namespace|name) of everything the overlay applied."
  value       = sort(concat(keys(kustomization_resource.namespaces), keys(kustomization_resource.resources), keys(kustomization_resource.webhooks)))
}
