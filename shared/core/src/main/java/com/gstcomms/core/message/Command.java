package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A command sent between functions over SQS: small JSON with a {@code type} naming the command
 * and a {@code version} of its shape, e.g.
 * {@code {"type":"render-invoice","version":1,"shopId":7,"invoiceId":42,"deliverVia":["EMAIL"]}}.
 *
 * <p>Files never travel in a command, only S3 keys. Ids of database rows are {@code long}s.
 * {@code traceId} is optional and carries a request's correlation id down the chain for logs.
 * Read and write commands with {@link Commands}, which also explains what is checked.
 *
 * <p>Changing a command: adding an optional field keeps the version (readers ignore unknown
 * fields); renaming, removing or changing the meaning of a field makes a new version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RenderInvoice.class, name = RenderInvoice.TYPE),
        @JsonSubTypes.Type(value = RenderLabels.class, name = RenderLabels.TYPE),
        @JsonSubTypes.Type(value = SendEmail.class, name = SendEmail.TYPE),
        @JsonSubTypes.Type(value = SendWhatsApp.class, name = SendWhatsApp.TYPE),
        @JsonSubTypes.Type(value = ProcessCsvChunk.class, name = ProcessCsvChunk.TYPE),
        @JsonSubTypes.Type(value = RunReminders.class, name = RunReminders.TYPE)
})
public sealed interface Command permits RenderInvoice, RenderLabels, SendEmail, SendWhatsApp, ProcessCsvChunk,
        RunReminders {

    /** The command's type name, e.g. {@code "render-invoice"}; written as the JSON {@code type}. */
    String type();

    /** The version of this command's shape. */
    int version();

    /** The shop (tenant) the command acts for. */
    long shopId();

    /** Correlation id for logs, or null. */
    String traceId();
}
