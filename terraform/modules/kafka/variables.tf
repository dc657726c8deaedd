variable "namespace" {
  description = "Namespace of the Strimzi operator and the Kafka cluster."
  type        = string
  default     = "kafka"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label."
  }
}

variable "cluster_name" {
  description = "Name of the Kafka cluster; its bootstrap service is <cluster_name>-kafka-bootstrap. knative/base assumes ripple-kafka."
  type        = string
  default     = "ripple-kafka"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label."
  }
}

variable "strimzi_chart_version" {
  description = "Version of the strimzi-kafka-operator Helm chart (KRaft-only releases, 0.46 or later)."
  type        = string
  default     = "0.47.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.strimzi_chart_version))
    error_message = "strimzi_chart_version must be a chart version such as 0.47.0."
  }
}

variable "kafka_version" {
  description = "Apache Kafka version the Strimzi operator runs; must be one the chart version supports."
  type        = string
  default     = "4.0.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.kafka_version))
    error_message = "kafka_version must be a version such as 4.0.0."
  }
}

variable "replicas" {
  description = "Kafka nodes (each both KRaft controller and broker). 1 for development, 3 or more in production."
  type        = number
  default     = 1

  validation {
    condition     = var.replicas >= 1 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number of at least 1."
  }
}

variable "storage_size" {
  description = "Persistent volume size of each Kafka node, as a Kubernetes quantity."
  type        = string
  default     = "10Gi"

  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|Ti)$", var.storage_size))
    error_message = "storage_size must be a quantity such as 10Gi."
  }
}
