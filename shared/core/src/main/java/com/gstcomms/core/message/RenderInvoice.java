package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Render queue → invoice-pdf: render invoice {@code invoiceId} to a PDF in S3, then queue its
 * delivery on each of {@code deliverVia} (empty: render only).
 */
public record RenderInvoice(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) long invoiceId,
        List<Channel> deliverVia,
        String traceId) implements Command {

    public static final String TYPE = "render-invoice";
    public static final int VERSION = 1;

    @JsonCreator
    public RenderInvoice {
        Require.positive(shopId, "shopId");
        Require.positive(invoiceId, "invoiceId");
        deliverVia = deliverVia == null ? List.of() : List.copyOf(deliverVia);
    }

    public RenderInvoice(long shopId, long invoiceId, List<Channel> deliverVia, String traceId) {
        this(VERSION, shopId, invoiceId, deliverVia, traceId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
