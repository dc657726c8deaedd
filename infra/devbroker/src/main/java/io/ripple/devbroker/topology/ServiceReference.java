package io.ripple.devbroker.topology;

/** A reference to a Knative Service ({@code serving.knative.dev/v1}) by namespace and name. */
public record ServiceReference(String namespace, String name) {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
