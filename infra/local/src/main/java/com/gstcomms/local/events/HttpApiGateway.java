package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's HTTP API on a local port: each request becomes an API Gateway HTTP API event (payload
 * format 2.0, as in functions/api/src/test/resources/events/apigw-v2-*.json) for the function whose route matches,
 * and the function's answer becomes the HTTP response, as API Gateway maps it (AWS, "Working with AWS
 * Lambda proxy integrations for HTTP APIs"): a {@code statusCode} object is used as given; anything else
 * is a 200 with the answer as JSON. A function error is a 500 {@code {"message":"Internal Server Error"}},
 * a request over the integration timeout (30 s) a 503, and a request body over 6 MB (Lambda's synchronous
 * payload limit) a 413.
 */
public final class HttpApiGateway implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    static final int MAX_PAYLOAD = 6 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** A route of an HttpApi event: {@code $default}, or a method (ANY for all) and a path with {params}. */
    public record Route(String functionEventId, LocalFunction function, String method, String path) {

        public boolean isDefault() {
            return path == null;
        }

        public String routeKey() {
            return isDefault() ? "$default" : method.toUpperCase(Locale.ROOT) + " " + path;
        }

        Optional<Map<String, String>> match(String requestMethod, String requestPath) {
            if (isDefault()) {
                return Optional.of(Map.of());
            }
            if (!method.equalsIgnoreCase("ANY") && !method.equalsIgnoreCase(requestMethod)) {
                return Optional.empty();
            }
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(path.substring(last, m.start())));
                String name = m.group(1);
                if (name.endsWith("+")) {
                    names.add(name.substring(0, name.length() - 1));
                    regex.append("(.+)");
                } else {
                    names.add(name);
                    regex.append("([^/]+)");
                }
                last = m.end();
            }
            regex.append(Pattern.quote(path.substring(last)));
            Matcher request = Pattern.compile(regex.toString()).matcher(requestPath);
            if (!request.matches()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                parameters.put(names.get(i), request.group(i + 1));
            }
            return Optional.of(parameters);
        }
    }

    private volatile List<Route> routes = List.of();
    private final Duration integrationTimeout;
    private final Consumer<String> log;
    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();

    /** Listens at once (the functions' environment needs the API's URL); routes come with {@link #routes(List)}. */
    public HttpApiGateway(Vertx vertx, String host, int port, Duration integrationTimeout, Consumer<String> log) {
        this.integrationTimeout = integrationTimeout;
        this.log = log;
        this.server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the HTTP API ("
                    + rootCause(e) + "); choose another port with --port", e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public List<Route> routes() {
        return routes;
    }

    /** The routes of the template's HttpApi events. */
    public void routes(List<Route> declared) {
        // Specific routes first (more literal characters first), $default last: API Gateway's greediest-last rule.
        this.routes = declared.stream().sorted((a, b) -> {
            if (a.isDefault() != b.isDefault()) {
                return a.isDefault() ? 1 : -1;
            }
            return a.isDefault() ? 0 : Integer.compare(b.path().replaceAll("\\{[^}]*}", "").length(),
                    a.path().replaceAll("\\{[^}]*}", "").length());
        }).toList();
    }

    public long requests() {
        return requests.get();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        String path = request.path();
        Route route = null;
        Map<String, String> pathParameters = Map.of();
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.match(request.method().name(), path);
            if (match.isPresent()) {
                route = candidate;
                pathParameters = match.get();
                break;
            }
        }
        if (route == null) {
            message(request.response(), 404, "Not Found");
            return;
        }
        Route matched = route;
        Map<String, String> parameters = pathParameters;
        request.body().onSuccess(body -> {
            if (body.length() > MAX_PAYLOAD) {
                message(request.response(), 413, "Request Entity Too Large");
                return;
            }
            byte[] event = event(request, matched, parameters, body);
            String source = request.method().name() + " " + request.uri();
            Thread.ofVirtual().start(() -> invoke(request.response(), matched, source, event));
        }).onFailure(e -> message(request.response(), 400, "Bad Request"));
    }

    private void invoke(HttpServerResponse response, Route route, String source, byte[] event) {
        InvocationResult result;
        try {
            result = route.function().invoke(source, event).get(integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            message(response, 503, "Service Unavailable");
            return;
        } catch (Exception e) {
            message(response, 500, "Internal Server Error");
            return;
        }
        switch (result) {
            case InvocationResult.Response answer -> respond(response, answer.body());
            case InvocationResult.Failure failure when failure.kind() == InvocationResult.Kind.NOT_BUILT ->
                    message(response, 503, "Service Unavailable: " + failure.message());
            default -> {
                log.accept("HTTP API " + source + " -> " + route.function().name() + ": " + result.summary());
                message(response, 500, "Internal Server Error");
            }
        }
    }

    /** API Gateway's mapping of a payload 2.0 answer to the HTTP response. */
    private void respond(HttpServerResponse response, byte[] answer) {
        JsonNode json;
        try {
            json = answer.length == 0 ? null : JSON.readTree(answer);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.has("statusCode")) {
            // Without statusCode API Gateway assumes 200 and JSON, the answer being the body.
            response.setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(answer.length == 0 ? "null".getBytes(StandardCharsets.UTF_8) : answer));
            return;
        }
        response.setStatusCode(json.get("statusCode").asInt(200));
        json.path("headers").properties().forEach(h -> response.putHeader(h.getKey(), h.getValue().asText()));
        json.path("multiValueHeaders").properties().forEach(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            response.putHeader(h.getKey(), values);
        });
        List<String> cookies = new ArrayList<>();
        json.path("cookies").forEach(c -> cookies.add(c.asText()));
        if (!cookies.isEmpty()) {
            response.putHeader("Set-Cookie", cookies);
        }
        String body = json.path("body").isNull() || json.path("body").isMissingNode() ? "" : json.get("body").asText();
        byte[] bytes = json.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        response.end(Buffer.buffer(bytes));
    }

    /** The request as API Gateway hands it to a Lambda proxy integration, payload format 2.0. */
    byte[] event(HttpServerRequest request, Route route, Map<String, String> pathParameters, Buffer body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.path());
        event.put("rawQueryString", request.query() == null ? "" : request.query());
        List<String> cookies = new ArrayList<>();
        ObjectNode headers = JSON.createObjectNode();
        MultiMap all = request.headers();
        for (String name : all.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String cookie : all.getAll(name)) {
                    for (String part : cookie.split(";")) {
                        if (!part.isBlank()) {
                            cookies.add(part.trim());
                        }
                    }
                }
                continue;
            }
            headers.put(lower, String.join(",", all.getAll(name)));
        }
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        String forwardedFor = request.remoteAddress() == null ? "127.0.0.1" : request.remoteAddress().hostAddress();
        headers.put("x-forwarded-for", forwardedFor);
        headers.put("x-forwarded-port", Integer.toString(port()));
        headers.put("x-forwarded-proto", "http");
        event.set("headers", headers);
        MultiMap query = request.params();
        if (request.query() != null && !request.query().isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String name : query.names()) {
                parameters.put(name, String.join(",", query.getAll(name)));
            }
        }
        String host = request.getHeader("Host") == null ? "127.0.0.1:" + port() : request.getHeader("Host");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().name());
        http.put("path", request.path());
        http.put("protocol", request.version() == io.vertx.core.http.HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1");
        http.put("sourceIp", forwardedFor);
        http.put("userAgent", request.getHeader("User-Agent") == null ? "" : request.getHeader("User-Agent"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        if (body.length() > 0) {
            if (isText(request.getHeader("Content-Type"))) {
                event.put("body", body.toString(StandardCharsets.UTF_8));
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body.getBytes()));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bodies API Gateway passes as text; everything else arrives base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/problem+json");
    }

    private static void message(HttpServerResponse response, int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        server.close();
    }
}
