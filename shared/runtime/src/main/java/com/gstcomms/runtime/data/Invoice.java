package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A GST tax invoice (CGST Rule 46): header, recipient, totals in paise; lines in {@link InvoiceLine}. */
@Entity
public class Invoice extends PanacheEntity {
    public enum Status { DRAFT, ISSUED, SENT, PARTIALLY_PAID, PAID, OVERDUE, CANCELLED }

    public long shopId;
    public Long customerId;
    public String number;
    /** "2026-27": numbers are unique per shop and financial year. */
    public String financialYear;
    public String orderRef;
    public LocalDate issueDate;
    public LocalDate dueDate;
    public String supplierState;
    public String placeOfSupply;
    public boolean reverseCharge;
    public boolean pricesIncludeTax;
    public String recipientName;
    public String recipientGstin;
    public String billingAddress;
    public String shippingAddress;
    public long taxablePaise;
    public long cgstPaise;
    public long sgstPaise;
    public long igstPaise;
    public long cessPaise;
    public long roundOffPaise;
    public long grandTotalPaise;
    public long amountPaidPaise;
    public String amountInWords;
    @Enumerated(EnumType.STRING)
    public Status status = Status.ISSUED;
    public String pdfKey;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    @OneToMany(mappedBy = "invoice", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNo")
    public List<InvoiceLine> lines = new ArrayList<>();

    public void addLine(InvoiceLine line) {
        line.invoice = this;
        line.shopId = shopId;
        line.lineNo = lines.size() + 1;
        lines.add(line);
    }
}
