# PostgreSQL for the event store, run by the CloudNativePG operator. The owner's password
# is generated here and handed to CloudNativePG, so the app secret can be written without
# reading anything back from the cluster.

resource "helm_release" "cnpg" {
  name             = "cnpg"
  repository       = "https://cloudnative-pg.github.io/charts"
  chart            = "cloudnative-pg"
  version          = var.operator_chart_version
  namespace        = var.operator_namespace
  create_namespace = true
  wait             = true
}

resource "kubernetes_namespace_v1" "data" {
  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "ripple"
    }
  }
}

resource "random_password" "owner" {
  length  = 32
  special = false
}

resource "kubernetes_secret_v1" "owner" {
  metadata {
    name      = "${var.cluster_name}-owner"
    namespace = kubernetes_namespace_v1.data.metadata[0].name
  }
  type = "kubernetes.io/basic-auth"
  data = {
    username = var.database_owner
    password = random_password.owner.result
  }
}

resource "kubectl_manifest" "cluster" {
  yaml_body = yamlencode({
    apiVersion = "postgresql.cnpg.io/v1"
    kind       = "Cluster"
    metadata = {
      name      = var.cluster_name
      namespace = kubernetes_namespace_v1.data.metadata[0].name
      labels    = { "app.kubernetes.io/part-of" = "ripple" }
    }
    spec = {
      instances = var.instances
      imageName = var.postgres_image
      storage   = { size = var.storage_size }
      bootstrap = {
        initdb = {
          database = var.database
          owner    = var.database_owner
          secret   = { name = kubernetes_secret_v1.owner.metadata[0].name }
        }
      }
    }
  })

  depends_on = [helm_release.cnpg]
}
