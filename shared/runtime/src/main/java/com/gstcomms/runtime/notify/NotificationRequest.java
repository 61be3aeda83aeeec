package com.gstcomms.runtime.notify;

import com.gstcomms.core.message.Channel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request for one message, as the API, the scheduler, the invoice renderer or a fallback makes it.
 *
 * @param channel        EMAIL or WHATSAPP; null means AUTO (WhatsApp where the customer opted in and has a
 *                       phone, else email)
 * @param recipient      email or phone; may be null when {@code customerId} is given (taken from the customer)
 * @param idempotencyKey unique per shop: a repeated request returns the first notification
 * @param scheduledAt    null or past: queue now; future: SCHEDULED, queued by the scheduler when due
 * @param bulk           goes to the bulk queue (campaigns), so transactional mail is never delayed
 */
public record NotificationRequest(
        long shopId,
        Long customerId,
        Channel channel,
        String kind,
        String locale,
        String recipient,
        String subject,
        Map<String, Object> variables,
        List<String> attachmentKeys,
        Long invoiceId,
        Long campaignId,
        Long templateId,
        String idempotencyKey,
        OffsetDateTime scheduledAt,
        boolean bulk) {

    public NotificationRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        // Null values are left out (a template treats a missing variable and a null one alike).
        variables = variables == null ? Map.of() : variables.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        attachmentKeys = attachmentKeys == null ? List.of() : List.copyOf(attachmentKeys);
        if (customerId == null && (recipient == null || recipient.isBlank())) {
            throw new IllegalArgumentException("A notification needs a customer or a recipient address");
        }
        if (channel == null && customerId == null) {
            throw new IllegalArgumentException("AUTO channel needs a customer (to know their opt-ins)");
        }
    }
}
