package io.ripple.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes resource as read from a file: its raw tree (for schema validation) and
 * its fabric8 typed form (for rules).
 *
 * @param file     where it came from
 * @param raw      the document as parsed from YAML
 * @param resource the fabric8 model of the document
 */
public record Manifest(String file, JsonNode raw, HasMetadata resource) {

    /** {@code apiVersion} as written, e.g. {@code eventing.knative.dev/v1}. */
    public String apiVersion() {
        return resource.getApiVersion();
    }

    /** {@code kind} as written, e.g. {@code Trigger}. */
    public String kind() {
        return resource.getKind();
    }

    /** {@code metadata.name}. */
    public String name() {
        return resource.getMetadata().getName();
    }

    /** {@code metadata.namespace}, or the empty string when the resource does not state one. */
    public String namespace() {
        String namespace = resource.getMetadata().getNamespace();
        return namespace == null ? "" : namespace;
    }

    /** {@code Kind/name}, how problems name a resource. */
    public String id() {
        return kind() + "/" + name();
    }

    /** A problem about this resource. */
    public Problem problem(String fieldPath, String message) {
        return new Problem(file, id(), fieldPath, message);
    }
}
