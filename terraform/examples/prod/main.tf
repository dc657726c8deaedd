# Production: replicated Kafka and PostgreSQL, optional public broker entry with OIDC.
#   cd terraform/examples/prod && terraform init && terraform apply -var kube_context=<ctx>

provider "kubernetes" {
  config_path    = pathexpand(var.kubeconfig_path)
  config_context = var.kube_context
}

provider "helm" {
  kubernetes {
    config_path    = pathexpand(var.kubeconfig_path)
    config_context = var.kube_context
  }
}

provider "kubectl" {
  config_path      = pathexpand(var.kubeconfig_path)
  config_context   = var.kube_context
  load_config_file = true
}

provider "kustomization" {
  kubeconfig_path = pathexpand(var.kubeconfig_path)
  context         = var.kube_context
}

module "knative" {
  source       = "../../modules/knative"
  oidc_enabled = var.oidc_enabled
  # released images are resolved to digests; nothing is loaded into nodes by hand
  registries_skipping_tag_resolving = ["kind.local", "ko.local", "dev.local"]
}

module "kafka" {
  source       = "../../modules/kafka"
  replicas     = 3
  storage_size = "50Gi"
}

module "postgres" {
  source       = "../../modules/postgres"
  instances    = 3
  storage_size = "20Gi"
}

module "observability" {
  source               = "../../modules/observability"
  prometheus_retention = "15d"
}

module "ripple" {
  source = "../../modules/ripple"

  overlay_path            = "${path.root}/../../../knative/overlays/prod"
  kafka_bootstrap_servers = module.kafka.bootstrap_servers
  otlp_endpoint           = module.observability.otlp_endpoint
  event_store_jdbc_url    = module.postgres.jdbc_url
  event_store_username    = module.postgres.username
  event_store_password    = module.postgres.password
  broker_public_host      = var.broker_public_host
  ingress_class_name      = var.ingress_class_name
  platform_ready = [
    module.knative.broker_ingress_url,
    module.kafka.bootstrap_servers,
    module.postgres.jdbc_url,
    module.observability.otlp_endpoint,
  ]
}
