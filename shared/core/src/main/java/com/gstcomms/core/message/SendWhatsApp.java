package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * WhatsApp queue → whatsapp: send notification {@code notificationId} by WhatsApp (Twilio).
 * Everything else (recipient, template, variables, attachment S3 key) is on the notification
 * row, which the worker claims before sending so a redelivered command does not send twice.
 */
public record SendWhatsApp(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) long notificationId,
        String traceId) implements Command {

    public static final String TYPE = "send-whatsapp";
    public static final int VERSION = 1;

    @JsonCreator
    public SendWhatsApp {
        Require.positive(shopId, "shopId");
        Require.positive(notificationId, "notificationId");
    }

    public SendWhatsApp(long shopId, long notificationId, String traceId) {
        this(VERSION, shopId, notificationId, traceId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
