package com.gstcomms.api.notifications;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * {@code POST /v1/notifications}: one message. {@code channel} EMAIL, WHATSAPP or AUTO (default:
 * WhatsApp where the customer opted in and has a phone, else email); {@code kind} or {@code templateId};
 * {@code customerId} or {@code to}; {@code attachInvoicePdf} attaches the PDF of {@code invoiceId};
 * {@code scheduledAt} in the future is kept for the scheduler. Times are ISO-8601 strings with offset.
 */
@RegisterForReflection
public record SendNotification(
        String channel, String kind, Long templateId, Long customerId, String to, String locale, String subject,
        Map<String, Object> variables, Long invoiceId, Boolean attachInvoicePdf, String scheduledAt) {
}
