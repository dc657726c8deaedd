package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshot shapes follow the state type's structure; decoding accepts only states of that type. */
class JsonSnapshotCodecTest {

    private final ObjectMapper mapper = Tally.JSON;

    static final class V1 {
        record State(int total, List<String> names) {
        }
    }

    static final class V2 {
        /** Same simple name, one more field: another shape. */
        record State(int total, List<String> names, boolean open) {
        }
    }

    static final class Renamed {
        record State(int sum, List<String> names) {
        }
    }

    @Test
    void aChangedStateTypeHasAnotherShape() {
        String v1 = new JsonSnapshotCodec<>(V1.State.class, mapper).shape();

        assertThat(new JsonSnapshotCodec<>(V1.State.class, mapper).shape()).isEqualTo(v1);
        assertThat(new JsonSnapshotCodec<>(V2.State.class, mapper).shape()).isNotEqualTo(v1);
        assertThat(new JsonSnapshotCodec<>(Renamed.State.class, mapper).shape()).isNotEqualTo(v1);
    }

    @Test
    void aSealedStateComesBackAsItsConcreteRecord() {
        JsonSnapshotCodec<Tally.State> codec = Tally.snapshotCodec();
        Tally.State state = new Tally.Counting(7, 2, Tally.Parity.ODD, List.of(3, 4), Map.of("ann", 2),
                new Tally.Last(4, Instant.parse("2025-01-01T10:00:00.123456789Z")));

        assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
        assertThat(codec.decode(codec.encode(new Tally.Empty()))).isEqualTo(new Tally.Empty());
    }

    @Test
    void aSnapshotNamingAClassOutsideTheStateTypeIsRefused() {
        byte[] hostile = "{\"class\":\"java.lang.ProcessBuilder\",\"state\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Tally.snapshotCodec().decode(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a state of");
    }

    @Test
    void theStateTypeIsReadFromTheDecidersTypeArguments() {
        assertThat(JsonSnapshotCodec.forDecider(Oven.DEFINITION.decider(), mapper).shape())
                .isEqualTo(new JsonSnapshotCodec<>(Oven.State.class, mapper).shape());
        assertThat(JsonSnapshotCodec.forDecider(Tally.DECIDER, mapper).shape())
                .isEqualTo(Tally.snapshotCodec().shape());
    }
}
