# A Strimzi-managed Kafka cluster in KRaft mode for the Knative Kafka broker.

locals {
  # Topic settings cannot ask for more replicas than there are nodes.
  replication = min(var.replicas, 3)
  min_isr     = max(local.replication - 1, 1)
}

resource "kubernetes_namespace_v1" "kafka" {
  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "ripple"
    }
  }
}

resource "helm_release" "strimzi" {
  name       = "strimzi"
  repository = "https://strimzi.io/charts/"
  chart      = "strimzi-kafka-operator"
  version    = var.strimzi_chart_version
  namespace  = kubernetes_namespace_v1.kafka.metadata[0].name
  wait       = true
}

resource "kubectl_manifest" "node_pool" {
  yaml_body = yamlencode({
    apiVersion = "kafka.strimzi.io/v1beta2"
    kind       = "KafkaNodePool"
    metadata = {
      name      = "dual-role"
      namespace = kubernetes_namespace_v1.kafka.metadata[0].name
      labels    = { "strimzi.io/cluster" = var.cluster_name }
    }
    spec = {
      replicas = var.replicas
      roles    = ["controller", "broker"]
      storage = {
        type = "jbod"
        volumes = [{
          id            = 0
          type          = "persistent-claim"
          size          = var.storage_size
          deleteClaim   = false
          kraftMetadata = "shared"
        }]
      }
    }
  })

  depends_on = [helm_release.strimzi]
}

resource "kubectl_manifest" "cluster" {
  yaml_body = yamlencode({
    apiVersion = "kafka.strimzi.io/v1beta2"
    kind       = "Kafka"
    metadata = {
      name      = var.cluster_name
      namespace = kubernetes_namespace_v1.kafka.metadata[0].name
      annotations = {
        "strimzi.io/node-pools" = "enabled"
        "strimzi.io/kraft"      = "enabled"
      }
    }
    spec = {
      kafka = {
        version = var.kafka_version
        listeners = [{
          name = "plain"
          port = 9092
          type = "internal"
          tls  = false
        }]
        config = {
          "offsets.topic.replication.factor"         = local.replication
          "transaction.state.log.replication.factor" = local.replication
          "transaction.state.log.min.isr"            = local.min_isr
          "default.replication.factor"               = local.replication
          "min.insync.replicas"                      = local.min_isr
        }
      }
      entityOperator = {
        topicOperator = {}
        userOperator  = {}
      }
    }
  })

  depends_on = [kubectl_manifest.node_pool]
}
