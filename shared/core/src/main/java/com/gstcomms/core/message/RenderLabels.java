package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Render queue → invoice-pdf: render the shipping labels of {@code shipmentIds} into one PDF,
 * {@code labels/{shop}/{bulkOperationId}.pdf}, and record progress on the bulk operation.
 */
public record RenderLabels(
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) long shopId,
        @JsonProperty(required = true) long bulkOperationId,
        @JsonProperty(required = true) List<Long> shipmentIds,
        String traceId) implements Command {

    public static final String TYPE = "render-labels";
    public static final int VERSION = 1;

    @JsonCreator
    public RenderLabels {
        Require.positive(shopId, "shopId");
        Require.positive(bulkOperationId, "bulkOperationId");
        if (shipmentIds == null || shipmentIds.isEmpty()) {
            throw new IllegalArgumentException("shipmentIds must name at least one shipment");
        }
        shipmentIds.forEach(id -> Require.positive(id == null ? 0 : id, "each of shipmentIds"));
        shipmentIds = List.copyOf(shipmentIds);
    }

    public RenderLabels(long shopId, long bulkOperationId, List<Long> shipmentIds, String traceId) {
        this(VERSION, shopId, bulkOperationId, shipmentIds, traceId);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
