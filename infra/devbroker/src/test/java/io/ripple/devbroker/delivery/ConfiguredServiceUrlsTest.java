package io.ripple.devbroker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.devbroker.topology.ServiceReference;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ConfiguredServiceUrlsTest {

    private static final ServiceReference COFFEE_MACHINE = new ServiceReference("ripple", "coffee-machine");

    @Test
    void resolvesAConfiguredService() throws Exception {
        ConfiguredServiceUrls urls = ConfiguredServiceUrls.fromConfig(Map.of("coffee-machine", "http://127.0.0.1:8081"));

        assertThat(urls.resolve(COFFEE_MACHINE).toCompletableFuture().get()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void environmentVariableSpellingsMatchTheServiceName() {
        // RIPPLE_BROKER_SERVICES_COFFEE_MACHINE arrives without the dash.
        assertThat(ConfiguredServiceUrls.fromConfig(Map.of("COFFEE_MACHINE", "http://127.0.0.1:1")).knows(COFFEE_MACHINE))
                .isTrue();
        assertThat(ConfiguredServiceUrls.fromConfig(Map.of("coffee.machine", "http://127.0.0.1:1")).knows(COFFEE_MACHINE))
                .isTrue();
    }

    @Test
    void unknownServiceFailsTheResolutionNamingTheConfigKey() {
        ConfiguredServiceUrls urls = ConfiguredServiceUrls.fromConfig(Map.of());

        assertThatThrownBy(() -> urls.resolve(COFFEE_MACHINE).toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnresolvedSubscriberException.class)
                .hasMessageContaining("ripple.broker.services.coffee-machine");
    }

    @Test
    void relativeUrlIsAConfigurationError() {
        assertThatThrownBy(() -> ConfiguredServiceUrls.fromConfig(Map.of("coffee-machine", "/relative")))
                .hasMessageContaining("ripple.broker.services.coffee-machine");
    }
}
