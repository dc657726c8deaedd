package io.ripple.devbroker.delivery;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** A subscriber's HTTP answer to one delivery attempt. */
public record SubscriberResponse(int status, MultiMap headers, Buffer body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
