package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) for the functions of the
 * template, as the AWS SDK's {@code LambdaClient.invoke} calls it with an endpoint override. The name may
 * be the logical id (what {@code !Ref} of a function gives locally), a function ARN or a partial ARN
 * ({@code name:qualifier}; the qualifier is ignored: one version runs here).
 *
 * <ul>
 *   <li>{@code X-Amz-Invocation-Type: Event}: 202 at once; the event waits in the function's line like any
 *   other. A failed run is retried twice, as Lambda does for asynchronous invocations (here after 2 and
 *   4 seconds; AWS waits about 1 and 2 minutes).</li>
 *   <li>{@code RequestResponse} (the default): 200 with the handler's answer; a function error with
 *   {@code X-Amz-Function-Error: Unhandled} and Lambda's error body.</li>
 *   <li>{@code DryRun}: 204.</li>
 *   <li>An unknown function: 404 {@code ResourceNotFoundException}.</li>
 * </ul>
 * AWS, "Invoke" (Lambda API reference) and "Asynchronous invocation" (error handling).
 */
public final class LambdaInvokeApi implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final Pattern PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    static final int RETRIES = 2;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;

    private final Function<String, Optional<LocalFunction>> functions;
    private final Duration firstRetryDelay;
    private final Consumer<String> log;
    private final HttpServer server;
    private final AtomicLong asyncInvocations = new AtomicLong();
    private final AtomicLong asyncFailures = new AtomicLong();

    /**
     * Listens at once (the functions' environment needs the endpoint); {@code functions} finds a function by
     * its local name when a request arrives.
     */
    public LambdaInvokeApi(Vertx vertx, String host, int port, Function<String, Optional<LocalFunction>> functions,
                           Duration firstRetryDelay, Consumer<String> log) {
        this.functions = functions;
        this.firstRetryDelay = firstRetryDelay;
        this.log = log;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the Lambda Invoke API", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** Asynchronous invocations accepted so far, and those that failed after their retries. */
    public long asyncInvocations() {
        return asyncInvocations.get();
    }

    public long asyncFailures() {
        return asyncFailures.get();
    }

    /** The local function of an Invoke request's name: logical id, ARN or {@code name:qualifier}. */
    static String functionName(String requested) {
        String name = requested;
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":");
            name = parts.length > 6 ? parts[6] : parts[parts.length - 1];
        } else if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name;
    }

    private void handle(HttpServerRequest request) {
        Matcher path = PATH.matcher(request.path());
        if (!request.method().name().equals("POST") || !path.matches()) {
            error(request.response(), 404, "UnknownOperationException", "only Invoke is emulated locally");
            return;
        }
        String requested = java.net.URLDecoder.decode(path.group(1), java.nio.charset.StandardCharsets.UTF_8);
        Optional<LocalFunction> function = functions.apply(functionName(requested));
        if (function.isEmpty()) {
            error(request.response(), 404, "ResourceNotFoundException", "Function not found: " + requested);
            return;
        }
        String type = Optional.ofNullable(request.getHeader("X-Amz-Invocation-Type")).orElse("RequestResponse");
        request.body().onSuccess(body -> {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "event" -> {
                    if (body.length() > MAX_ASYNC_PAYLOAD) {
                        error(request.response(), 413, "RequestTooLargeException", "async payloads are limited to 256 KB");
                        return;
                    }
                    asyncInvocations.incrementAndGet();
                    request.response().setStatusCode(202).end();
                    Thread.ofVirtual().start(() -> runAsync(function.get(), body.getBytes()));
                }
                case "dryrun" -> request.response().setStatusCode(204).end();
                case "requestresponse" -> {
                    if (body.length() > MAX_SYNC_PAYLOAD) {
                        error(request.response(), 413, "RequestTooLargeException", "payloads are limited to 6 MB");
                        return;
                    }
                    Thread.ofVirtual().start(() -> runSync(request.response(), function.get(), body.getBytes()));
                }
                default -> error(request.response(), 400, "InvalidParameterValueException",
                        "X-Amz-Invocation-Type must be Event, RequestResponse or DryRun");
            }
        }).onFailure(e -> error(request.response(), 400, "InvalidRequestContentException", "unreadable body"));
    }

    private void runAsync(LocalFunction function, byte[] payload) {
        Duration delay = firstRetryDelay;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            InvocationResult result = function.invoke("Invoke (Event)" + (attempt == 0 ? "" : " retry " + attempt),
                    payload).join();
            if (result.ok()) {
                return;
            }
            log.accept("Invoke " + function.name() + " (Event), attempt " + (attempt + 1) + ": " + result.summary());
            if (attempt < RETRIES) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                delay = delay.multipliedBy(2);
            }
        }
        asyncFailures.incrementAndGet();
    }

    private void runSync(HttpServerResponse response, LocalFunction function, byte[] payload) {
        InvocationResult result = function.invoke("Invoke (RequestResponse)", payload).join();
        response.putHeader("X-Amz-Executed-Version", "$LATEST");
        switch (result) {
            case InvocationResult.Response answer -> response.setStatusCode(200)
                    .putHeader("Content-Type", "application/json").end(Buffer.buffer(answer.body()));
            case InvocationResult.FunctionError error -> functionError(response, error.errorType(), error.errorMessage());
            case InvocationResult.Failure failure when failure.kind() == InvocationResult.Kind.NOT_BUILT ->
                    error(response, 502, "ServiceException", failure.message());
            case InvocationResult.Failure failure -> functionError(response, "Runtime." + failure.kind(), failure.message());
        }
    }

    private static void functionError(HttpServerResponse response, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("errorMessage", message).put("errorType", type);
        response.setStatusCode(200).putHeader("X-Amz-Function-Error", "Unhandled")
                .putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static void error(HttpServerResponse response, int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("Type", "User").put("message", message);
        response.setStatusCode(status).putHeader("x-amzn-ErrorType", type)
                .putHeader("Content-Type", "application/json").end(body.toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
