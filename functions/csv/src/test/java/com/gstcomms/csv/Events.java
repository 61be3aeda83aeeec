package com.gstcomms.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The event fixtures of src/test/resources/events, filled in. */
final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    static String s3ObjectCreated(String bucket, String key, long size) {
        return fill(template("s3-object-created.json"), Map.of("bucket", bucket, "key", key, "size", Long.toString(size)));
    }

    /** An SQS event as the event source mapping delivers messages received from {@code queueName}. */
    static String sqs(List<Message> messages, String queueName, int receiveCount) {
        String record = template("sqs-record.json");
        return messages.stream()
                .map(m -> fill(record, Map.of("messageId", m.messageId(), "receiptHandle", m.receiptHandle(),
                        "body", quoted(m.body()), "receiveCount", Integer.toString(receiveCount), "queueName", queueName)))
                .collect(Collectors.joining(",", "{\"Records\":[", "]}"));
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (var e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        return text;
    }

    private static String template(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
