variable "kubeconfig_path" {
  description = "Kubeconfig of the existing cluster to install into."
  type        = string
  default     = "~/.kube/config"

  validation {
    condition     = length(var.kubeconfig_path) > 0
    error_message = "kubeconfig_path must not be empty."
  }
}

variable "kube_context" {
  description = "Context in that kubeconfig."
  type        = string

  validation {
    condition     = length(var.kube_context) > 0
    error_message = "kube_context must not be empty."
  }
}

variable "broker_public_host" {
  description = "DNS name external producers use to reach the broker (an Ingress is created for it); empty for none."
  type        = string
  default     = ""

  validation {
    condition     = var.broker_public_host == "" || can(regex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", var.broker_public_host))
    error_message = "broker_public_host must be empty or a DNS name."
  }
}

variable "ingress_class_name" {
  description = "IngressClass of the cluster's ingress controller, for the broker Ingress."
  type        = string
  default     = "nginx"

  validation {
    condition     = length(var.ingress_class_name) > 0
    error_message = "ingress_class_name must not be empty."
  }
}

variable "oidc_enabled" {
  description = "Require OIDC tokens and EventPolicies at the broker. Only turn on once the actor runtime sends the SinkBinding's /oidc/token (see docs/deploy.md)."
  type        = bool
  default     = false
}
