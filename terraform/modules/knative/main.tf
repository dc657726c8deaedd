# Installs Knative Serving (with Kourier as its ingress), Knative Eventing and the Knative
# Kafka broker + KafkaSink from their released manifests, at pinned versions.

locals {
  serving_release  = "https://github.com/knative/serving/releases/download/knative-v${var.serving_version}"
  kourier_release  = "https://github.com/knative-extensions/net-kourier/releases/download/knative-v${var.serving_version}"
  eventing_release = "https://github.com/knative/eventing/releases/download/knative-v${var.eventing_version}"
  kafka_release    = "https://github.com/knative-extensions/eventing-kafka-broker/releases/download/knative-v${var.eventing_kafka_version}"

  crd_files = {
    serving_crds  = "${local.serving_release}/serving-crds.yaml"
    eventing_crds = "${local.eventing_release}/eventing-crds.yaml"
  }
  component_files = {
    serving_core     = "${local.serving_release}/serving-core.yaml"
    kourier          = "${local.kourier_release}/kourier.yaml"
    eventing_core    = "${local.eventing_release}/eventing-core.yaml"
    kafka_controller = "${local.kafka_release}/eventing-kafka-controller.yaml"
    kafka_broker     = "${local.kafka_release}/eventing-kafka-broker.yaml"
    kafka_sink       = "${local.kafka_release}/eventing-kafka-sink.yaml"
  }

  # The app (knative/base) owns kafka-broker-config, so its bootstrap servers match the
  # Strimzi cluster; applying the release's copy too would make two owners fight over it.
  app_owned = ["/api/v1/namespaces/knative-eventing/configmaps/kafka-broker-config"]

  crd_documents = merge([for name, _ in local.crd_files : data.kubectl_file_documents.release[name].manifests]...)
  component_documents = {
    for key, body in merge([for name, _ in local.component_files : data.kubectl_file_documents.release[name].manifests]...) :
    key => body if !contains(local.app_owned, key)
  }
}

data "http" "release" {
  for_each = merge(local.crd_files, local.component_files)
  url      = each.value

  lifecycle {
    postcondition {
      condition     = self.status_code == 200
      error_message = "Downloading ${self.url} answered ${self.status_code}; is the version right?"
    }
  }
}

data "kubectl_file_documents" "release" {
  for_each = data.http.release
  content  = each.value.response_body
}

resource "kubectl_manifest" "crds" {
  for_each          = local.crd_documents
  yaml_body         = each.value
  server_side_apply = true
  wait              = true
}

resource "kubectl_manifest" "components" {
  for_each          = local.component_documents
  yaml_body         = each.value
  server_side_apply = true
  force_conflicts   = true
  wait_for_rollout  = true

  depends_on = [kubectl_manifest.crds]
}

# Kourier serves Knative Services (and the cluster-local actors) once Serving is told to use it.
resource "kubernetes_config_map_v1_data" "serving_network" {
  metadata {
    name      = "config-network"
    namespace = "knative-serving"
  }
  data = {
    "ingress-class" = "kourier.ingress.networking.knative.dev"
  }
  force = true

  depends_on = [kubectl_manifest.components]
}

resource "kubernetes_config_map_v1_data" "serving_deployment" {
  metadata {
    name      = "config-deployment"
    namespace = "knative-serving"
  }
  data = {
    "registries-skipping-tag-resolving" = join(",", var.registries_skipping_tag_resolving)
  }
  force = true

  depends_on = [kubectl_manifest.components]
}

resource "kubernetes_config_map_v1_data" "eventing_features" {
  metadata {
    name      = "config-features"
    namespace = "knative-eventing"
  }
  data = {
    "authentication-oidc" = var.oidc_enabled ? "enabled" : "disabled"
  }
  force = true

  depends_on = [kubectl_manifest.components]
}
