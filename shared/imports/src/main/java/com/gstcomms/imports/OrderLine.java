package com.gstcomms.imports;

import com.gstcomms.core.money.Money;

import java.math.BigDecimal;

/** A line item of an imported order, on the price basis of the shop. Description may be null (catalogue name). */
public record OrderLine(int row, String sku, String description, BigDecimal quantity, Money unitPrice, Money discount) {
}
