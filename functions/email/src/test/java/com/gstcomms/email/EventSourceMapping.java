package com.gstcomms.email;

import com.gstcomms.testing.LocalServers;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Lambda's SQS event source mapping does, for tests and the benchmark: receive up to
 * {@code batchSize} messages (waiting at most {@code batchingWindow} to fill a batch), invoke the
 * function with them through the mock event server, and delete the ones it did not report in
 * {@code batchItemFailures} (ReportBatchItemFailures).
 */
final class EventSourceMapping {

    private final SqsClient sqs = LocalServers.sqs().client();
    private final String queueUrl;
    private final String queueName;
    private final int batchSize;
    private final Duration batchingWindow;
    private int invocations;
    private int delivered;

    EventSourceMapping(String queueUrl, int batchSize, Duration batchingWindow) {
        this.queueUrl = queueUrl;
        this.queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.batchSize = batchSize;
        this.batchingWindow = batchingWindow;
    }

    /** Invokes the function until the queue has nothing visible for {@code idle}; the messages delivered. */
    int drain(Duration idle) {
        long idleSince = System.nanoTime();
        int before = delivered;
        while (System.nanoTime() - idleSince < idle.toNanos()) {
            if (pollOnce() > 0) {
                idleSince = System.nanoTime();
            }
        }
        return delivered - before;
    }

    /** One batch: receive (within the batching window), invoke, delete the successes. Returns its size. */
    int pollOnce() {
        List<Message> batch = new ArrayList<>();
        long deadline = System.nanoTime() + batchingWindow.toNanos();
        while (batch.size() < batchSize) {
            int want = Math.min(10, batchSize - batch.size());
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(batch.isEmpty() ? 1 : 0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            batch.addAll(got);
            if (got.isEmpty() && (batch.isEmpty() || System.nanoTime() > deadline)) {
                break;
            }
            if (System.nanoTime() > deadline && !batch.isEmpty()) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<SqsEvents.Message> records = batch.stream().map(m -> new SqsEvents.Message(m.messageId(), m.receiptHandle(),
                m.body(), Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")),
                queueName)).toList();
        JsonPath response = SqsEvents.invoke(records).extract().jsonPath();
        invocations++;
        Set<String> failed = new HashSet<>(response.getList("batchItemFailures.itemIdentifier", String.class));
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(deletes.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
            if (deletes.size() == 10) {
                delete(deletes);
            }
        }
        delete(deletes);
        delivered += batch.size();
        return batch.size();
    }

    private void delete(List<DeleteMessageBatchRequestEntry> entries) {
        if (!entries.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(List.copyOf(entries)));
            entries.clear();
        }
    }

    int invocations() {
        return invocations;
    }
}
