package com.gstcomms.runtime.data;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** The shop's catalogue: SKU → HSN/SAC and GST rate (Shopify's order export carries neither). */
@Entity
public class Product extends PanacheEntity {
    public long shopId;
    public String sku;
    public String name;
    public String hsnSac;
    public BigDecimal gstRate;
    public BigDecimal cessRate = BigDecimal.ZERO;
    public String unit = "NOS";
    public OffsetDateTime createdAt = OffsetDateTime.now();
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
