package com.gstcomms.reminders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reminders queue: one shop's reminders for one day (a page of invoices per command). An SQS worker, so a
 * {@link RequestHandler} around {@link SqsBatch} (per-message retry and partial batch failures), not Funqy.
 */
@Named("shop-reminders")
public class ShopRemindersHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    SqsBatch batch;

    @Inject
    ShopReminders reminders;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, RunReminders.class, (command, delivery) -> reminders.run(command));
    }
}
