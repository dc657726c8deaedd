variable "operator_namespace" {
  description = "Namespace of the CloudNativePG operator."
  type        = string
  default     = "cnpg-system"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.operator_namespace))
    error_message = "operator_namespace must be a DNS label."
  }
}

variable "operator_chart_version" {
  description = "Version of the cloudnative-pg Helm chart."
  type        = string
  default     = "0.23.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.operator_chart_version))
    error_message = "operator_chart_version must be a chart version such as 0.23.0."
  }
}

variable "namespace" {
  description = "Namespace of the event store's PostgreSQL cluster."
  type        = string
  default     = "ripple-data"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label."
  }
}

variable "cluster_name" {
  description = "Name of the CloudNativePG Cluster; clients connect to the <cluster_name>-rw service."
  type        = string
  default     = "ripple-event-store"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label."
  }
}

variable "instances" {
  description = "PostgreSQL instances (one primary, the rest streaming replicas). 1 for development, 3 in production."
  type        = number
  default     = 1

  validation {
    condition     = var.instances >= 1 && floor(var.instances) == var.instances
    error_message = "instances must be a whole number of at least 1."
  }
}

variable "postgres_image" {
  description = "PostgreSQL operand image, pinned."
  type        = string
  default     = "ghcr.io/cloudnative-pg/postgresql:16.6"

  validation {
    condition     = can(regex(":[0-9][^:/]*$", var.postgres_image))
    error_message = "postgres_image must carry an explicit version tag."
  }
}

variable "storage_size" {
  description = "Persistent volume size of each instance, as a Kubernetes quantity."
  type        = string
  default     = "5Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|Ti)$", var.storage_size))
    error_message = "storage_size must be a quantity such as 5Gi."
  }
}

variable "database" {
  description = "Database holding the event store."
  type        = string
  default     = "ripple"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]*$", var.database))
    error_message = "database must be a lower-case SQL identifier."
  }
}

variable "database_owner" {
  description = "Role that owns the database; the actors connect as this role."
  type        = string
  default     = "ripple"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]*$", var.database_owner))
    error_message = "database_owner must be a lower-case SQL identifier."
  }
}
