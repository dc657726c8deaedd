package io.ripple.runtime.internal;

import io.cloudevents.CloudEvent;
import java.util.List;

/**
 * The outcome of one command and the CloudEvents to publish for it.
 *
 * @param outcome   applied, rejected or duplicate
 * @param events    the events to publish, in order (the stored ones for a duplicate)
 * @param conflicts how many times the append lost a race and the command was decided again
 */
public record ProcessingResult(ProcessingOutcome outcome, List<CloudEvent> events, int conflicts) {

    public ProcessingResult {
        events = List.copyOf(events);
    }
}
