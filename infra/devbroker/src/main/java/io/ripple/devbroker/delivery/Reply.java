package io.ripple.devbroker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.util.Map;

/** What a subscriber's 2xx answer carries. */
sealed interface Reply {

    /** Nothing: the delivery is done. */
    record None() implements Reply {
    }

    /** A CloudEvent to put back into the broker. */
    record Event(CloudEvent event) implements Reply {
    }

    /** A body that is not a CloudEvent: a failed delivery (Knative answers 502 for it). */
    record NotAnEvent(String detail) implements Reply {
    }

    /**
     * Reads the reply of a successful response. Knative's data plane: a response MUST be empty
     * or a valid CloudEvent; 202 Accepted carries no reply.
     */
    static Reply of(SubscriberResponse response) {
        if (response.status() == 202) {
            return new None();
        }
        if (response.body().length() == 0 && !claimsAnEncoding(response)) {
            // The common answer (204 or an empty 200): decided here, because asking the SDK would
            // build and throw an "unknown encoding" exception for every delivery.
            return new None();
        }
        byte[] body = response.body().getBytes();
        MessageReader reader;
        try {
            reader = HttpMessageFactory.createReader(forEach -> {
                for (Map.Entry<String, String> header : response.headers()) {
                    forEach.accept(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue());
                }
            }, body);
        } catch (CloudEventRWException e) {
            if (e.getKind() == CloudEventRWException.CloudEventRWExceptionKind.UNKNOWN_ENCODING) {
                return new NotAnEvent("non-empty response that is not a CloudEvent (status " + response.status() + ")");
            }
            return new NotAnEvent("reply is not a valid CloudEvent: " + e.getMessage());
        } catch (RuntimeException e) {
            return new NotAnEvent("reply is not a valid CloudEvent: " + e.getMessage());
        }
        try {
            return new Event(reader.toEvent());
        } catch (RuntimeException e) {
            return new NotAnEvent("reply is not a valid CloudEvent: " + e.getMessage());
        }
    }

    /**
     * Whether the answer names a CloudEvents encoding, as the SDK decides it: a binary-mode
     * {@code ce-specversion} header or a structured-mode {@code application/cloudevents} type.
     */
    private static boolean claimsAnEncoding(SubscriberResponse response) {
        String contentType = response.headers().get("content-type");
        return response.headers().contains("ce-specversion") || (contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/cloudevents"));
    }
}
