package com.gstcomms.api.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A notification as clients see it; {@code events} only when one notification is read. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        long id, String channel, String kind, String status, String recipient, String locale, String subject,
        String provider, String providerMessageId, Long customerId, Long campaignId, Long invoiceId, Long templateId,
        boolean bulk, Map<String, Object> variables, List<String> attachmentKeys, int attempts,
        OffsetDateTime scheduledAt, OffsetDateTime queuedAt, OffsetDateTime sentAt, OffsetDateTime deliveredAt,
        OffsetDateTime openedAt, OffsetDateTime clickedAt, OffsetDateTime readAt, OffsetDateTime failedAt,
        String errorCode, String errorMessage, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        List<EventView> events) {

    public static NotificationView of(Notification n) {
        return of(n, null);
    }

    public static NotificationView of(Notification n, List<NotificationEvent> events) {
        return new NotificationView(n.id, n.channel.name(), n.kind, n.status.name(), n.recipient, n.locale, n.subject,
                n.provider, n.providerMessageId, n.customerId, n.campaignId, n.invoiceId, n.templateId, n.bulk,
                Json.map(n.variables), List.of(n.attachmentKeys), n.attempts,
                Json.time(n.scheduledAt), Json.time(n.queuedAt), Json.time(n.sentAt), Json.time(n.deliveredAt),
                Json.time(n.openedAt), Json.time(n.clickedAt), Json.time(n.readAt), Json.time(n.failedAt),
                n.errorCode, n.errorMessage, Json.time(n.createdAt), Json.time(n.updatedAt),
                events == null ? null : events.stream().map(EventView::of).toList());
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, String type, String provider, String providerEventId, OffsetDateTime occurredAt,
                            String detail) {
        static EventView of(NotificationEvent e) {
            return new EventView(e.id, e.type, e.provider, e.providerEventId, Json.time(e.occurredAt), e.detail);
        }
    }
}
