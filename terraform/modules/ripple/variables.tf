variable "overlay_path" {
  description = "Path of the kustomize overlay to apply, e.g. knative/overlays/dev (relative to where terraform runs, or absolute)."
  type        = string

  validation {
    condition     = fileexists("${var.overlay_path}/kustomization.yaml")
    error_message = "overlay_path must be a directory holding a kustomization.yaml."
  }
}

variable "namespace" {
  description = "Namespace the overlay deploys Ripple into (knative/base uses ripple); the event-store Secret is created there."
  type        = string
  default     = "ripple"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label."
  }
}

variable "kafka_bootstrap_servers" {
  description = "Kafka bootstrap address written into kafka-broker-config and the dead-letter KafkaSink (the kafka module's bootstrap_servers)."
  type        = string

  validation {
    condition     = can(regex("^[^,\\s]+:[0-9]+(,[^,\\s]+:[0-9]+)*$", var.kafka_bootstrap_servers))
    error_message = "kafka_bootstrap_servers must be host:port[,host:port...]."
  }
}

variable "otlp_endpoint" {
  description = "OTLP endpoint written into the ripple-observability ConfigMap (the observability module's otlp_endpoint)."
  type        = string

  validation {
    condition     = can(regex("^https?://", var.otlp_endpoint))
    error_message = "otlp_endpoint must be an http:// or https:// URL."
  }
}

variable "event_store_jdbc_url" {
  description = "JDBC URL of the event store (RIPPLE_STORE_URL), e.g. the postgres module's jdbc_url."
  type        = string

  validation {
    condition     = startswith(var.event_store_jdbc_url, "jdbc:postgresql://")
    error_message = "event_store_jdbc_url must be a jdbc:postgresql:// URL."
  }
}

variable "event_store_username" {
  description = "Database role of the event store (RIPPLE_STORE_USER)."
  type        = string

  validation {
    condition     = length(var.event_store_username) > 0
    error_message = "event_store_username must not be empty."
  }
}

variable "event_store_password" {
  description = "Password of that role (RIPPLE_STORE_PASSWORD)."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.event_store_password) >= 12
    error_message = "event_store_password must have at least 12 characters."
  }
}

variable "broker_public_host" {
  description = "Host name under which external producers reach the broker through an Ingress; empty for no Ingress (in-cluster producers only)."
  type        = string
  default     = ""

  validation {
    condition     = var.broker_public_host == "" || can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.broker_public_host))
    error_message = "broker_public_host must be empty or a DNS name."
  }
}

variable "ingress_class_name" {
  description = "IngressClass of the cluster's ingress controller, used when broker_public_host is set."
  type        = string
  default     = "nginx"

  validation {
    condition     = length(var.ingress_class_name) > 0
    error_message = "ingress_class_name must not be empty."
  }
}

variable "platform_ready" {
  description = "Outputs of the platform modules (knative, kafka, postgres, observability). The app waits for them; a module-level depends_on would instead defer reading the overlay to apply time, when its resources can no longer be planned."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for value in var.platform_ready : length(value) > 0])
    error_message = "platform_ready must not contain empty values."
  }
}
