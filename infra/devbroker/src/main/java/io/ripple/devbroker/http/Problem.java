package io.ripple.devbroker.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** An RFC 9457 problem body ({@code application/problem+json}): type, title, status, detail. */
record Problem(int status, String type, String title, String detail) {

    static final String CONTENT_TYPE = "application/problem+json";

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, "urn:ripple:problem:" + slug, title, detail);
    }

    JsonObject json() {
        return new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail);
    }

    /** Writes this problem as the response (if the response is still open). */
    void send(HttpServerResponse response) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(json().encode());
    }
}
