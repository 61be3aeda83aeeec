package com.gstcomms.imports;

import com.gstcomms.core.money.Rate;

/** A catalogue row: SKU → name, HSN/SAC, GST rate, cess rate and unit quantity code. */
public record ProductRecord(int row, String sku, String name, String hsnSac, Rate gstRate, Rate cessRate, String unit) {
}
