package io.ripple.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** StreamId's written-out equality behaves as the record's generated one would. */
class StreamIdTest {

    @Test
    void equalTypeAndIdAreTheSameStream() {
        StreamId one = new StreamId("coffee-machine", "m-1");
        StreamId same = new StreamId("coffee-machine", new String("m-1"));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(Set.of(one)).contains(same);
    }

    @Test
    void typeAndIdBothCount() {
        StreamId machine = new StreamId("coffee-machine", "m-1");

        assertThat(machine).isNotEqualTo(new StreamId("coffee-machine", "m-2"))
                .isNotEqualTo(new StreamId("barista", "m-1"))
                .isNotEqualTo("coffee-machine/m-1")
                .isNotEqualTo(null);
        // "a/b" + "c" and "a" + "b/c" render alike but are different streams.
        assertThat(new StreamId("a/b", "c")).isNotEqualTo(new StreamId("a", "b/c"));
    }

    @Test
    void hashesSpreadOverIds() {
        Set<Integer> hashes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(new StreamId("coffee-machine", "m-" + i).hashCode());
        }
        assertThat(hashes).hasSizeGreaterThan(990);
    }

    @Test
    void bothPartsAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new StreamId(null, "m-1")).withMessage("actorType");
        assertThatNullPointerException().isThrownBy(() -> new StreamId("coffee-machine", null)).withMessage("actorId");
    }
}
