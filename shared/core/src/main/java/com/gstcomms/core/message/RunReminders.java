package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Scheduler queue → scheduler: run one shop's payment reminders for one day (India date, ISO
 * {@code 2026-11-25}), for its unpaid invoices with ids above {@code afterInvoiceId}. The daily run
 * queues one per shop; a shop with more invoices than one invocation can handle queues its own
 * continuation (the last invoice id it handled), so no invocation outgrows the function's timeout.
 */
public record RunReminders(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) String runDate,
        @JsonProperty(required = true) long afterInvoiceId,
        String traceId) implements Command {

    public static final String TYPE = "run-reminders";
    public static final int VERSION = 1;

    @JsonCreator
    public RunReminders {
        Require.positive(shopId, "shopId");
        Require.text(runDate, "runDate");
        try {
            LocalDate.parse(runDate);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("runDate must be an ISO date like 2026-11-25, found '" + runDate + "'");
        }
        if (afterInvoiceId < 0) {
            throw new IllegalArgumentException("afterInvoiceId must not be negative, found " + afterInvoiceId);
        }
    }

    public RunReminders(long shopId, LocalDate runDate, long afterInvoiceId, String traceId) {
        this(VERSION, shopId, runDate.toString(), afterInvoiceId, traceId);
    }

    public LocalDate date() {
        return LocalDate.parse(runDate);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
