# Applies knative/overlays/<env> with the addresses of the platform installed by the other
# modules patched in, and creates the event-store Secret the actors read. The Secret goes
# in between the namespace and the Services, so no revision starts without its database.

data "kustomization_overlay" "ripple" {
  resources = [var.overlay_path]

  patches {
    target {
      kind = "ConfigMap"
      name = "kafka-broker-config"
    }
    patch = yamlencode([{ op = "replace", path = "/data/bootstrap.servers", value = var.kafka_bootstrap_servers }])
  }

  patches {
    target {
      group = "eventing.knative.dev"
      kind  = "KafkaSink"
    }
    patch = yamlencode([{ op = "replace", path = "/spec/bootstrapServers", value = split(",", var.kafka_bootstrap_servers) }])
  }

  patches {
    target {
      kind = "ConfigMap"
      name = "ripple-observability"
    }
    patch = yamlencode([{ op = "replace", path = "/data/QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", value = var.otlp_endpoint }])
  }
}

# Orders the app after the platform without making the overlay's data source depend on
# unknown values (its resource ids must be known at plan time for for_each).
resource "terraform_data" "platform" {
  input = var.platform_ready
}

# ids_prio: [0] namespaces and CRDs, [1] everything else, [2] webhooks
resource "kustomization_resource" "namespaces" {
  for_each = data.kustomization_overlay.ripple.ids_prio[0]
  manifest = data.kustomization_overlay.ripple.manifests[each.value]

  depends_on = [terraform_data.platform]
}

resource "kubernetes_secret_v1" "event_store" {
  metadata {
    name      = "ripple-event-store"
    namespace = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "ripple"
      "app.kubernetes.io/name"    = "ripple-event-store"
    }
  }
  data = {
    url      = var.event_store_jdbc_url
    user     = var.event_store_username
    password = var.event_store_password
  }

  depends_on = [kustomization_resource.namespaces]
}

resource "kustomization_resource" "resources" {
  for_each = data.kustomization_overlay.ripple.ids_prio[1]
  manifest = data.kustomization_overlay.ripple.manifests[each.value]

  depends_on = [kubernetes_secret_v1.event_store]
}

resource "kustomization_resource" "webhooks" {
  for_each = data.kustomization_overlay.ripple.ids_prio[2]
  manifest = data.kustomization_overlay.ripple.manifests[each.value]

  depends_on = [kustomization_resource.resources]
}

# Optional public entry for external producers. The broker ingress checks their OIDC token
# and the EventPolicies itself (when authentication-oidc is enabled): the Ingress only routes.
resource "kubernetes_ingress_v1" "broker" {
  count = var.broker_public_host == "" ? 0 : 1

  metadata {
    name      = "ripple-broker"
    namespace = "knative-eventing"
    labels    = { "app.kubernetes.io/part-of" = "ripple" }
  }
  spec {
    ingress_class_name = var.ingress_class_name
    rule {
      host = var.broker_public_host
      http {
        path {
          path      = "/${var.namespace}/default"
          path_type = "Exact"
          backend {
            service {
              name = "kafka-broker-ingress"
              port {
                number = 80
              }
            }
          }
        }
      }
    }
  }

  depends_on = [kustomization_resource.resources]
}
