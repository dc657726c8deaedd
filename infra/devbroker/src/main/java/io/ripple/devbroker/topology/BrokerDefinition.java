package io.ripple.devbroker.topology;

/** A Broker read from a manifest, with its delivery spec still partial (see {@link PartialDelivery}). */
public record BrokerDefinition(String namespace, String name, PartialDelivery delivery, String file) {

    /** {@code <namespace>/<name>}, the key used in the log and in URLs. */
    public String key() {
        return namespace + "/" + name;
    }
}
