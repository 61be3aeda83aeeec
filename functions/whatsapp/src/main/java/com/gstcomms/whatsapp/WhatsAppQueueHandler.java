package com.gstcomms.whatsapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * WhatsApp queues (transactional and bulk) → one send per command; failures and retries reported per
 * message in the partial batch response (SqsBatch).
 */
@Named("whatsapp")
public class WhatsAppQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    SqsBatch batch;

    @Inject
    WhatsAppDelivery delivery;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, SendWhatsApp.class, delivery::deliver);
    }
}
