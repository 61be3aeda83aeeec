package com.gstcomms.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one function instance, on 127.0.0.1 and its own port,
 * as AWS documents it ("Using the Lambda runtime API for custom runtimes"):
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next} — long poll; answers the event with the headers
 *       {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms},
 *       {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id};</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response} and {@code .../error} — 202;</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error} — 202.</li>
 * </ul>
 * Header names are written exactly so (Vert.x keeps their case), like the real endpoint.
 */
final class RuntimeApiServer {

    static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = JsonMappers.standard();

    /** What the instance behind this API does with each call. */
    interface Runtime {
        void next(HttpServerResponse parked);

        void response(String requestId, byte[] body);

        void error(String requestId, String errorType, String errorMessage);

        void initError(String errorType, String errorMessage);
    }

    private final HttpServer server;
    private final int port;

    private RuntimeApiServer(HttpServer server) {
        this.server = server;
        this.port = server.actualPort();
    }

    static RuntimeApiServer start(Vertx vertx, Runtime runtime) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(request, runtime));
        try {
            return new RuntimeApiServer(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a Lambda Runtime API server", e);
        }
    }

    int port() {
        return port;
    }

    void close() {
        server.close();
    }

    private static void handle(HttpServerRequest request, Runtime runtime) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals(PREFIX + "/invocation/next")) {
            runtime.next(request.response());
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).end();
            return;
        }
        request.body().onSuccess(body -> {
            Matcher invocation = INVOCATION.matcher(path);
            if (invocation.matches()) {
                String requestId = invocation.group(1);
                if (invocation.group(2).equals("response")) {
                    runtime.response(requestId, body.getBytes());
                } else {
                    ErrorBody error = ErrorBody.of(body, request.getHeader("Lambda-Runtime-Function-Error-Type"));
                    runtime.error(requestId, error.type(), error.message());
                }
                accepted(request.response());
            } else if (path.equals(PREFIX + "/init/error")) {
                ErrorBody error = ErrorBody.of(body, request.getHeader("Lambda-Runtime-Function-Error-Type"));
                runtime.initError(error.type(), error.message());
                accepted(request.response());
            } else {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"errorMessage\":\"unknown path " + path.replace("\"", "") + "\",\"errorType\":\"InvalidRequest\"}");
            }
        }).onFailure(e -> request.response().setStatusCode(400).end());
    }

    private static void accepted(HttpServerResponse response) {
        response.setStatusCode(202).putHeader("Content-Type", "application/json").end("{\"status\":\"OK\"}");
    }

    /** {"errorMessage": "...", "errorType": "...", "stackTrace": [...]} as runtimes post it. */
    private record ErrorBody(String type, String message) {
        static ErrorBody of(Buffer body, String typeHeader) {
            String type = typeHeader;
            String message = body.toString();
            try {
                JsonNode json = JSON.readTree(body.getBytes());
                if (json != null && json.isObject()) {
                    if (json.hasNonNull("errorType")) {
                        type = json.get("errorType").asText();
                    }
                    if (json.hasNonNull("errorMessage")) {
                        message = json.get("errorMessage").asText();
                    }
                }
            } catch (Exception e) {
                // not JSON: keep the raw text
            }
            if (message != null && message.length() > 2000) {
                message = message.substring(0, 2000) + "…";
            }
            return new ErrorBody(type == null ? "Unhandled" : type, message);
        }
    }
}
