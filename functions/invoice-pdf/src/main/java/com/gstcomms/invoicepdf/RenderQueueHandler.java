package com.gstcomms.invoicepdf;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.InvalidCommandException;
import com.gstcomms.core.message.RenderInvoice;
import com.gstcomms.core.message.RenderLabels;
import com.gstcomms.runtime.lambda.SqsBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Render queue → invoice and label PDFs in S3. Each record is one render-invoice or render-labels
 * command; failed records are reported in the partial batch response (SqsBatch).
 */
@Named("invoice-pdf")
public class RenderQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    SqsBatch batch;

    @Inject
    InvoiceRendering invoices;

    @Inject
    LabelRendering labels;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.process(event, Command.class, (command, delivery) -> {
            switch (command) {
                case RenderInvoice render -> invoices.render(render, delivery);
                case RenderLabels render -> labels.render(render, delivery);
                default -> throw new InvalidCommandException("the render queue takes render-invoice and render-labels"
                        + " commands, not " + command.type());
            }
        });
    }
}
