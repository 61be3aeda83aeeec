package com.gstcomms.runtime.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.InvalidCommandException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way every SQS worker processes a batch (docs/ARCHITECTURE.md "Idempotency and batches"): decode each record, run it, and
 * report the failed ones in the partial batch response (ReportBatchItemFailures), so one bad message
 * never re-runs its batch mates. On a FIFO queue the first failure fails the rest of the batch too,
 * to keep order (what AWS Lambda Powertools does: a later message must not overtake an earlier one).
 *
 * <p>See AWS, "Handling errors for an SQS event source in Lambda": a message listed in
 * {@code batchItemFailures} becomes visible again after its visibility timeout; the others are deleted.
 */
@ApplicationScoped
public class SqsBatch {

    private static final Logger LOG = Logger.getLogger(SqsBatch.class);

    private final SqsClient sqs;

    public SqsBatch(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Handles one decoded command of one SQS record. */
    @FunctionalInterface
    public interface CommandHandler<C extends Command> {
        void handle(C command, Delivery delivery) throws Exception;
    }

    /** Where a record came from and how often SQS has delivered it (1 on the first delivery). */
    public record Delivery(String messageId, int receiveCount, String queueArn) {
    }

    public <C extends Command> SQSBatchResponse process(SQSEvent event, Class<C> type, CommandHandler<C> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean failRest = false;
        for (SQSEvent.SQSMessage record : records) {
            if (failRest) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                continue;
            }
            if (!handleOne(record, type, handler)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                failRest = isFifo(record);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private <C extends Command> boolean handleOne(SQSEvent.SQSMessage record, Class<C> type, CommandHandler<C> handler) {
        Delivery delivery = new Delivery(record.getMessageId(), receiveCount(record), record.getEventSourceArn());
        try {
            C command = Commands.fromJson(record.getBody(), type);
            handler.handle(command, delivery);
            return true;
        } catch (InvalidCommandException e) {
            // It will never decode: let it go to the DLQ, where it can be read.
            LOG.errorf("Message %s on %s is not a valid %s: %s", record.getMessageId(), queueName(record),
                    type.getSimpleName(), e.getMessage());
            return false;
        } catch (RetryLater e) {
            LOG.warnf("Message %s (receive %d) will be retried in %d s: %s", record.getMessageId(),
                    delivery.receiveCount(), e.delay().toSeconds(), e.getMessage());
            hideFor(record, e);
            return false;
        } catch (Exception e) {
            LOG.errorf(e, "Message %s (receive %d) on %s failed", record.getMessageId(), delivery.receiveCount(),
                    queueName(record));
            return false;
        }
    }

    private void hideFor(SQSEvent.SQSMessage record, RetryLater retry) {
        try {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName(record))).queueUrl();
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(record.getReceiptHandle())
                    .visibilityTimeout((int) Math.min(43_200, Math.max(0, retry.delay().toSeconds()))));
        } catch (RuntimeException e) {
            // The queue's own visibility timeout then decides when it comes back.
            LOG.warnf("Could not set the retry delay of message %s: %s", record.getMessageId(), e.getMessage());
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isFifo(SQSEvent.SQSMessage record) {
        return queueName(record).endsWith(".fifo");
    }

    /** The queue name is the last part of the ARN (arn:aws:sqs:region:account:name). */
    static String queueName(SQSEvent.SQSMessage record) {
        String arn = record.getEventSourceArn() == null ? "" : record.getEventSourceArn();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
