package com.gstcomms.csvjob;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a bulk job did (the Lambda's response).
 *
 * @param status      the operation's status afterwards, or IGNORED / IN_PROGRESS
 * @param downloadUrl for an export: a presigned link to the file (short-lived; the API presigns its own
 *                    from the operation's output key when asked)
 */
@RegisterForReflection
public record BulkJobOutcome(long bulkOperationId, String status, int total, int succeeded, int failed,
                             String outputKey, String downloadUrl, String message) {

    static BulkJobOutcome of(long id, String status, String message) {
        return new BulkJobOutcome(id, status, 0, 0, 0, null, null, message);
    }
}
