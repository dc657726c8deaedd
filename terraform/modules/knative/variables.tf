variable "serving_version" {
  description = "Knative Serving release to install (also used for net-kourier), without the knative-v prefix."
  type        = string
  default     = "1.20.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.serving_version))
    error_message = "serving_version must be a release number such as 1.20.0."
  }
}

variable "eventing_version" {
  description = "Knative Eventing release to install, without the knative-v prefix."
  type        = string
  default     = "1.20.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.eventing_version))
    error_message = "eventing_version must be a release number such as 1.20.0."
  }
}

variable "eventing_kafka_version" {
  description = "Knative eventing-kafka-broker release (Kafka broker and KafkaSink), without the knative-v prefix. Keep it on the same minor as eventing_version."
  type        = string
  default     = "1.20.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.eventing_kafka_version))
    error_message = "eventing_kafka_version must be a release number such as 1.20.0."
  }
}

variable "oidc_enabled" {
  description = "Turn on Knative's authentication-oidc feature: senders to the broker must present a token, and EventPolicies decide who may send. Needs an actor runtime that sends the SinkBinding's /oidc/token."
  type        = bool
  default     = false
}

variable "registries_skipping_tag_resolving" {
  description = "Registries whose image tags Knative Serving does not resolve to digests (images loaded into the nodes directly, e.g. with kind load)."
  type        = list(string)
  default     = ["kind.local", "ko.local", "dev.local"]

  validation {
    condition     = alltrue([for registry in var.registries_skipping_tag_resolving : length(trimspace(registry)) > 0])
    error_message = "registries_skipping_tag_resolving must not contain empty names."
  }
}
