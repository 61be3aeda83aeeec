package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** A bulk send to an audience (all opted-in customers, tags, or ids) on one channel. */
@Entity
public class Campaign extends PanacheEntity {
    public enum Status { DRAFT, SCHEDULED, RUNNING, COMPLETED, CANCELLED, FAILED }

    public long shopId;
    public String name;
    /** EMAIL, WHATSAPP or AUTO. */
    public String channel;
    public String kind = "CAMPAIGN";
    public Long templateId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String audience = "{}";
    @JdbcTypeCode(SqlTypes.JSON)
    public String variables = "{}";
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status = Status.DRAFT;
    public OffsetDateTime scheduledAt;
    public OffsetDateTime startedAt;
    public OffsetDateTime completedAt;
    public int total;
    public int queued;
    public int sent;
    public int failed;
    /** Audience members not messaged because they are suppressed on the channel. */
    public int suppressed;
    /** Audience members no message was created for (not opted in, no address, unknown id). */
    public int skipped;
    /** The last customer id the fan-out handled (it resumes after it). */
    public long fanoutCursor;
    /** When the whole audience had notifications; only then can the campaign complete. */
    public OffsetDateTime fannedOutAt;
    public Long bulkOperationId;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
