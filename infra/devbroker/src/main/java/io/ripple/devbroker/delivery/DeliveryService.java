package io.ripple.devbroker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.ripple.devbroker.ingress.EventIngress;
import io.ripple.devbroker.ingress.InvalidEventException;
import io.ripple.devbroker.ingress.TtlExhaustedException;
import io.ripple.devbroker.log.CloudEventJson;
import io.ripple.devbroker.log.DeadLetter;
import io.ripple.devbroker.log.DeliveryOutcome;
import io.ripple.devbroker.log.EventLog;
import io.ripple.devbroker.log.StoredEvent;
import io.ripple.devbroker.telemetry.BrokerMetrics;
import io.ripple.devbroker.telemetry.TraceHeaders;
import io.ripple.devbroker.topology.DeliveryPolicy;
import io.ripple.devbroker.topology.Destination;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Delivers one event to one trigger's subscriber with Knative's delivery semantics: attempts =
 * retry + 1 with linear or exponential backoff; retry on 404, 408, 409, 429, 5xx and network
 * errors; then the dead letter sink (with {@code knativeerror*} extensions) or, without one, the
 * dead-letter store. A 2xx reply event re-enters the broker through {@link EventIngress}.
 */
public final class DeliveryService {

    /** Knative truncates {@code knativeerrordata} to this many bytes of the response body. */
    static final int MAX_ERROR_DATA = 1024;

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    private final Vertx vertx;
    private final SubscriberClient client;
    private final SubscriberResolver resolver;
    private final EventIngress ingress;
    private final EventLog log;
    private final TraceHeaders tracing;
    private final BrokerMetrics metrics;

    public DeliveryService(Vertx vertx, SubscriberClient client, SubscriberResolver resolver, EventIngress ingress,
            EventLog log, TraceHeaders tracing, BrokerMetrics metrics) {
        this.vertx = vertx;
        this.client = client;
        this.resolver = resolver;
        this.ingress = ingress;
        this.log = log;
        this.tracing = tracing;
        this.metrics = metrics;
    }

    /** Delivers {@code stored} to {@code trigger}; never completes exceptionally. */
    public CompletionStage<DeliveryResult> deliver(ActiveTrigger trigger, StoredEvent stored) {
        Attempts attempts = new Attempts(trigger, trigger.definition().subscriber(), stored.event(), stored, true);
        return attempts.run().thenCompose(delivered -> {
            if (delivered) {
                return CompletableFuture.completedFuture(attempts.result(DeliveryOutcome.DELIVERED));
            }
            return deadLetter(trigger, stored, attempts);
        }).exceptionally(unexpected -> {
            LOG.errorf(unexpected, "delivery of event %s to trigger %s failed unexpectedly",
                    stored.event().getId(), trigger.key());
            return new DeliveryResult(DeliveryOutcome.DEAD_LETTER_STORED, attempts.count, attempts.lastStatus,
                    "unexpected failure: " + unexpected.getMessage(), attempts.startedMs);
        });
    }

    /**
     * Delivers a dead letter to its trigger's subscriber again (same retry policy, no dead
     * letter sink at the end): {@link DeliveryOutcome#REPLAYED} or {@link DeliveryOutcome#REPLAY_FAILED}.
     */
    public CompletionStage<DeliveryResult> replay(ActiveTrigger trigger, DeadLetter letter) {
        CloudEvent event = CloudEventJson.deserialize(letter.payload());
        StoredEvent stored = new StoredEvent(letter.eventSeq(), letter.broker(), event, letter.createdMs());
        Attempts attempts = new Attempts(trigger, trigger.definition().subscriber(), event, stored, true);
        return attempts.run().thenCompose(delivered -> {
            DeliveryResult result = attempts.result(delivered ? DeliveryOutcome.REPLAYED : DeliveryOutcome.REPLAY_FAILED);
            return log.replayed(letter.id(), delivered ? DeadLetter.REPLAYED : DeadLetter.DEAD,
                    delivered ? "replayed" : "replay failed: " + attempts.lastDetail, attempts.lastStatus,
                    attempts.errorData(), attempts.count).thenApply(v -> result);
        });
    }

    private CompletionStage<DeliveryResult> deadLetter(ActiveTrigger trigger, StoredEvent stored, Attempts failed) {
        DeliveryPolicy policy = trigger.policy();
        Destination sink = policy.deadLetterSink();
        if (sink == null || sink.isDeadLetterStore()) {
            return store(trigger, stored, failed, "delivery failed: " + failed.lastDetail);
        }
        CloudEventBuilder withError = CloudEventBuilder.from(stored.event())
                .withExtension("knativeerrordest", failed.lastTarget == null
                        ? trigger.definition().subscriber().toString() : failed.lastTarget.toString());
        if (failed.lastStatus != null) {
            withError.withExtension("knativeerrorcode", failed.lastStatus);
        }
        String errorData = failed.errorData();
        if (errorData != null) {
            withError.withExtension("knativeerrordata", errorData);
        }
        Attempts toSink = new Attempts(trigger, sink, withError.build(), stored, false);
        return toSink.run().thenCompose(delivered -> {
            if (delivered) {
                return CompletableFuture.completedFuture(failed.result(DeliveryOutcome.DEAD_LETTERED));
            }
            return store(trigger, stored, failed, "delivery failed: " + failed.lastDetail
                    + "; dead letter sink " + sink + " failed too: " + toSink.lastDetail);
        });
    }

    private CompletionStage<DeliveryResult> store(ActiveTrigger trigger, StoredEvent stored, Attempts failed,
            String reason) {
        long now = System.currentTimeMillis();
        DeadLetter letter = new DeadLetter(0, trigger.key(), stored.broker(), stored.seq(), stored.event().getId(),
                CloudEventJson.serialize(stored.event()), reason, failed.lastStatus, failed.errorData(),
                failed.count, now, DeadLetter.DEAD, 0, now);
        return log.storeDeadLetter(letter).thenApply(id -> failed.result(DeliveryOutcome.DEAD_LETTER_STORED));
    }

    static boolean retryable(int status) {
        return status == 404 || status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** The attempts of one event to one destination. */
    private final class Attempts {
        private final ActiveTrigger trigger;
        private final Destination destination;
        private final CloudEvent event;
        private final StoredEvent cause;
        private final boolean acceptReplies;
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();
        private final long startedMs = System.currentTimeMillis();
        private int count;
        private @Nullable Integer lastStatus;
        private String lastDetail = "";
        private @Nullable Buffer lastBody;
        private @Nullable URI lastTarget;
        private Span deliverySpan = Span.getInvalid();

        Attempts(ActiveTrigger trigger, Destination destination, CloudEvent event, StoredEvent cause,
                boolean acceptReplies) {
            this.trigger = trigger;
            this.destination = destination;
            this.event = event;
            this.cause = cause;
            this.acceptReplies = acceptReplies;
        }

        /** Completes with {@code true} once delivered, {@code false} when attempts are used up. */
        CompletableFuture<Boolean> run() {
            attempt();
            return done;
        }

        DeliveryResult result(DeliveryOutcome outcome) {
            return new DeliveryResult(outcome, count, lastStatus, outcome == DeliveryOutcome.DELIVERED
                    || outcome == DeliveryOutcome.REPLAYED ? (lastDetail.isEmpty() ? null : lastDetail) : lastDetail,
                    startedMs);
        }

        @Nullable String errorData() {
            if (lastBody == null || lastBody.length() == 0) {
                return null;
            }
            byte[] bytes = lastBody.getBytes();
            return Base64.getEncoder().encodeToString(
                    bytes.length > MAX_ERROR_DATA ? Arrays.copyOf(bytes, MAX_ERROR_DATA) : bytes);
        }

        private void attempt() {
            count++;
            Span span = tracing.startDelivery(trigger.key(), event, count);
            Map<String, String> headers = tracing.headers(event, span);
            // The delivered event's extension names the delivery span too, so both carriers agree.
            CloudEvent outgoing = TraceHeaders.carrying(event, span);
            deliverySpan = span;
            headers.put("Prefer", "reply");
            resolve(destination).thenCompose(target -> {
                lastTarget = target;
                span.setAttribute("server.address", target.getHost());
                return client.post(target, outgoing, headers, trigger.policy().timeout());
            }).whenComplete((response, failure) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                    span.end();
                    failed(null, null, describe(failure), true);
                } else {
                    span.setAttribute("http.response.status_code", response.status());
                    span.end();
                    answered(response);
                }
            });
        }

        private CompletionStage<URI> resolve(Destination destination) {
            if (destination.ref() == null) {
                return CompletableFuture.completedFuture(destination.uri());
            }
            return resolver.resolve(destination.ref()).thenApply(base -> {
                URI relative = destination.uri();
                return relative == null ? base : base.resolve(relative);
            });
        }

        private void answered(SubscriberResponse response) {
            lastStatus = response.status();
            if (!response.isSuccess()) {
                failed(response.status(), response.body(), "HTTP " + response.status(),
                        retryable(response.status()));
                return;
            }
            if (!acceptReplies) {
                succeeded("");
                return;
            }
            Reply reply = Reply.of(response);
            if (reply instanceof Reply.None) {
                succeeded("");
            } else if (reply instanceof Reply.NotAnEvent notAnEvent) {
                failed(502, response.body(), notAnEvent.detail(), true);
            } else if (reply instanceof Reply.Event replyEvent) {
                storeReply(replyEvent.event(), response);
            }
        }

        private void storeReply(CloudEvent reply, SubscriberResponse response) {
            CompletableFuture<StoredEvent> stored;
            try {
                stored = ingress.acceptReply(cause.broker(), reply, cause.event(),
                        response.headers().get("traceparent"), response.headers().get("tracestate"),
                        io.opentelemetry.context.Context.root().with(deliverySpan));
            } catch (TtlExhaustedException e) {
                LOG.warnf("trigger %s: %s", trigger.key(), e.getMessage());
                succeeded(e.getMessage());
                return;
            } catch (InvalidEventException e) {
                failed(502, response.body(), "invalid reply: " + e.getMessage(), true);
                return;
            }
            stored.whenComplete((ok, failure) -> {
                if (failure == null) {
                    succeeded("reply " + reply.getId() + " accepted");
                } else {
                    // Knative: if the reply cannot be stored the delivery is not done.
                    failed(null, null, "reply could not be stored: " + describe(failure), true);
                }
            });
        }

        private void succeeded(String detail) {
            lastDetail = detail;
            done.complete(true);
        }

        private void failed(@Nullable Integer status, @Nullable Buffer body, String detail, boolean retryable) {
            lastStatus = status;
            lastBody = body;
            lastDetail = detail;
            DeliveryPolicy policy = trigger.policy();
            if (retryable && count < policy.attempts()) {
                metrics.retry(trigger.key());
                long delay = Math.max(1, policy.delayBefore(count).toMillis());
                vertx.setTimer(delay, id -> attempt());
            } else {
                done.complete(false);
            }
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "timeout: " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
