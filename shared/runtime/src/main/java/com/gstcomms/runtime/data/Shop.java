package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** A merchant (tenant): the supplier printed on its invoices, and its messaging preferences. */
@Entity
public class Shop extends PanacheEntity {
    @Column(nullable = false, unique = true)
    public String shopDomain;
    public String legalName;
    public String tradeName;
    public String addressLine1;
    public String addressLine2;
    public String city;
    /** GST state code of the supplier ("27" for Maharashtra). */
    public String stateCode;
    public String pin;
    public String gstin;
    public String email;
    public String phone;
    public String upiId;
    public String logoKey;
    public boolean pricesIncludeTax = true;
    public String invoicePrefix = "INV";
    public boolean whatsappFallbackToEmail;
    /** Other settings (reminder rules, quiet hours, automated notifications) as a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String settings = "{}";
    /**
     * The Shopify user id ({@code sub} of session tokens) of the shop's account owner, the one Shopify
     * session that is OWNER; the install flow fills it in from the online access token's
     * {@code associated_user.account_owner}. Null: every Shopify session of the shop is STAFF.
     */
    public String ownerUserId;
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public static Uni<Shop> findByDomain(String shopDomain) {
        return find("shopDomain", shopDomain).firstResult();
    }
}
