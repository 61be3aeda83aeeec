package com.gstcomms.imports;

import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;

import java.time.LocalDate;
import java.util.List;

/**
 * An order read from its rows (Shopify writes one row per line item, the order's own fields on the first
 * row only): the recipient, place of supply and amounts an invoice needs.
 *
 * @param rows           every source row of the order
 * @param placeOfSupply  where the goods are delivered (IGST Act s.10(1)(a)): the shipping address's state,
 *                       else the billing address's; Foreign Country outside India
 * @param orderDiscount  an order-level discount to spread over the lines (zero when the lines carry theirs)
 * @param expectedTotal  the order's total as the file states it, to check the invoice against; null if absent
 * @param paymentStatus  PAID, PARTIALLY_PAID or ISSUED (unpaid)
 */
public record OrderRecord(List<Integer> rows, String orderRef, LocalDate issueDate, String email, String phone,
                          String paymentStatus, String recipientName, String recipientGstin, String billingAddress,
                          String shippingAddress, IndianState placeOfSupply, Money shipping, Money orderDiscount,
                          Money expectedTotal, List<OrderLine> lines) {

    public OrderRecord {
        rows = List.copyOf(rows);
        lines = List.copyOf(lines);
    }

    public int firstRow() {
        return rows.getFirst();
    }
}
