package com.gstcomms.runtime.data;

/**
 * The notification state machine (docs/ARCHITECTURE.md "Idempotency and batches"): SCHEDULED → QUEUED → SENDING → SENT →
 * DELIVERED / OPENED / CLICKED / READ, or FAILED / BOUNCED / UNDELIVERED / SUPPRESSED / CANCELLED.
 */
public enum NotificationStatus {
    SCHEDULED, QUEUED, SENDING, SENT, DELIVERED, OPENED, CLICKED, READ,
    FAILED, BOUNCED, UNDELIVERED, SUPPRESSED, CANCELLED;

    /** True once nothing more will be sent for this row (delivery events may still arrive). */
    public boolean isFinal() {
        return this != SCHEDULED && this != QUEUED && this != SENDING;
    }
}
