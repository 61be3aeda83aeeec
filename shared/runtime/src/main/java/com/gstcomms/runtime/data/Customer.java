package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

import java.time.OffsetDateTime;

/** A shop's customer, matched on (shop, Shopify ID) and then (shop, email, case-insensitive). */
@Entity
public class Customer extends PanacheEntity {
    public long shopId;
    public Long shopifyId;
    public String firstName;
    public String lastName;
    public String email;
    /** E.164 ("+919876543210"). */
    public String phone;
    public String company;
    public String gstin;
    public String address1;
    public String address2;
    public String city;
    public String stateCode;
    public String pin;
    public String countryCode;
    @Column(columnDefinition = "text[]")
    public String[] tags = new String[0];
    public boolean emailOptIn;
    public boolean whatsappOptIn;
    public OffsetDateTime whatsappOptInAt;
    /** Last inbound WhatsApp message: opens Meta's 24-hour customer service window. */
    public OffsetDateTime lastInboundWhatsappAt;
    public String locale = "en";
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public String displayName() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return full.isEmpty() ? (email == null ? "" : email) : full;
    }
}
