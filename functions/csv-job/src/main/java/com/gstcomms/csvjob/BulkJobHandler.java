package com.gstcomms.csvjob;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** {@code {"shopId":…,"bulkOperationId":…}} → run that export or bulk status change. */
@Named("csv-job")
public class BulkJobHandler implements RequestHandler<BulkJob, BulkJobOutcome> {

    @Inject
    BulkJobs jobs;

    @Override
    public BulkJobOutcome handleRequest(BulkJob job, Context context) {
        return jobs.run(job);
    }
}
