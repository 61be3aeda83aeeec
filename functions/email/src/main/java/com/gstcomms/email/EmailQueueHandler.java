package com.gstcomms.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Email queues (transactional and bulk) → one send per command; failures reported per message. */
@Named("email")
public class EmailQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    SqsBatch batch;

    @Inject
    EmailDelivery delivery;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, SendEmail.class, (command, d) -> delivery.deliver(command, d));
    }
}
