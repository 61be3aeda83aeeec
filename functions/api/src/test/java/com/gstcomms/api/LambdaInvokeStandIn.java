package com.gstcomms.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) as far as the API uses it:
 * records each asynchronous invocation (function, invocation type, payload) and answers 202 like Lambda.
 * The csv function's own tests run the job; here we check that the API hands it over.
 */
public class LambdaInvokeStandIn implements QuarkusTestResourceLifecycleManager {

    public record Invocation(String function, String invocationType, String payload) {
    }

    public static final List<Invocation> INVOCATIONS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/2015-03-31/functions/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String function = path.substring("/2015-03-31/functions/".length()).replaceAll("/invocations$", "");
            INVOCATIONS.add(new Invocation(function, exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return Map.of("gstcomms.csv.job-function", "gst-comms-csv-job",
                "gstcomms.csv.lambda-endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
