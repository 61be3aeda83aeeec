package com.gstcomms.invoicepdf;

/**
 * A render command that cannot succeed as the data stands (the invoice or shipments fail the document
 * checks, the invoice does not exist). The reason is already recorded on the invoice or the bulk
 * operation; the message is reported failed, so SQS retries it a few times (the merchant may fix the
 * data meanwhile) and then moves it to the dead-letter queue, where it can be read.
 */
public class RenderFailed extends RuntimeException {
    public RenderFailed(String reason) {
        super(reason);
    }
}
