package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;

import java.time.OffsetDateTime;

/** A parcel to ship, and its 4×6 label once rendered. */
@Entity
public class Shipment extends PanacheEntity {
    public long shopId;
    public Long invoiceId;
    public String orderRef;
    public String awb;
    public String courier;
    public Integer weightGrams;
    public String fromAddress;
    public String toName;
    public String toAddress;
    public String toPin;
    public String toPhone;
    public long codAmountPaise;
    public String status = "CREATED";
    public String labelKey;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
