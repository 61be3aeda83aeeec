package com.gstcomms.whatsapp;

import com.gstcomms.runtime.data.Notification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What Lambda's SQS event source mapping does, against the real local queue (ElasticMQ has none): receive
 * up to 10 messages, invoke the function with them as one event, delete those it did not report failed.
 * A failed message stays on the queue and comes back after its visibility timeout — which the function
 * sets for a retry (RetryLater) — with a higher ApproximateReceiveCount.
 */
final class QueuePoller {

    /** Invokes the function: records and their receipt handles in, failed message ids out. */
    interface Invoker extends BiFunction<List<LambdaInvocations.Record>, List<String>, List<String>> {
    }

    /** Through the mock event server, as Lambda does. */
    static final Invoker MOCK_EVENT_SERVER = (records, handles) ->
            LambdaInvocations.post(LambdaInvocations.event(records, handles));

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final List<String> failedHandles = new ArrayList<>();

    QueuePoller(SqsClient sqs, String queueUrl, String queueArn) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
    }

    void send(List<Notification> notifications) {
        for (int from = 0; from < notifications.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Notification n : notifications.subList(from, Math.min(from + 10, notifications.size()))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Long.toString(n.id))
                        .messageBody(LambdaInvocations.body(n)).build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + result.failed());
            }
        }
    }

    /** One poll (long-polling up to {@code waitSeconds}); the number of messages the function got. */
    int pollOnce(Invoker invoker, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        List<LambdaInvocations.Record> records = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        for (Message m : messages) {
            Map<MessageSystemAttributeName, String> attributes = m.attributes();
            int receiveCount = Integer.parseInt(attributes.getOrDefault(
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            records.add(new LambdaInvocations.Record(m.messageId(), m.body(), receiveCount, queueArn));
            handles.add(m.receiptHandle());
        }
        List<String> failed = invoker.apply(records, handles);
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            } else {
                synchronized (failedHandles) {
                    failedHandles.add(m.receiptHandle());
                }
            }
        }
        return messages.size();
    }

    /** What the passing of time does for a message hidden for its backoff: it becomes visible again. */
    void endBackoffOfFailed() {
        synchronized (failedHandles) {
            for (String handle : failedHandles) {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(0));
            }
            failedHandles.clear();
        }
    }

    int visibleMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    int hiddenMessages() {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().get("ApproximateNumberOfMessagesNotVisible"));
    }
}
