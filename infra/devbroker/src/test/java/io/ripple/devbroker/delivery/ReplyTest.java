package io.ripple.devbroker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** How a subscriber's 2xx answer is read: nothing, a CloudEvent, or a body that is neither. */
class ReplyTest {

    private static SubscriberResponse answer(int status, MultiMap headers, String body) {
        return new SubscriberResponse(status, headers, Buffer.buffer(body));
    }

    @Test
    void anEmptyAnswerWithoutCloudEventHeadersIsNoReply() {
        assertThat(Reply.of(answer(204, MultiMap.caseInsensitiveMultiMap(), ""))).isInstanceOf(Reply.None.class);
        assertThat(Reply.of(answer(200, MultiMap.caseInsensitiveMultiMap().add("Content-Length", "0"), "")))
                .isInstanceOf(Reply.None.class);
    }

    @Test
    void aBinaryReplyWithoutDataIsStillAnEvent() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Ce-Specversion", "1.0").add("ce-id", "r-1")
                .add("ce-source", "/s").add("ce-type", "t.reply");

        Reply reply = Reply.of(answer(200, headers, ""));

        assertThat(reply).isInstanceOfSatisfying(Reply.Event.class,
                event -> assertThat(event.event().getType()).isEqualTo("t.reply"));
    }

    @Test
    void anEmptyBodyClaimingTheStructuredEncodingFailsTheDelivery() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/cloudevents+json");

        assertThat(Reply.of(answer(200, headers, ""))).isInstanceOf(Reply.NotAnEvent.class);
    }

    @Test
    void aBodyThatIsNotACloudEventFailsTheDelivery() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "text/plain");

        assertThat(Reply.of(answer(200, headers, "hello"))).isInstanceOf(Reply.NotAnEvent.class);
    }

    @Test
    void accepted202CarriesNoReply() {
        assertThat(Reply.of(answer(202, MultiMap.caseInsensitiveMultiMap(), "ignored"))).isInstanceOf(Reply.None.class);
    }
}
