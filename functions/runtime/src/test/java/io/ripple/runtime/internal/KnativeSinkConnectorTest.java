package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector against a real HTTP sink, called the way a Funqy function calls it: from
 * worker threads that carry the Vert.x context of the request being served, so a pooled
 * connection is used from other event loops than the one it was opened on.
 */
class KnativeSinkConnectorTest {

    private static final int EVENTS = 3_000;

    private Vertx vertx;
    private HttpServer sink;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger options = new AtomicInteger();
    private volatile int status = 202;
    private volatile String answerBody = "";

    @BeforeEach
    void startSink() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        sink = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.method() == HttpMethod.OPTIONS) {
                options.incrementAndGet();
            }
            received.incrementAndGet();
            request.response().setStatusCode(status).end(answerBody);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Flow.Subscriber<Message<?>> subscriber(KnativeSinkConnector connector) {
        Config config = new SmallRyeConfigBuilder().withDefaultValues(Map.of(
                "url", "http://127.0.0.1:" + sink.actualPort() + "/ripple/default", "timeout-ms", "10000")).build();
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) connector.getSubscriber(config);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        return subscriber;
    }

    /**
     * Runs {@code publication} as Quarkus serves a Funqy call: on a worker thread, with a duplicate
     * of the request's event-loop context, a different event loop from call to call.
     */
    private void asARequest(ExecutorService workers, Runnable publication) {
        ContextInternal request = ((VertxInternal) vertx).createEventLoopContext().duplicate();
        workers.execute(() -> request.dispatch(publication));
    }

    private static CloudEvent event(int n) {
        return CloudEventBuilder.v1().withId("event-" + n).withSource(URI.create("/actors/test/" + n))
                .withType("test.happened").withDataContentType("application/json")
                .withData("{\"n\":%d}".formatted(n).getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void everyAcceptedEventIsAcknowledgedWhenConnectionsAreSharedAcrossEventLoops() throws Exception {
        KnativeSinkConnector connector = new KnativeSinkConnector(vertx);
        Flow.Subscriber<Message<?>> subscriber = subscriber(connector);
        CountDownLatch verdicts = new CountDownLatch(EVENTS);
        Map<String, Throwable> nacked = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < EVENTS; i++) {
                CloudEvent event = event(i);
                asARequest(workers, () -> subscriber.onNext(Message.of(event, () -> {
                    verdicts.countDown();
                    return CompletableFuture.completedFuture(null);
                }, failure -> {
                    nacked.put(event.getId(), failure);
                    verdicts.countDown();
                    return CompletableFuture.completedFuture(null);
                })));
            }
            boolean all = verdicts.await(60, TimeUnit.SECONDS);
            assertThat(nacked).as("publications refused although the sink answered 202").isEmpty();
            assertThat(all).as("every publication has a verdict (%d of %d), the sink received %d", EVENTS
                    - verdicts.getCount(), EVENTS, received.get()).isTrue();
        } finally {
            workers.shutdownNow();
            connector.close();
        }
    }

    @Test
    void aRefusalCarriesTheSinksStatusAndAnswer() throws Exception {
        status = 400;
        answerBody = "{\"title\":\"Invalid event\"}";
        KnativeSinkConnector connector = new KnativeSinkConnector(vertx);
        Flow.Subscriber<Message<?>> subscriber = subscriber(connector);
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        asARequest(worker, () -> subscriber.onNext(Message.of(event(1),
                () -> {
                    refusal.completeExceptionally(new AssertionError("acknowledged a 400"));
                    return CompletableFuture.completedFuture(null);
                }, failure -> {
                    refusal.complete(failure);
                    return CompletableFuture.completedFuture(null);
                })));
        try {
            Throwable failure = refusal.get(20, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(SinkRejectedException.class)
                    .hasMessageContaining("answered 400").hasMessageContaining("Invalid event");
        } finally {
            worker.shutdownNow();
            connector.close();
        }
    }

    @Test
    void theWarmUpAsksTheSinkOnceAndOnlyWhenCalled() throws Exception {
        KnativeSinkConnector connector = new KnativeSinkConnector(vertx);
        Flow.Subscriber<Message<?>> subscriber = subscriber(connector);
        try {
            connector.warmUp();
            await().atMost(Duration.ofSeconds(10)).untilAtomic(options, equalTo(1));

            CompletableFuture<Void> accepted = new CompletableFuture<>();
            subscriber.onNext(Message.of(event(1), () -> {
                accepted.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                accepted.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
            accepted.get(10, TimeUnit.SECONDS);
            // Creating the subscriber happens during the start and must not use the network: the
            // warm-up's OPTIONS and the event are all the sink ever got.
            assertThat(options).hasValue(1);
            assertThat(received).hasValue(2);
        } finally {
            connector.close();
        }
    }

    @Test
    void noSinkConfiguredFailsEveryPublicationWithTheReason() throws Exception {
        KnativeSinkConnector connector = new KnativeSinkConnector(vertx);
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) connector.getSubscriber(
                new SmallRyeConfigBuilder().build());
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();
        subscriber.onNext(Message.of(event(1), () -> CompletableFuture.completedFuture(null), failure -> {
            refusal.complete(failure);
            return CompletableFuture.completedFuture(null);
        }));
        assertThat(refusal.get(5, TimeUnit.SECONDS)).hasMessageContaining("K_SINK");
        assertThat(received).as("nothing was sent").hasValue(0);
        connector.close();
    }
}
