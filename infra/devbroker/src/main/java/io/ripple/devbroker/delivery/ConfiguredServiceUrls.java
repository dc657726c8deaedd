package io.ripple.devbroker.delivery;

import io.ripple.devbroker.topology.ServiceReference;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Resolves Knative Services through {@code ripple.broker.services.<service-name>=<url>}. */
public final class ConfiguredServiceUrls implements SubscriberResolver {

    private final Map<String, URI> urls;

    public ConfiguredServiceUrls(Map<String, URI> urls) {
        Map<String, URI> canonical = new java.util.HashMap<>();
        urls.forEach((name, url) -> canonical.put(canonical(name), url));
        this.urls = Map.copyOf(canonical);
    }

    /**
     * Kubernetes names are lower-case with '-' and '.'; an environment variable such as
     * {@code RIPPLE_BROKER_SERVICES_COFFEE_MACHINE} reaches the map as {@code COFFEE_MACHINE} or
     * {@code coffee.machine}, so names are compared with '_' and '.' read as '-', case ignored.
     */
    static String canonical(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    /** Parses the configured map; a value that is not an absolute URL is a startup error naming the key. */
    public static ConfiguredServiceUrls fromConfig(Map<String, String> services) {
        Map<String, URI> urls = new java.util.HashMap<>();
        services.forEach((name, url) -> {
            URI uri;
            try {
                uri = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ripple.broker.services." + name + ": not a URL: " + url, e);
            }
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("ripple.broker.services." + name
                        + ": must be an absolute http URL, was " + url);
            }
            urls.put(name, uri);
        });
        return new ConfiguredServiceUrls(urls);
    }

    /** {@code true} when {@code service} has a configured URL. */
    public boolean knows(ServiceReference service) {
        return urls.containsKey(canonical(service.name()));
    }

    @Override
    public CompletionStage<URI> resolve(ServiceReference service) {
        URI uri = urls.get(canonical(service.name()));
        if (uri == null) {
            return CompletableFuture.failedFuture(new UnresolvedSubscriberException("Knative Service " + service
                    + " has no URL: set ripple.broker.services." + service.name() + "=<url>"));
        }
        return CompletableFuture.completedFuture(uri);
    }
}
