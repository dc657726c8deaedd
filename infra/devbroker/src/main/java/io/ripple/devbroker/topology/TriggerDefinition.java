package io.ripple.devbroker.topology;

import io.ripple.devbroker.filter.EventFilter;

/**
 * A Trigger read from a manifest.
 *
 * @param ordered {@code kafka.eventing.knative.dev/delivery.order: ordered}: one event in flight per
 *                {@code partitionkey}
 */
public record TriggerDefinition(String namespace, String name, String broker, EventFilter filter,
        Destination subscriber, PartialDelivery delivery, boolean ordered, String file) {

    /** {@code <namespace>/<name>}: the trigger's identity in the log (delivery progress). */
    public String key() {
        return namespace + "/" + name;
    }

    /** {@code <namespace>/<broker>} of the broker it subscribes to. */
    public String brokerKey() {
        return namespace + "/" + broker;
    }
}
