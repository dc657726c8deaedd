variable "namespace" {
  description = "Namespace of the OpenTelemetry Collector, Jaeger and Prometheus. knative/base assumes observability."
  type        = string
  default     = "observability"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label."
  }
}

variable "otel_collector_image" {
  description = "OpenTelemetry Collector (contrib distribution: it has the Prometheus exporter) image, pinned."
  type        = string
  default     = "otel/opentelemetry-collector-contrib:0.116.1"

  validation {
    condition     = can(regex(":[0-9][^:/]*$", var.otel_collector_image))
    error_message = "otel_collector_image must carry an explicit version tag."
  }
}

variable "jaeger_image" {
  description = "Jaeger all-in-one image (in-memory storage: traces are lost on restart), pinned."
  type        = string
  default     = "jaegertracing/all-in-one:1.64.0"

  validation {
    condition     = can(regex(":[0-9][^:/]*$", var.jaeger_image))
    error_message = "jaeger_image must carry an explicit version tag."
  }
}

variable "prometheus_image" {
  description = "Prometheus image, pinned."
  type        = string
  default     = "prom/prometheus:v3.1.0"

  validation {
    condition     = can(regex(":v?[0-9][^:/]*$", var.prometheus_image))
    error_message = "prometheus_image must carry an explicit version tag."
  }
}

variable "prometheus_retention" {
  description = "How long Prometheus keeps samples (its --storage.tsdb.retention.time)."
  type        = string
  default     = "7d"

  validation {
    condition     = can(regex("^[0-9]+(h|d|w|y)$", var.prometheus_retention))
    error_message = "prometheus_retention must be a duration such as 7d."
  }
}
