package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** The runtime's defaults: found by the ServiceLoader, below an application's own properties. */
class RuntimeConfigDefaultsTest {

    @Test
    void isRegisteredAsAConfigSource() {
        assertThat(ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::type))
                .contains(RuntimeConfigDefaults.class);
    }

    @Test
    void anApplicationPropertyAndTheEnvironmentWin() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new RuntimeConfigDefaults())
                .withSources(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", "false"),
                        "application.properties", 250))
                .withSources(new PropertiesConfigSource(Map.of("PORT", "9123", "K_SINK", "http://broker/ns/default"),
                        "environment", 300))
                .build();

        assertThat(config.getValue("quarkus.otel.sdk.disabled", String.class)).isEqualTo("false");
        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(9123);
        assertThat(config.getValue("mp.messaging.outgoing.ripple-events.url", String.class))
                .isEqualTo("http://broker/ns/default");
        assertThat(config.getValue("mp.messaging.outgoing.ripple-events.connector", String.class))
                .isEqualTo(KnativeSinkConnector.NAME);
        assertThat(config.getValue("quarkus.micrometer.binder-enabled-default", Boolean.class)).isFalse();
    }

    @Test
    void withoutEnvironmentThePortIsQuarkusDefaultAndThereIsNoSink() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new RuntimeConfigDefaults()).build();

        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(8080);
        assertThat(config.getOptionalValue("mp.messaging.outgoing.ripple-events.url", String.class)).isEmpty();
    }
}
