package com.gstcomms.api.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.BulkOperation;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.Map;

/** A bulk operation's progress (the names of docs/ARCHITECTURE.md "HTTP API"), with presigned links to its output and error report. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkOperationView(
        long id, String type, String status, Integer total, int processed, int succeeded, int failed, int percent,
        String outputUrl, String errorReportUrl, String errorSummary, Map<String, Object> parameters,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime updatedAt,
        Long durationMillis) {

    public static BulkOperationView of(BulkOperation op, String outputUrl, String errorReportUrl) {
        Long duration = op.startedAt == null ? null
                : java.time.Duration.between(op.startedAt, op.finishedAt != null ? op.finishedAt : OffsetDateTime.now()).toMillis();
        return new BulkOperationView(op.id, op.type, op.status.name(), op.total, op.processed, op.succeeded, op.failed,
                op.percent(), outputUrl, errorReportUrl, op.errorSummary, Json.map(op.parameters), Json.time(op.createdAt),
                Json.time(op.startedAt), Json.time(op.finishedAt), Json.time(op.updatedAt), duration);
    }
}
