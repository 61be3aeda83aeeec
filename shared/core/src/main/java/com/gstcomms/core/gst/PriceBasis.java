package com.gstcomms.core.gst;

/**
 * Whether the unit prices (and discounts and shipping charge) on an invoice already include GST
 * and cess. Indian consumer shops, Shopify stores included, usually show tax-inclusive prices;
 * B2B price lists are usually exclusive. A shop setting, applied to the whole invoice.
 */
public enum PriceBasis {
    /** Prices are taxable values; tax is added on top. */
    EXCLUSIVE_OF_TAX,
    /** Prices already include GST and cess; the taxable value is backed out of them. */
    INCLUSIVE_OF_TAX
}
