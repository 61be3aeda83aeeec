package com.gstcomms.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * More Lambda "instances" for the load run: each thread speaks the Lambda Runtime API to the mock event
 * server (next invocation → the function's own HTTP handler → response), as the Quarkus poll loop does. In
 * AWS each instance is its own execution environment; here they share one JVM (and its database pool),
 * which is the less favourable case for latency.
 */
final class ExtraLambdaInstances implements AutoCloseable {

    private static final String NEXT = "/_lambda_/2018-06-01/runtime/invocation/next";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    ExtraLambdaInstances(int count, int port) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < count; i++) {
            Thread t = Thread.ofPlatform().name("extra-lambda-" + i).daemon().start(() -> poll(http, port));
            threads.add(t);
        }
    }

    private void poll(HttpClient http, int port) {
        LambdaHttpHandler handler = new LambdaHttpHandler();
        while (running.get()) {
            try {
                HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + NEXT))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (next.statusCode() != 200) {
                    continue;
                }
                String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                APIGatewayV2HTTPEvent event = JSON.readValue(next.body(), APIGatewayV2HTTPEvent.class);
                APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
                http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/_lambda_/2018-06-01/runtime/invocation/" + requestId + "/response"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(response))).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (running.get()) {
                    System.err.println("extra Lambda instance: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
    }
}
