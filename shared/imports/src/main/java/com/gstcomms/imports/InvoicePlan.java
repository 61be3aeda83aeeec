package com.gstcomms.imports;

import com.gstcomms.core.gst.InvoiceLine;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.state.IndianState;

import java.util.List;

/**
 * An order worked out as a GST invoice, ready to be numbered and stored: its lines (goods, then
 * shipping as part of the composite supply) and the tax figures of {@link com.gstcomms.core.gst.GstCalculator}.
 */
public record InvoicePlan(OrderRecord order, IndianState supplierState, List<InvoiceLine> lines, TaxedInvoice taxed) {

    public InvoicePlan {
        lines = List.copyOf(lines);
    }
}
