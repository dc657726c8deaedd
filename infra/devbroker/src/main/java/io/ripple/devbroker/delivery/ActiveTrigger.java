package io.ripple.devbroker.delivery;

import io.ripple.devbroker.topology.DeliveryPolicy;
import io.ripple.devbroker.topology.TriggerDefinition;

/** A trigger with its effective delivery policy (trigger's spec over broker's over defaults). */
public record ActiveTrigger(TriggerDefinition definition, DeliveryPolicy policy) {

    public String key() {
        return definition.key();
    }
}
