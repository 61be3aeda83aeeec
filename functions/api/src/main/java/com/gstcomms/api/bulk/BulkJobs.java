package com.gstcomms.api.bulk;

import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.BulkOperation;
import org.jboss.logging.Logger;

/** Hands a stored bulk operation to the csv function; a failure to start is the client's to retry. */
final class BulkJobs {

    private static final Logger LOG = Logger.getLogger(BulkJobs.class);

    private BulkJobs() {
    }

    static void start(BulkJobStarter jobs, BulkOperation op) {
        try {
            jobs.start(op.shopId, op.id);
        } catch (RuntimeException e) {
            LOG.warnf(e, "bulk operation %d is stored but could not be started", op.id);
            throw Problem.unavailable("Bulk operation " + op.id + " is recorded but could not be started; retry the "
                    + "request with the same Idempotency-Key");
        }
    }
}
