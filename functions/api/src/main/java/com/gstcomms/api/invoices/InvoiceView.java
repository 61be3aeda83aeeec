package com.gstcomms.api.invoices;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.api.http.Json;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.InvoiceLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An invoice as clients see it (docs/ARCHITECTURE.md "HTTP API" names): money as "1234.50", the place of supply as its GST code
 * with the state's name beside it (Rule 46(n)), {@code pdfUrl} a presigned link once the PDF exists.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceView(
        long id, String number, String financialYear, String orderRef, LocalDate issueDate, LocalDate dueDate,
        String supplierState, String placeOfSupply, String placeOfSupplyName, boolean reverseCharge,
        boolean pricesIncludeTax, Long customerId, String recipientName, String recipientGstin, String billingAddress,
        String shippingAddress, String taxableTotal, String cgst, String sgst, String igst, String cess,
        String roundOff, String grandTotal, String amountPaid, String amountInWords, String status, String pdfUrl,
        OffsetDateTime createdAt, List<LineView> lines) {

    public static InvoiceView of(Invoice i, String pdfUrl, boolean withLines) {
        return new InvoiceView(i.id, i.number, i.financialYear, i.orderRef, i.issueDate, i.dueDate, i.supplierState,
                i.placeOfSupply, IndianState.byCode(i.placeOfSupply).map(IndianState::displayName).orElse(null),
                i.reverseCharge, i.pricesIncludeTax, i.customerId, i.recipientName, i.recipientGstin, i.billingAddress,
                i.shippingAddress, Json.money(i.taxablePaise), Json.money(i.cgstPaise), Json.money(i.sgstPaise),
                Json.money(i.igstPaise), Json.money(i.cessPaise), Json.money(i.roundOffPaise),
                Json.money(i.grandTotalPaise), Json.money(i.amountPaidPaise), i.amountInWords, i.status.name(), pdfUrl,
                Json.time(i.createdAt), withLines ? i.lines.stream().map(LineView::of).toList() : null);
    }

    @RegisterForReflection
    public record LineView(int lineNo, String description, String hsnSac, BigDecimal quantity, String unit,
                           String unitPrice, String discount, String taxableValue, BigDecimal gstRate, String cgst,
                           String sgst, String igst, BigDecimal cessRate, String cess, String total) {
        static LineView of(InvoiceLine l) {
            return new LineView(l.lineNo, l.description, l.hsnSac, Json.plain(l.quantity), l.unit,
                    Json.money(l.unitPricePaise), Json.money(l.discountPaise), Json.money(l.taxablePaise),
                    Json.plain(l.gstRate), Json.money(l.cgstPaise), Json.money(l.sgstPaise),
                    Json.money(l.igstPaise), Json.plain(l.cessRate), Json.money(l.cessPaise),
                    Json.money(l.totalPaise));
        }
    }
}
