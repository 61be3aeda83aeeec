package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** A provider event about a notification (delivered, opened, bounced, read …), deduplicated by id. */
@Entity
public class NotificationEvent extends PanacheEntity {
    public long shopId;
    public long notificationId;
    public String type;
    public String provider;
    public String providerEventId;
    public OffsetDateTime occurredAt;
    public String detail;
    @JdbcTypeCode(SqlTypes.JSON)
    public String payload = "{}";
    public OffsetDateTime createdAt = OffsetDateTime.now();
}
