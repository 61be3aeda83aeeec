package com.gstcomms.imports;

import com.gstcomms.core.money.Rate;

/** A product of the shop's catalogue as invoicing needs it (Shopify's order export has no HSN or rate). */
public record CatalogueItem(String sku, String name, String hsnSac, Rate gstRate, Rate cessRate, String unit) {
}
