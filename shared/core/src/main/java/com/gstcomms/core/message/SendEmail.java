package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Email queue → email: send notification {@code notificationId} by email (SendGrid, SMTP fallback).
 * Everything else (recipient, template, variables, attachment S3 key) is on the notification
 * row, which the worker claims before sending so a redelivered command does not send twice.
 */
public record SendEmail(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) long notificationId,
        String traceId) implements Command {

    public static final String TYPE = "send-email";
    public static final int VERSION = 1;

    @JsonCreator
    public SendEmail {
        Require.positive(shopId, "shopId");
        Require.positive(notificationId, "notificationId");
    }

    public SendEmail(long shopId, long notificationId, String traceId) {
        this(VERSION, shopId, notificationId, traceId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
