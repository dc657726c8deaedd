package io.ripple.devbroker.http;

import org.jspecify.annotations.Nullable;

/**
 * A broker ingress path, {@code /<namespace>/<broker>} (a trailing slash allowed), told apart
 * from Quarkus' {@code /q/...} and the query API's {@code /api/...} by scanning the characters:
 * every event goes through this, and a regular expression route cost the event loop a few
 * microseconds per request (docs/benchmarks-devbroker.md, eighth session).
 */
record IngressPath(String namespace, String broker) {

    private static final int MAX_NAME = 253;

    /** The two segments of {@code path}, or {@code null} when it is not an ingress path. */
    static @Nullable IngressPath parse(String path) {
        if (path.length() < 4 || path.charAt(0) != '/' || isReserved(path)) {
            return null;
        }
        int end = path.charAt(path.length() - 1) == '/' ? path.length() - 1 : path.length();
        int slash = path.indexOf('/', 1);
        boolean emptySegment = slash < 2 || slash >= end - 1;
        if (emptySegment) {
            return null;
        }
        int third = path.indexOf('/', slash + 1);
        if (third >= 0 && third < end) {
            return null; // more than two segments
        }
        return new IngressPath(path.substring(1, slash), path.substring(slash + 1, end));
    }

    /**
     * Quarkus' {@code /q/...} and the query API's {@code /api/...}: never a broker, so a namespace
     * called {@code q} or {@code api} cannot be served.
     */
    static boolean isReserved(String path) {
        return path.startsWith("/q/") || path.startsWith("/api/");
    }

    /** Both segments are Kubernetes object names (DNS-1123 subdomains). */
    boolean hasKubernetesNames() {
        return isName(namespace) && isName(broker);
    }

    static boolean isName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_NAME || !alphanumeric(name.charAt(0))
                || !alphanumeric(name.charAt(length - 1))) {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = name.charAt(i);
            if (!alphanumeric(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
