package com.gstcomms.documents;

import com.gstcomms.core.gst.SupplyType;
import com.gstcomms.core.gst.TaxedInvoice;
import com.gstcomms.core.invoice.InvoiceNumber;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Validated;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything printed on a GST tax invoice (CGST Rule 46), checked when built so that the PDF never
 * shows a half-valid invoice.
 *
 * @param number         the invoice number (Rule 46(b): at most 16 characters, letters, digits, '-' and '/')
 * @param issueDate      the date of issue (Rule 46(c))
 * @param dueDate        when payment is due, or null
 * @param orderRef       the shop's order reference, or null
 * @param placeOfSupply  the place of supply (Rule 46(n)); with the supplier's state it decides CGST+SGST or IGST,
 *                       and must agree with {@code figures.supplyType()}
 * @param reverseCharge  whether tax is payable on reverse charge (Rule 46(p))
 * @param figures        lines and totals, from {@link com.gstcomms.core.gst.GstCalculator} or
 *                       {@link InvoiceFigures#recorded} for an invoice already issued
 * @param amountPaid     paid so far (zero when unpaid); the payment QR asks for the rest
 * @param cancelled      a cancelled invoice is stamped CANCELLED and asks for no payment
 */
public record TaxInvoice(Supplier supplier, String number, LocalDate issueDate, LocalDate dueDate, String orderRef,
                         IndianState placeOfSupply, boolean reverseCharge, Recipient recipient,
                         TaxedInvoice figures, Money amountPaid, boolean cancelled) {

    public TaxInvoice {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(recipient, "recipient");
        Validated<String> checkedNumber = InvoiceNumber.validate(number);
        if (checkedNumber instanceof Validated.Invalid<String> bad) {
            throw new DocumentDataException("number", bad.reason());
        }
        number = checkedNumber.orElseThrow();
        if (issueDate == null) {
            throw new DocumentDataException("issueDate", "invoice " + number + " has no date of issue (CGST Rule 46(c))");
        }
        if (placeOfSupply == null) {
            throw new DocumentDataException("placeOfSupply",
                    "invoice " + number + " has no place of supply (CGST Rule 46(n))");
        }
        if (figures == null || figures.lines().isEmpty()) {
            throw new DocumentDataException("lines", "invoice " + number + " has no lines");
        }
        SupplyType expected = SupplyType.of(supplier.state(), placeOfSupply);
        if (figures.supplyType() != expected) {
            throw new DocumentDataException("placeOfSupply", "invoice " + number + " is taxed as "
                    + describe(figures.supplyType()) + " but the supplier is in " + supplier.state().withCode()
                    + " and the place of supply is " + placeOfSupply.withCode() + ", which makes it "
                    + describe(expected));
        }
        orderRef = Fields.optional(orderRef);
        amountPaid = amountPaid == null ? Money.ZERO : amountPaid;
        if (amountPaid.isNegative()) {
            throw new DocumentDataException("amountPaid", "invoice " + number + " has a negative amount paid " + amountPaid);
        }
    }

    /** The same invoice with another amount paid; null means paid in full. */
    public TaxInvoice withAmountPaid(Money paid) {
        return new TaxInvoice(supplier, number, issueDate, dueDate, orderRef, placeOfSupply, reverseCharge, recipient,
                figures, paid == null ? figures.grandTotal() : paid, cancelled);
    }

    /** What is still to be paid: grand total less amount paid, never below zero. */
    public Money amountDue() {
        Money due = figures.grandTotal().minus(amountPaid);
        return due.isNegative() ? Money.ZERO : due;
    }

    /** A UPI payment QR code is printed for an unpaid (or part-paid) invoice of a shop with a UPI ID. */
    public boolean asksForUpiPayment() {
        return !cancelled && supplier.upiId() != null && amountDue().signum() > 0;
    }

    private static String describe(SupplyType type) {
        return type == SupplyType.INTRA_STATE ? "intra-state (CGST + SGST)" : "inter-state (IGST)";
    }
}
