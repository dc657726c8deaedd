output "jdbc_url" {
  description = "JDBC URL of the primary (read-write service)."
  value       = "jdbc:postgresql://${var.cluster_name}-rw.${var.namespace}.svc:5432/${var.database}"

  depends_on = [kubectl_manifest.cluster]
}

output "username" {
  description = "Role the actors connect as."
  value       = var.database_owner
}

output "password" {
  description = "Password of that role."
  value       = random_password.owner.result
  sensitive   = true
}
