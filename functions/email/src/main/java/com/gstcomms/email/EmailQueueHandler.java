package com.gstcomms.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Email queues (transactional and bulk) → SendGrid / SMTP.
 *
 * <p>The whole batch is delivered together, so a campaign's commands that arrive in one batch share
 * SendGrid requests (the bulk queue's event source uses a large batch size and a batching window, see
 * README). {@link SqsBatch} decodes the records and reports each one's outcome (partial batch
 * failures; a {@code RetryLater} hides the message for its backoff).
 */
@Named("email")
public class EmailQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    SqsBatch batch;

    @Inject
    EmailDelivery delivery;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<EmailDelivery.Job> jobs = new ArrayList<>();
        // First pass: decode (records that do not decode are reported by the second pass).
        batch.process(event, SendEmail.class, (command, d) -> jobs.add(new EmailDelivery.Job(command, d)));
        Map<String, RuntimeException> failures = delivery.deliverAll(jobs);
        return batch.process(event, SendEmail.class, (command, d) -> {
            RuntimeException failure = failures.get(d.messageId());
            if (failure != null) {
                throw failure;
            }
        });
    }
}
