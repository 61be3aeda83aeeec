package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import java.math.BigDecimal;

/** One line of an invoice with its tax figures as computed by the core's GST arithmetic. */
@Entity
public class InvoiceLine extends PanacheEntity {
    public long shopId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "invoice_id")
    public Invoice invoice;
    public int lineNo;
    public String description;
    public String hsnSac;
    public BigDecimal quantity;
    public String unit;
    public long unitPricePaise;
    public long discountPaise;
    public long taxablePaise;
    public BigDecimal gstRate;
    public long cgstPaise;
    public long sgstPaise;
    public long igstPaise;
    public BigDecimal cessRate = BigDecimal.ZERO;
    public long cessPaise;
    public long totalPaise;
}
