package com.gstcomms.runtime.data;

import com.gstcomms.core.message.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * One message to one recipient (the notification log). Created QUEUED (or SCHEDULED) by whoever
 * asks for it; a worker claims it with a conditional update before calling the provider.
 */
@Entity
public class Notification extends PanacheEntity {
    public long shopId;
    public Long customerId;
    public Long campaignId;
    public Long invoiceId;
    public Long templateId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String kind;
    public String locale = "en";
    /** Email address, or E.164 phone number for WhatsApp. */
    public String recipient;
    public String subject;
    @JdbcTypeCode(SqlTypes.JSON)
    public String variables = "{}";
    /** S3 keys of attachments. */
    @Column(columnDefinition = "text[]")
    public String[] attachmentKeys = new String[0];
    @Enumerated(EnumType.STRING)
    public NotificationStatus status = NotificationStatus.QUEUED;
    /** Sent through the bulk queues (campaigns), so transactional messages are never delayed. */
    public boolean bulk;
    /** Unique per shop: a repeated request or redelivered command finds the same row. */
    public String idempotencyKey;
    public String provider;
    public String providerMessageId;
    public int attempts;
    public OffsetDateTime leaseUntil;
    public OffsetDateTime scheduledAt;
    public OffsetDateTime queuedAt;
    public OffsetDateTime sentAt;
    public OffsetDateTime deliveredAt;
    public OffsetDateTime openedAt;
    public OffsetDateTime clickedAt;
    public OffsetDateTime readAt;
    public OffsetDateTime failedAt;
    public String errorCode;
    public String errorMessage;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
