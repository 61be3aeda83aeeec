package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** A bulk job (import, export, batch invoices/labels/status) and its progress. */
@Entity
public class BulkOperation extends PanacheEntity {
    public enum Status {
        PENDING, RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED;

        /** Nothing more happens to an operation in this status. */
        public boolean finished() {
            return this != PENDING && this != RUNNING;
        }

        /** {@link #finished()} of a status by name, as stored and as {@code BulkProgress.complete} answers it. */
        public static boolean isFinished(String status) {
            return valueOf(status).finished();
        }
    }

    public long shopId;
    /** IMPORT_CUSTOMERS, IMPORT_ORDERS, IMPORT_PRODUCTS, INVOICES, LABELS, STATUS, EXPORT_… */
    public String type;
    @Enumerated(EnumType.STRING)
    public Status status = Status.PENDING;
    /** Unknown until the input is counted (e.g. a CSV is split). */
    public Integer total;
    public int processed;
    public int succeeded;
    public int failed;
    public String inputKey;
    public String outputKey;
    public String errorReportKey;
    public String errorSummary;
    @JdbcTypeCode(SqlTypes.JSON)
    public String parameters = "{}";
    public String createdBy;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    /** Whole percent done, 0 while the total is unknown. */
    public int percent() {
        if (total == null || total == 0) {
            return status == Status.COMPLETED ? 100 : 0;
        }
        return (int) (processed * 100L / total);
    }
}
