package io.ripple.devbroker.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngressPathTest {

    @Test
    void twoSegmentsAreNamespaceAndBroker() {
        assertThat(IngressPath.parse("/ripple/default")).isEqualTo(new IngressPath("ripple", "default"));
        assertThat(IngressPath.parse("/ripple/default/")).isEqualTo(new IngressPath("ripple", "default"));
        assertThat(IngressPath.parse("/qq/apis")).isEqualTo(new IngressPath("qq", "apis"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/ripple", "/ripple/", "//default", "/ripple//", "/ripple/default/x",
        "/ripple/default//", "/q/health", "/api/events", "ripple/default", "/a/b/c/d"})
    void otherPathsAreNotIngress(String path) {
        assertThat(IngressPath.parse(path)).isNull();
    }

    @Test
    void namesFollowKubernetesRules() {
        assertThat(new IngressPath("ripple", "my-broker.v1").hasKubernetesNames()).isTrue();
        assertThat(new IngressPath("a", "0").hasKubernetesNames()).isTrue();
        assertThat(new IngressPath("Ripple", "default").hasKubernetesNames()).isFalse();
        assertThat(new IngressPath("ripple", "-default").hasKubernetesNames()).isFalse();
        assertThat(new IngressPath("ripple", "default.").hasKubernetesNames()).isFalse();
        assertThat(new IngressPath("ripple", "de_fault").hasKubernetesNames()).isFalse();
        assertThat(new IngressPath("ripple", "x".repeat(253)).hasKubernetesNames()).isTrue();
        assertThat(new IngressPath("ripple", "x".repeat(254)).hasKubernetesNames()).isFalse();
    }
}
