package io.ripple.coffeemachine;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC collector on loopback for tests: a real HTTP/2 (cleartext, prior knowledge) server
 * that records each export call and answers it the way gRPC does (an empty length-prefixed
 * response message, then {@code grpc-status: 0} in the trailers). It decodes no protobuf: tests
 * look for the span names, which protobuf carries as plain UTF-8.
 */
final class OtlpCollector {

    /** One gRPC call: its method path, content type, HTTP version and request body. */
    record Export(String path, String contentType, HttpVersion version, byte[] body) {

        boolean carries(String text) {
            return new String(body, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    OtlpCollector() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHttp2ClearTextEnabled(true)).requestHandler(request -> request.body().onSuccess(body -> {
                    exports.add(new Export(request.path(), request.getHeader("content-type"), request.version(),
                            body.getBytes()));
                    // Flag 0 (uncompressed) and length 0: an empty Export*ServiceResponse.
                    request.response().putHeader("content-type", "application/grpc").putTrailer("grpc-status", "0")
                            .end(Buffer.buffer(new byte[5]));
                })).listen().toCompletionStage().toCompletableFuture().join();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    List<Export> exports() {
        return List.copyOf(exports);
    }

    void stop() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test collector did not stop", e);
        }
    }
}
