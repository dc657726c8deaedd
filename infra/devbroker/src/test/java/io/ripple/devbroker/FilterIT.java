package io.ripple.devbroker;

import static io.ripple.devbroker.support.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ripple.devbroker.support.BrokerProcess;
import io.ripple.devbroker.support.Events;
import io.ripple.devbroker.support.Subscriber;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trigger filters: {@code filter.attributes} and each {@code filters} dialect. Every trigger
 * posts to its own path of one subscriber; trigger {@code everything} (no filter) tells when the
 * broker has dispatched an event, so "not delivered" is checked after that, not after a sleep.
 */
class FilterIT {

    static Subscriber sink;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        sink = Subscriber.start();
        broker = BrokerProcess.with("filters").service("sink", sink.url()).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        sink.close();
    }

    @Test
    void attributesFilterMatchesExactValuesAndEmptyMeansPresent() {
        assertRouting("/attributes",
                List.of(event("f.attributes").withSubject("any-subject").build()),
                List.of(event("f.attributes").build(), event("f.attributes.other").withSubject("x").build()));
    }

    @Test
    void exactFilter() {
        assertRouting("/exact", List.of(event("f.exact").build()),
                List.of(event("f.exact.not").build(), event("x.f.exact").build()));
    }

    @Test
    void prefixFilter() {
        assertRouting("/prefix", List.of(event("f.prefix.one").build(), event("f.prefix.").build()),
                List.of(event("f.prefi").build(), event("x.f.prefix.one").build()));
    }

    @Test
    void suffixFilter() {
        assertRouting("/suffix", List.of(event("x.suffix-test").build()),
                List.of(event("x.suffix-test.no").build()));
    }

    @Test
    void allFilterNeedsEveryExpression() {
        assertRouting("/all", List.of(event("f.all").withSubject("s1").build()),
                List.of(event("f.all").withSubject("s2").build(), event("f.all").build()));
    }

    @Test
    void anyFilterNeedsOneExpression() {
        assertRouting("/any", List.of(event("f.any.a").build(), event("f.any.b").build()),
                List.of(event("f.any.c").build()));
    }

    @Test
    void notFilterInvertsAndTopLevelFiltersAreAnded() {
        assertRouting("/not", List.of(withSource(event("f.not.included"), "/f-not")),
                List.of(withSource(event("f.not.excluded"), "/f-not"), event("f.not.included").build()));
    }

    @Test
    void cesqlFilter() {
        assertRouting("/cesql", List.of(event("f.cesql").withSubject("vip-7").build()),
                List.of(event("f.cesql").withSubject("regular").build(), event("f.cesql").build()));
    }

    @Test
    void filtersOverrideTheLegacyFilter() {
        assertRouting("/override", List.of(event("f.override.new").build()),
                List.of(event("f.override.legacy").build()));
    }

    @Test
    void everyMatchingTriggerGetsExactlyOneDelivery() {
        CloudEvent sent = event("f.exact").build();
        assertThat(Events.post(broker.ingress(), sent).statusCode()).isEqualTo(202);

        await().until(() -> delivered("/everything", sent) && delivered("/exact", sent));
        long seq = seqOf(sent);
        await().until(() -> broker.getJson("/api/v1/triggers/ripple/everything").path("ackedThrough").asLong() >= seq
                && broker.getJson("/api/v1/triggers/ripple/exact").path("ackedThrough").asLong() >= seq);
        assertThat(broker.getJson("/api/v1/events/" + sent.getId()).path("items").get(0).path("deliveries"))
                .extracting(d -> d.path("trigger").asText())
                .containsExactlyInAnyOrder("ripple/everything", "ripple/exact");

        assertThat(sink.received(r -> r.event().getId().equals(sent.getId()))).extracting(Subscriber.Received::path)
                .containsExactlyInAnyOrder("/everything", "/exact");
    }

    private static CloudEvent withSource(CloudEventBuilder builder, String source) {
        return builder.withSource(URI.create(source)).build();
    }

    private static void assertRouting(String path, List<CloudEvent> matching, List<CloudEvent> notMatching) {
        for (CloudEvent event : notMatching) {
            assertThat(Events.post(broker.ingress(), event).statusCode()).isEqualTo(202);
        }
        for (CloudEvent event : matching) {
            assertThat(Events.post(broker.ingress(), event).statusCode()).isEqualTo(202);
        }
        await().until(() -> matching.stream().allMatch(e -> delivered(path, e)));
        // Once the trigger's progress has passed every event sent, the unmatched ones were filtered out.
        long last = seqOf(matching.get(matching.size() - 1));
        await().until(() -> broker.getJson("/api/v1/triggers/ripple" + path).path("ackedThrough").asLong() >= last);
        for (CloudEvent event : notMatching) {
            assertThat(delivered(path, event)).as("%s delivered to %s", event.getType(), path).isFalse();
        }
    }

    private static long seqOf(CloudEvent event) {
        return broker.getJson("/api/v1/events/" + event.getId()).path("items").get(0).path("seq").asLong();
    }

    private static boolean delivered(String path, CloudEvent event) {
        return !sink.received(r -> r.path().equals(path) && r.event().getId().equals(event.getId())).isEmpty();
    }
}
