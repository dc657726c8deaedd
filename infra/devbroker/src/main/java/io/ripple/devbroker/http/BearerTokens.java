package io.ripple.devbroker.http;

import io.ripple.devbroker.config.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional bearer-token authentication of ingress ({@code ripple.broker.auth.<client>.token},
 * {@code ripple.broker.auth.<client>.brokers}). With no client configured ingress is open.
 */
final class BearerTokens {

    /** A configured client. */
    record Client(String name, byte[] token, List<String> brokers) {
        boolean allows(String brokerKey) {
            return brokers.contains("*") || brokers.contains(brokerKey);
        }
    }

    private final List<Client> clients;

    BearerTokens(Map<String, BrokerConfig.Client> configured) {
        this.clients = configured.entrySet().stream()
                .map(e -> new Client(e.getKey(), e.getValue().token().getBytes(StandardCharsets.UTF_8),
                        List.copyOf(e.getValue().brokers())))
                .toList();
    }

    boolean enabled() {
        return !clients.isEmpty();
    }

    /** The client whose token the {@code Authorization} header carries, if any. */
    Optional<Client> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        Client match = null;
        for (Client client : clients) {
            // Constant-time comparison, and no early exit, so timing does not tell which token is close.
            if (MessageDigest.isEqual(client.token(), presented)) {
                match = client;
            }
        }
        return Optional.ofNullable(match);
    }
}
