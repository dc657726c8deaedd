package io.ripple.devbroker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final Duration DEFAULT_DELAY = Duration.ofMillis(200);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void linearBackoffIsDelayTimesRetryNumber() {
        assertThat(BackoffPolicy.LINEAR.delayBefore(1, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100));
        assertThat(BackoffPolicy.LINEAR.delayBefore(3, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void exponentialBackoffIsDelayTimesTwoToTheRetryNumber() {
        assertThat(BackoffPolicy.EXPONENTIAL.delayBefore(1, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(200));
        assertThat(BackoffPolicy.EXPONENTIAL.delayBefore(3, Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void triggerFieldsWinOverBrokerFieldsOverDefaults() {
        Destination brokerSink = new Destination(null, URI.create("http://127.0.0.1:1/dls"));
        PartialDelivery broker = new PartialDelivery(5, BackoffPolicy.LINEAR, Duration.ofSeconds(1), null, brokerSink);
        PartialDelivery trigger = new PartialDelivery(2, null, null, Duration.ofSeconds(3), null);

        DeliveryPolicy policy = trigger.over(broker, DEFAULT_DELAY, DEFAULT_TIMEOUT);

        assertThat(policy.retry()).isEqualTo(2);
        assertThat(policy.attempts()).isEqualTo(3);
        assertThat(policy.backoffPolicy()).isEqualTo(BackoffPolicy.LINEAR);
        assertThat(policy.backoffDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.deadLetterSink()).isEqualTo(brokerSink);
    }

    @Test
    void noDeliverySpecMeansOneAttemptAndNoSink() {
        DeliveryPolicy policy = PartialDelivery.NONE.over(PartialDelivery.NONE, DEFAULT_DELAY, DEFAULT_TIMEOUT);

        assertThat(policy.attempts()).isEqualTo(1);
        assertThat(policy.backoffPolicy()).isEqualTo(BackoffPolicy.EXPONENTIAL);
        assertThat(policy.timeout()).isEqualTo(DEFAULT_TIMEOUT);
        assertThat(policy.deadLetterSink()).isNull();
    }
}
