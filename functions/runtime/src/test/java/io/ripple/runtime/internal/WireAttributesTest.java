package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** An actor's id can be any subject; its events' source must still be a URI reference. */
class WireAttributesTest {

    @Test
    void aPlainIdIsTheLastSegmentAsItIs() {
        assertThat(WireAttributes.actorSource("coffee-machine", "m1")).isEqualTo("/actors/coffee-machine/m1");
        assertThat(WireAttributes.actorSource("order", "order-1:a@b~c")).isEqualTo("/actors/order/order-1:a@b~c");
    }

    @Test
    void spacesSlashesAndOtherCharactersArePercentEncodedSoTheSourceParses() {
        String source = WireAttributes.actorSource("table", "table 4/β?#%");

        assertThat(source).isEqualTo("/actors/table/table%204%2F%CE%B2%3F%23%25");
        URI parsed = URI.create(source);
        assertThat(parsed.getRawPath()).isEqualTo(source);
        assertThat(parsed.getPath()).isEqualTo("/actors/table/table 4/β?#%");
    }
}
