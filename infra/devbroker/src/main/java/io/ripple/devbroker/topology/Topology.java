package io.ripple.devbroker.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the broker serves, as read from the manifests directory.
 *
 * @param brokers  by {@code <namespace>/<name>}
 * @param services Knative Services declared in the manifests, by {@code <namespace>/<name>}
 */
public record Topology(Map<String, BrokerDefinition> brokers, List<TriggerDefinition> triggers,
        Map<String, ServiceReference> services) {

    public Optional<BrokerDefinition> broker(String namespace, String name) {
        return Optional.ofNullable(brokers.get(namespace + "/" + name));
    }

    public List<TriggerDefinition> triggersOf(String brokerKey) {
        return triggers.stream().filter(t -> t.brokerKey().equals(brokerKey)).toList();
    }
}
