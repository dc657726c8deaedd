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
  description = "Context in that kubeconfig (kind names it kind-<cluster>)."
  type        = string
  default     = "kind-ripple"

  validation {
    condition     = length(var.kube_context) > 0
    error_message = "kube_context must not be empty."
  }
}
