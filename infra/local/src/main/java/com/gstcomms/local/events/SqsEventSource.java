package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.lambda.InvocationResult;
import com.gstcomms.local.lambda.LocalFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What Lambda's SQS event source mapping does, for one SQS event of the template: poll the queue, gather
 * up to BatchSize messages (waiting at most MaximumBatchingWindowInSeconds), invoke the function with an
 * SQS event shaped like AWS's, and delete the messages the function did not list in
 * {@code batchItemFailures} (AWS, "Handling errors for an SQS event source in Lambda"). When the whole
 * invocation fails (function error, timeout, process died) nothing is deleted: every record comes back.
 *
 * <p>Local differences, documented in infra/local/README.md: the poll runs only while the function is
 * built; after a failed invocation the records are made visible again after {@code retryDelay} instead of
 * the queue's full visibility timeout, so a crashed worker's batch is retried within seconds.
 */
public final class SqsEventSource implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    /** SQS ReceiveMessage returns at most 10 messages per call. */
    private static final int RECEIVE_MAX = 10;

    private final String id;
    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String queueName;
    private final String region;
    private final int batchSize;
    private final Duration batchingWindow;
    private final boolean reportsBatchItemFailures;
    private final Duration retryDelay;
    private final Consumer<String> log;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean paused;
    private final Thread poller;

    public SqsEventSource(String id, LocalFunction function, SqsClient sqs, String queueUrl, String queueArn,
                          String region, int batchSize, Duration batchingWindow, boolean reportsBatchItemFailures,
                          Duration retryDelay, Consumer<String> log) {
        this.id = id;
        this.function = function;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        this.region = region;
        this.batchSize = batchSize;
        this.batchingWindow = batchingWindow;
        this.reportsBatchItemFailures = reportsBatchItemFailures;
        this.retryDelay = retryDelay;
        this.log = log;
        this.poller = Thread.ofPlatform().daemon().name("sqs-" + id).start(this::pollLoop);
    }

    public String id() {
        return id;
    }

    public String queueName() {
        return queueName;
    }

    public LocalFunction function() {
        return function;
    }

    public long batches() {
        return batches.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long retried() {
        return retried.get();
    }

    /** Stops taking messages (the console's "pause", and the demo's stage control); in-flight work ends. */
    public void pause(boolean pause) {
        this.paused = pause;
    }

    public boolean paused() {
        return paused;
    }

    private void pollLoop() {
        while (running) {
            try {
                if (paused || !function.built()) {
                    Thread.sleep(500);
                    continue;
                }
                List<Message> batch = receiveBatch();
                if (batch.isEmpty() || !running) {
                    continue;
                }
                deliver(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.accept(id + ": polling " + queueName + " failed: " + e.getMessage());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>();
        long windowEnds = System.nanoTime() + batchingWindow.toNanos();
        do {
            int wanted = Math.min(RECEIVE_MAX, batchSize - batch.size());
            // Long poll: 1 s while nothing has arrived (keeps stop quick); no wait while filling a window.
            int wait = batch.isEmpty() ? 1 : 0;
            ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"));
            batch.addAll(response.messages());
            if (batch.isEmpty()) {
                return batch;
            }
            if (response.messages().isEmpty() && System.nanoTime() >= windowEnds) {
                break;
            }
            if (batch.size() < batchSize && System.nanoTime() < windowEnds && response.messages().isEmpty()) {
                sleepQuietly(100);
            }
        } while (batch.size() < batchSize && System.nanoTime() < windowEnds && running);
        return batch;
    }

    private void deliver(List<Message> batch) throws InterruptedException {
        batches.incrementAndGet();
        byte[] event = sqsEvent(batch);
        InvocationResult result;
        try {
            result = function.invoke("SQS " + queueName + " (" + batch.size() + (batch.size() == 1 ? " record)" : " records)"),
                    event).get(function.spec().timeoutSeconds() + 600L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            result = new InvocationResult.Failure(InvocationResult.Kind.RUNTIME_EXITED, String.valueOf(e), 0);
        }
        // Without ReportBatchItemFailures a successful invocation deletes the whole batch, whatever it answered.
        Set<String> failed = result.ok() && !reportsBatchItemFailures ? Set.of() : failedIds(batch, result);
        List<Message> done = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        delete(done);
        if (!failed.isEmpty()) {
            retried.addAndGet(failed.size());
            if (!result.ok()) {
                // The whole invocation failed: no record of it was processed for sure. Make them visible
                // again soon (AWS would wait for the visibility timeout).
                for (Message message : batch) {
                    changeVisibility(message, (int) retryDelay.toSeconds());
                }
                log.accept(id + ": " + batch.size() + " record(s) of " + queueName + " will be retried: "
                        + result.summary());
            }
        }
    }

    /** The records to keep on the queue: all of them when the invocation failed, else the reported failures. */
    static Set<String> failedIds(List<Message> batch, InvocationResult result) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        if (!(result instanceof InvocationResult.Response response)) {
            return all;
        }
        JsonNode body;
        try {
            body = response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (Exception e) {
            // With ReportBatchItemFailures on, an answer Lambda cannot read fails the whole batch.
            return all;
        }
        if (body == null || body.isNull() || !body.has("batchItemFailures")) {
            return Set.of();
        }
        JsonNode failures = body.get("batchItemFailures");
        if (failures.isNull() || failures.isEmpty()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String itemId = failure.path("itemIdentifier").asText(null);
            // AWS: an empty, null or unknown itemIdentifier fails the whole batch.
            if (itemId == null || itemId.isEmpty() || !all.contains(itemId)) {
                return all;
            }
            failed.add(itemId);
        }
        return failed;
    }

    private void delete(List<Message> done) {
        for (int from = 0; from < done.size(); from += RECEIVE_MAX) {
            List<Message> slice = done.subList(from, Math.min(done.size(), from + RECEIVE_MAX));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < slice.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(slice.get(i).receiptHandle()).build());
            }
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            deleted.addAndGet(response.successful().size());
            response.failed().forEach(f -> log.accept(id + ": could not delete a message of " + queueName + ": "
                    + f.message()));
        }
    }

    private void changeVisibility(Message message, int seconds) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // the queue's own visibility timeout brings it back
        }
    }

    /** The event Lambda builds for a batch (AWS's documented SQS event; one record of it: functions/csv/src/test/resources/events/sqs-record.json). */
    byte[] sqsEvent(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            for (Map.Entry<MessageSystemAttributeName, String> a : message.attributes().entrySet()) {
                if (a.getKey() != MessageSystemAttributeName.UNKNOWN_TO_SDK_VERSION) {
                    attributes.put(a.getKey().toString(), a.getValue());
                }
            }
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> a : message.messageAttributes().entrySet()) {
                ObjectNode value = messageAttributes.putObject(a.getKey());
                MessageAttributeValue v = a.getValue();
                if (v.stringValue() != null) {
                    value.put("stringValue", v.stringValue());
                }
                if (v.binaryValue() != null) {
                    value.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
                }
                value.putArray("stringListValues");
                value.putArray("binaryListValues");
                value.put("dataType", v.dataType());
            }
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }

    public boolean reportsBatchItemFailures() {
        return reportsBatchItemFailures;
    }
}
