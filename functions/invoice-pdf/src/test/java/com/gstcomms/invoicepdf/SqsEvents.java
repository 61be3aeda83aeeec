package com.gstcomms.invoicepdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** SQS events shaped like the ones Lambda receives (events/sqs-record.json), carrying command bodies. */
final class SqsEvents {

    record Message(String messageId, String body, int receiveCount) {
        static Message of(String messageId, String body) {
            return new Message(messageId, body, 1);
        }
    }

    private SqsEvents() {
    }

    static String batch(String queueUrl, Message... messages) {
        String template = resource("events/sqs-record.json");
        String queueArn = "arn:aws:sqs:ap-south-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        return List.of(messages).stream()
                .map(m -> template.replace("${messageId}", m.messageId())
                        .replace("${body}", m.body().replace("\\", "\\\\").replace("\"", "\\\""))
                        .replace("${receiveCount}", Integer.toString(m.receiveCount()))
                        .replace("${queueArn}", queueArn))
                .collect(Collectors.joining(",\n", "{\"Records\": [\n", "\n]}"));
    }

    private static String resource(String name) {
        try (InputStream in = SqsEvents.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
