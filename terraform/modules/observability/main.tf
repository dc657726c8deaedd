# Where the actors' telemetry goes: they export OTLP to the collector, which sends traces
# to Jaeger and exposes metrics for Prometheus to scrape. Plain Deployments with pinned
# images keep the moving parts few; swap in the vendors' operators for production scale.

locals {
  labels = { "app.kubernetes.io/part-of" = "ripple-observability" }

  collector_config = yamlencode({
    receivers = {
      otlp = {
        protocols = {
          grpc = { endpoint = "0.0.0.0:4317" }
          http = { endpoint = "0.0.0.0:4318" }
        }
      }
    }
    processors = { batch = {} }
    exporters = {
      "otlp/jaeger" = {
        endpoint = "jaeger.${var.namespace}.svc:4317"
        tls      = { insecure = true }
      }
      prometheus = { endpoint = "0.0.0.0:8889" }
    }
    service = {
      pipelines = {
        traces  = { receivers = ["otlp"], processors = ["batch"], exporters = ["otlp/jaeger"] }
        metrics = { receivers = ["otlp"], processors = ["batch"], exporters = ["prometheus"] }
      }
    }
  })

  prometheus_config = yamlencode({
    global = { scrape_interval = "15s" }
    scrape_configs = [
      { job_name = "otel-collector", static_configs = [{ targets = ["otel-collector.${var.namespace}.svc:8889"] }] },
      { job_name = "prometheus", static_configs = [{ targets = ["localhost:9090"] }] },
    ]
  })
}

resource "kubernetes_namespace_v1" "observability" {
  metadata {
    name   = var.namespace
    labels = local.labels
  }
}

# --- Jaeger -------------------------------------------------------------------------------

resource "kubernetes_deployment_v1" "jaeger" {
  metadata {
    name      = "jaeger"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "jaeger" })
  }
  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "jaeger" }
    }
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/name" = "jaeger" })
      }
      spec {
        container {
          name  = "jaeger"
          image = var.jaeger_image
          env {
            name  = "COLLECTOR_OTLP_ENABLED"
            value = "true"
          }
          port {
            name           = "query"
            container_port = 16686
          }
          port {
            name           = "otlp-grpc"
            container_port = 4317
          }
          readiness_probe {
            http_get {
              path = "/"
              port = 14269
            }
          }
          resources {
            requests = { cpu = "50m", memory = "128Mi" }
            limits   = { memory = "512Mi" }
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "jaeger" {
  metadata {
    name      = "jaeger"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = local.labels
  }
  spec {
    selector = { "app.kubernetes.io/name" = "jaeger" }
    port {
      name        = "query"
      port        = 16686
      target_port = 16686
    }
    port {
      name        = "otlp-grpc"
      port        = 4317
      target_port = 4317
    }
  }
}

# --- OpenTelemetry Collector --------------------------------------------------------------

resource "kubernetes_config_map_v1" "collector" {
  metadata {
    name      = "otel-collector"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = local.labels
  }
  data = {
    "config.yaml" = local.collector_config
  }
}

resource "kubernetes_deployment_v1" "collector" {
  metadata {
    name      = "otel-collector"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "otel-collector" })
  }
  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "otel-collector" }
    }
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/name" = "otel-collector" })
        annotations = {
          # roll the collector when its configuration changes
          "checksum/config" = sha256(local.collector_config)
        }
      }
      spec {
        container {
          name  = "otel-collector"
          image = var.otel_collector_image
          args  = ["--config=/conf/config.yaml"]
          port {
            name           = "otlp-grpc"
            container_port = 4317
          }
          port {
            name           = "otlp-http"
            container_port = 4318
          }
          port {
            name           = "metrics"
            container_port = 8889
          }
          volume_mount {
            name       = "config"
            mount_path = "/conf"
          }
          resources {
            requests = { cpu = "50m", memory = "128Mi" }
            limits   = { memory = "512Mi" }
          }
        }
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.collector.metadata[0].name
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "collector" {
  metadata {
    name      = "otel-collector"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = local.labels
  }
  spec {
    selector = { "app.kubernetes.io/name" = "otel-collector" }
    port {
      name        = "otlp-grpc"
      port        = 4317
      target_port = 4317
    }
    port {
      name        = "otlp-http"
      port        = 4318
      target_port = 4318
    }
    port {
      name        = "metrics"
      port        = 8889
      target_port = 8889
    }
  }
}

# --- Prometheus ---------------------------------------------------------------------------

resource "kubernetes_config_map_v1" "prometheus" {
  metadata {
    name      = "prometheus"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = local.labels
  }
  data = {
    "prometheus.yml" = local.prometheus_config
  }
}

resource "kubernetes_deployment_v1" "prometheus" {
  metadata {
    name      = "prometheus"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/name" = "prometheus" })
  }
  spec {
    replicas = 1
    selector {
      match_labels = { "app.kubernetes.io/name" = "prometheus" }
    }
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/name" = "prometheus" })
        annotations = {
          "checksum/config" = sha256(local.prometheus_config)
        }
      }
      spec {
        container {
          name  = "prometheus"
          image = var.prometheus_image
          args = [
            "--config.file=/etc/prometheus/prometheus.yml",
            "--storage.tsdb.retention.time=${var.prometheus_retention}",
          ]
          port {
            name           = "web"
            container_port = 9090
          }
          readiness_probe {
            http_get {
              path = "/-/ready"
              port = 9090
            }
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/prometheus"
          }
          resources {
            requests = { cpu = "50m", memory = "256Mi" }
            limits   = { memory = "1Gi" }
          }
        }
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.prometheus.metadata[0].name
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "prometheus" {
  metadata {
    name      = "prometheus"
    namespace = kubernetes_namespace_v1.observability.metadata[0].name
    labels    = local.labels
  }
  spec {
    selector = { "app.kubernetes.io/name" = "prometheus" }
    port {
      name        = "web"
      port        = 9090
      target_port = 9090
    }
  }
}
