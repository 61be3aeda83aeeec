package com.gstcomms.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.testing.LocalServers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared batch processing, fed real messages received from a real SQS-compatible server. */
class SqsBatchTest {

    private final SqsClient sqs = LocalServers.sqs().client();
    private final SqsBatch batch = new SqsBatch(sqs);

    private SQSEvent eventFrom(String queueName, int count, List<String> bodies) {
        String url = LocalServers.sqs().createQueue(queueName);
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(
                    queueName.endsWith(".fifo") ? "g" : null).messageDeduplicationId(
                    queueName.endsWith(".fifo") ? UUID.randomUUID().toString() : null));
        }
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.size() < count; i++) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All")).messages());
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setAttributes(Map.of("ApproximateReceiveCount",
                    m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "1")));
            r.setEventSourceArn("arn:aws:sqs:ap-south-1:000000000000:" + queueName);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static String email(long id) {
        return Commands.toJson(new SendEmail(1L, id, null));
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void reportsOnlyTheFailedMessageOfABatch() {
        SQSEvent event = eventFrom("batch-" + UUID.randomUUID(), 3, List.of(email(1), email(2), email(3)));
        List<Long> handled = new ArrayList<>();

        SQSBatchResponse response = batch.process(event, SendEmail.class, (command, delivery) -> {
            if (command.notificationId() == 2) {
                throw new IllegalStateException("provider said no");
            }
            handled.add(command.notificationId());
        });

        String second = event.getRecords().stream().filter(r -> r.getBody().equals(email(2))).findFirst().orElseThrow()
                .getMessageId();
        assertThat(failedIds(response)).containsExactly(second);
        assertThat(handled).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void reportsAMessageThatIsNotAValidCommandWithoutStoppingTheOthers() {
        SQSEvent event = eventFrom("batch-" + UUID.randomUUID(), 2, List.of("{\"type\":\"send-email\"}", email(7)));
        List<Long> handled = new ArrayList<>();
        SQSBatchResponse response = batch.process(event, SendEmail.class, (c, d) -> handled.add(c.notificationId()));
        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(handled).containsExactly(7L);
    }

    @Test
    void onAFifoQueueFailsEverythingAfterTheFirstFailureToKeepOrder() {
        SQSEvent event = eventFrom("fifo-" + UUID.randomUUID() + ".fifo", 3, List.of(email(1), email(2), email(3)));
        List<Long> handled = new ArrayList<>();
        SQSBatchResponse response = batch.process(event, SendEmail.class, (command, delivery) -> {
            if (command.notificationId() == 2) {
                throw new IllegalStateException("no");
            }
            handled.add(command.notificationId());
        });
        assertThat(handled).containsExactly(1L);
        assertThat(failedIds(response)).containsExactly(
                event.getRecords().get(1).getMessageId(), event.getRecords().get(2).getMessageId());
    }

    @Test
    void hidesAMessageToRetryForTheBackoffDelay() throws Exception {
        String name = "retry-" + UUID.randomUUID();
        SQSEvent event = eventFrom(name, 1, List.of(email(1)));
        String url = LocalServers.sqs().createQueue(name);
        // Make it visible at once, as if its visibility timeout had passed, then let the handler ask for 3 s.
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(event.getRecords().get(0).getReceiptHandle())
                .visibilityTimeout(0));
        SQSEvent again = new SQSEvent();
        Message m = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().get(0);
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        record.setReceiptHandle(m.receiptHandle());
        again.setRecords(List.of(record));

        SQSBatchResponse response = batch.process(again, SendEmail.class, (c, d) -> {
            throw new RetryLater("429 Too Many Requests", Duration.ofSeconds(3));
        });

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
                .as("hidden during the backoff").isEmpty();
        Thread.sleep(3000);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages())
                .as("visible again after it").hasSize(1);
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        Duration base = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(15);
        assertThat(RetryLater.backoff(1, base, max)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(RetryLater.backoff(3, base, max)).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(48));
        assertThat(RetryLater.backoff(30, base, max)).isBetween(max, max.plus(max.dividedBy(5)));
    }
}
