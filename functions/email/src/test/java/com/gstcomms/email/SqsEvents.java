package com.gstcomms.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * SQS events shaped like the ones Lambda delivers (the fixture events/sqs-send-email.json), and
 * posting them to the Lambda mock event server of the tests.
 */
final class SqsEvents {

    static final int MOCK_EVENT_SERVER_PORT = MockEventServer.port();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    /** One record of the event: an SQS message as Lambda hands it over. */
    record Message(String messageId, String receiptHandle, String body, int receiveCount, String queueName) {

        static Message of(SendEmail command) {
            return of(command, 1);
        }

        static Message of(SendEmail command, int receiveCount) {
            return new Message(UUID.randomUUID().toString(), "handle-" + UUID.randomUUID(), Commands.toJson(command),
                    receiveCount, "email");
        }
    }

    static String event(List<Message> messages) {
        try (InputStream in = SqsEvents.class.getResourceAsStream("/events/sqs-send-email.json")) {
            ObjectNode fixture = (ObjectNode) JSON.readTree(in);
            ObjectNode template = (ObjectNode) fixture.withArray("Records").get(0);
            ArrayNode records = JSON.createArrayNode();
            for (Message m : messages) {
                ObjectNode record = template.deepCopy();
                record.put("messageId", m.messageId());
                record.put("receiptHandle", m.receiptHandle());
                record.put("body", m.body());
                ((ObjectNode) record.get("attributes")).put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
                record.put("eventSourceARN", "arn:aws:sqs:ap-south-1:000000000000:" + m.queueName());
                records.add(record);
            }
            fixture.set("Records", records);
            return JSON.writeValueAsString(fixture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the function with this event through the mock event server, as Lambda would. */
    static ValidatableResponse invoke(List<Message> messages) {
        return given().port(MOCK_EVENT_SERVER_PORT).contentType(ContentType.JSON).body(event(messages))
                .when().post()
                .then().statusCode(200);
    }

    static ValidatableResponse invoke(SendEmail command) {
        return invoke(List.of(Message.of(command)));
    }
}
