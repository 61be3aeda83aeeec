package com.gstcomms.csvjob;

import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

/**
 * The csv-job entry point: a Funqy function the API invokes asynchronously with
 * {@code {"shopId":…,"bulkOperationId":…}} (read as {@link BulkJob}); runs that export or bulk status change.
 * Lambda's handler is Funqy's ({@code io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest} on java21,
 * the bootstrap natively; template.yaml CsvJobFunction).
 */
public class CsvJob {

    @Inject
    BulkJobs jobs;

    @Funq("csv-job")
    public BulkJobOutcome run(BulkJob job) {
        return jobs.run(job);
    }
}
