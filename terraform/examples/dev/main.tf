# Development: everything on one small cluster (kind), single replicas, no OIDC.
#   cd terraform/examples/dev && terraform init && terraform apply

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
  source = "../../modules/knative"
}

module "kafka" {
  source   = "../../modules/kafka"
  replicas = 1
}

module "postgres" {
  source    = "../../modules/postgres"
  instances = 1
}

module "observability" {
  source = "../../modules/observability"
}

module "ripple" {
  source = "../../modules/ripple"

  overlay_path            = "${path.root}/../../../knative/overlays/dev"
  kafka_bootstrap_servers = module.kafka.bootstrap_servers
  otlp_endpoint           = module.observability.otlp_endpoint
  event_store_jdbc_url    = module.postgres.jdbc_url
  event_store_username    = module.postgres.username
  event_store_password    = module.postgres.password
  platform_ready = [
    module.knative.broker_ingress_url,
    module.kafka.bootstrap_servers,
    module.postgres.jdbc_url,
    module.observability.otlp_endpoint,
  ]
}
