package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** Who changed what, and when: written by every state-changing call. */
@Entity
public class AuditLog extends PanacheEntity {
    public long shopId;
    /** API_KEY, SESSION, SYSTEM, WEBHOOK. */
    public String actorType;
    public String actor;
    public String action;
    public String targetType;
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String details = "{}";
    public OffsetDateTime at = OffsetDateTime.now();
}
