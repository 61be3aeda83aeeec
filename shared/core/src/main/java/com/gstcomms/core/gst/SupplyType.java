package com.gstcomms.core.gst;

import com.gstcomms.core.state.IndianState;

import java.util.Objects;

/**
 * Which GST applies, decided by the supplier's state and the place of supply.
 *
 * <p>Same state or UT → intra-state: CGST plus SGST (or UTGST), each half the rate
 * (CGST Act s.9, SGST/UTGST Acts). Different → inter-state: IGST at the full rate (IGST Act s.5,
 * s.7). A place of supply outside India (code 96) is inter-state under IGST Act s.7(5)(a).
 *
 * <p>Out of scope: zero-rated exports (IGST Act s.16, under LUT without payment of tax or with
 * refund). An export here is charged IGST at the line's rate; a merchant exporting under LUT
 * should set the line rates to 0 and print the LUT declaration.
 */
public enum SupplyType {
    INTRA_STATE,
    INTER_STATE;

    /**
     * @throws IllegalArgumentException if the supplier is not in India
     */
    public static SupplyType of(IndianState supplierState, IndianState placeOfSupply) {
        Objects.requireNonNull(supplierState, "supplierState");
        Objects.requireNonNull(placeOfSupply, "placeOfSupply");
        if (!supplierState.isInIndia()) {
            throw new IllegalArgumentException("supplier state must be in India, not " + supplierState.withCode());
        }
        return supplierState == placeOfSupply ? INTRA_STATE : INTER_STATE;
    }
}
