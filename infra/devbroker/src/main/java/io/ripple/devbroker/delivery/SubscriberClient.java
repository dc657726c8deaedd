package io.ripple.devbroker.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * POSTs CloudEvents in binary content mode over pooled, keep-alive Vert.x HTTP clients.
 * (Measured against java.net.http on loopback: see docs/benchmarks-devbroker.md.)
 *
 * <p>One client per delivery lane (event loop), used by requests made on that lane's loop: its
 * connections are created there and stay there, so a delivery's request and response never change
 * threads. A request made off every event loop uses the first lane's client.
 */
public final class SubscriberClient implements AutoCloseable {

    private final Vertx vertx;
    private final DeliveryLanes lanes;
    private final List<HttpClient> clients = new ArrayList<>();

    public SubscriberClient(Vertx vertx, DeliveryLanes lanes, int connectionsPerHost) {
        this.vertx = vertx;
        this.lanes = lanes;
        for (int lane = 0; lane < lanes.size(); lane++) {
            clients.add(vertx.createHttpClient(new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(connectionsPerHost)
                    .setMaxWaitQueueSize(-1)));
        }
    }

    private HttpClient client() {
        return clients.get(Math.max(lanes.current(), 0));
    }

    /** Encodes {@code event} in binary mode and POSTs it; fails on network errors and after {@code timeout}. */
    public CompletionStage<SubscriberResponse> post(URI target, CloudEvent event, Map<String, String> extraHeaders,
            Duration timeout) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Buffer[] body = {Buffer.buffer()};
        HttpMessageFactory.createWriter(headers::add, bytes -> {
            if (bytes != null) {
                body[0] = Buffer.buffer(bytes);
            }
        }).writeBinary(event);
        extraHeaders.forEach(headers::set);
        return post(target, headers, body[0], timeout);
    }

    /** POSTs a prepared request. */
    public CompletionStage<SubscriberResponse> post(URI target, MultiMap headers, Buffer body, Duration timeout) {
        Promise<SubscriberResponse> result = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> result.tryFail(
                new TimeoutException("no response from " + target + " within " + timeout)));
        // Host, port and path straight from the URI: setAbsoluteURI(String) would parse it again per request.
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() != -1 ? target.getPort() : tls ? 443 : 80;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost())
                .setPort(port).setSsl(tls).setURI(target.getRawQuery() == null ? path : path + "?" + target.getRawQuery())
                .setHeaders(headers);
        client().request(options).onFailure(result::tryFail).onSuccess(request -> {
            result.future().onFailure(failure -> {
                if (failure instanceof TimeoutException) {
                    request.reset();
                }
            });
            request.send(body)
                    .compose(response -> response.body().map(
                            bytes -> new SubscriberResponse(response.statusCode(), response.headers(), bytes)))
                    .onComplete(done -> {
                        vertx.cancelTimer(timer);
                        if (done.succeeded()) {
                            result.tryComplete(done.result());
                        } else {
                            result.tryFail(done.cause());
                        }
                    });
        });
        return result.future().toCompletionStage();
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::close);
    }
}
