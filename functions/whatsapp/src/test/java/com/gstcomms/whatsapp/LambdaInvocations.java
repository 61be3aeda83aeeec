package com.gstcomms.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Invokes the function the way the Lambda service does: an SQS event (shaped like
 * events/sqs-send-whatsapp.json) posted to the Quarkus mock event server; answers the ids of the
 * records reported failed (batchItemFailures).
 */
final class LambdaInvocations {

    static final int MOCK_EVENT_SERVER = MockEventServer.port();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaInvocations() {
    }

    /** One record per notification, each delivered for the first time. */
    static List<String> invoke(Notification... notifications) {
        List<Record> records = new ArrayList<>();
        for (Notification n : notifications) {
            records.add(new Record(UUID.randomUUID().toString(), body(n), 1, null));
        }
        return invoke(records);
    }

    /** The same notification delivered as the {@code receiveCount}th delivery. */
    static List<String> invoke(Notification n, int receiveCount) {
        return invoke(List.of(new Record(UUID.randomUUID().toString(), body(n), receiveCount, null)));
    }

    static String body(Notification n) {
        return Commands.toJson(new SendWhatsApp(n.shopId, n.id, null));
    }

    /** One SQS record: message id, body, ApproximateReceiveCount, and queue ARN (null: the fixture's). */
    record Record(String messageId, String body, int receiveCount, String queueArn) {
    }

    static List<String> invoke(List<Record> records) {
        return post(event(records, List.of()));
    }

    static String event(List<Record> records, List<String> receiptHandles) {
        ObjectNode event = fixture();
        ObjectNode template = (ObjectNode) event.withArray("Records").get(0);
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            ObjectNode record = template.deepCopy();
            record.put("messageId", r.messageId());
            record.put("body", r.body());
            if (i < receiptHandles.size()) {
                record.put("receiptHandle", receiptHandles.get(i));
            }
            ((ObjectNode) record.get("attributes")).put("ApproximateReceiveCount", Integer.toString(r.receiveCount()));
            if (r.queueArn() != null) {
                record.put("eventSourceARN", r.queueArn());
            }
            out.add(record);
        }
        event.set("Records", out);
        return event.toString();
    }

    static List<String> post(String event) {
        String response = given().port(MOCK_EVENT_SERVER).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200).extract().asString();
        try {
            List<String> failed = new ArrayList<>();
            for (JsonNode failure : JSON.readTree(response).path("batchItemFailures")) {
                failed.add(failure.path("itemIdentifier").asText());
            }
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode fixture() {
        try (InputStream in = LambdaInvocations.class.getResourceAsStream("/events/sqs-send-whatsapp.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
