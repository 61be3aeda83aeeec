package com.gstcomms.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A real Lambda handler for the local cloud's own tests, run by the AWS Runtime Interface Client exactly
 * as a function's artifact is (no Quarkus, so it starts in well under a second). What it does depends on
 * the event:
 * <ul>
 *   <li>an SQS event: reports as failed (batchItemFailures) each record whose body contains "poison";
 *       ends the process (exit 3) on a record whose body is "crash-once" on its first receive;</li>
 *   <li>an API Gateway payload 2.0 event: answers 201 with a header, a cookie and the event as the body;</li>
 *   <li>{@code {"fail": "message"}} throws (the runtime posts .../error);</li>
 *   <li>{@code {"sleepMillis": n}} sleeps, then echoes;</li>
 *   <li>anything else is answered back unchanged.</li>
 * </ul>
 * With the environment variable {@code ECHO_FAIL_INIT=1} its class initialisation fails (an init error).
 */
public class EchoFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        if ("1".equals(System.getenv("ECHO_FAIL_INIT"))) {
            throw new IllegalStateException("init refused on purpose (ECHO_FAIL_INIT=1)");
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] raw = input.readAllBytes();
        JsonNode event = JSON.readTree(raw);
        if (event.has("Records") && "aws:sqs".equals(event.path("Records").path(0).path("eventSource").asText())) {
            ObjectNode response = JSON.createObjectNode();
            ArrayNode failures = response.putArray("batchItemFailures");
            for (JsonNode record : event.path("Records")) {
                String body = record.path("body").asText();
                if (body.equals("crash-once") && record.path("attributes").path("ApproximateReceiveCount").asInt() == 1) {
                    Runtime.getRuntime().halt(3);
                }
                if (body.contains("poison")) {
                    failures.addObject().put("itemIdentifier", record.path("messageId").asText());
                }
            }
            JSON.writeValue(output, response);
            return;
        }
        if ("2.0".equals(event.path("version").asText()) && event.has("requestContext")) {
            ObjectNode response = JSON.createObjectNode();
            response.put("statusCode", 201);
            response.putObject("headers").put("X-Echo", "yes").put("Content-Type", "application/json");
            response.putArray("cookies").add("session=abc; Path=/");
            response.put("body", new String(raw, java.nio.charset.StandardCharsets.UTF_8));
            response.put("isBase64Encoded", false);
            JSON.writeValue(output, response);
            return;
        }
        if (event.has("fail")) {
            throw new IllegalArgumentException(event.get("fail").asText());
        }
        if (event.has("sleepMillis")) {
            try {
                Thread.sleep(event.get("sleepMillis").asLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        output.write(raw);
    }
}
