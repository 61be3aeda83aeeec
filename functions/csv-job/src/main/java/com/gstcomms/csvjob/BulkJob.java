package com.gstcomms.csvjob;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The event of the {@code csv-job} entry point: run the bulk operation the API created — an export
 * (type EXPORT_CUSTOMERS, EXPORT_INVOICES, EXPORT_NOTIFICATIONS) or a bulk status change (type STATUS).
 * Everything else (filters, ids, target status) is in the operation's {@code parameters}, so the event
 * stays this small: {@code {"shopId":7,"bulkOperationId":42}}. The API invokes the function
 * asynchronously (InvocationType=Event); Lambda retries a failed run twice.
 *
 * <p>Not a {@link com.gstcomms.core.message.Command}: that interface is sealed in shared/core. If jobs
 * move onto a queue, the lead adds a {@code run-bulk-operation} command with these two fields (see README).
 */
@RegisterForReflection
public record BulkJob(long shopId, long bulkOperationId, String traceId) {

    @JsonCreator
    public BulkJob(@JsonProperty("shopId") long shopId, @JsonProperty("bulkOperationId") long bulkOperationId,
                   @JsonProperty("traceId") String traceId) {
        if (shopId <= 0 || bulkOperationId <= 0) {
            throw new IllegalArgumentException("a bulk job needs a positive shopId and bulkOperationId, found "
                    + shopId + " and " + bulkOperationId);
        }
        this.shopId = shopId;
        this.bulkOperationId = bulkOperationId;
        this.traceId = traceId;
    }
}
