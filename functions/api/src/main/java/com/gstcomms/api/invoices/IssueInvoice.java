package com.gstcomms.api.invoices;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code POST /v1/invoices}: a tax invoice from an order. Money is a decimal string ("849.00"). A line
 * with a {@code sku} takes its HSN/SAC, rate, unit and name from the shop's catalogue where not given.
 * The recipient defaults to the customer; the place of supply to the recipient GSTIN's state, else the
 * recipient's state. {@code deliverVia} (EMAIL, WHATSAPP) sends the PDF once rendered.
 */
@RegisterForReflection
public record IssueInvoice(
        String orderRef, Long customerId, String issueDate, String dueDate, String placeOfSupply,
        Boolean reverseCharge, Boolean pricesIncludeTax, Recipient recipient, List<Line> lines,
        String shippingCharge, List<String> deliverVia) {

    @RegisterForReflection
    public record Recipient(String name, String gstin, String billingAddress, String shippingAddress, String stateCode) {
    }

    @RegisterForReflection
    public record Line(String sku, String description, String hsnSac, BigDecimal quantity, String unit,
                       String unitPrice, String discount, BigDecimal gstRate, BigDecimal cessRate) {
    }
}
