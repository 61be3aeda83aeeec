package com.gstcomms.core.gstin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.gstcomms.core.state.IndianState;

/**
 * A valid GSTIN (Goods and Services Tax Identification Number) of the normal taxpayer format,
 * normalised to upper case. Only {@link GstinValidator} creates one, so holding a {@code Gstin}
 * means the state code, PAN shape and check character have been checked.
 */
public final class Gstin {

    private final String value;

    Gstin(String value) {
        this.value = value;
    }

    /**
     * Parses and validates a GSTIN.
     *
     * @throws IllegalArgumentException with the validator's reason when invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Gstin parse(String text) {
        return GstinValidator.validate(text).orElseThrow();
    }

    /** The 15 characters, e.g. {@code "27AAPFU0939F1ZV"}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The two-digit state code, e.g. {@code "27"}. */
    public String stateCode() {
        return value.substring(0, 2);
    }

    /** The registered state; code 25 resolves to the merged UT 26. */
    public IndianState state() {
        return IndianState.byCode(stateCode()).orElseThrow();
    }

    /** The PAN of the holder, positions 3–12. */
    public String pan() {
        return value.substring(2, 12);
    }

    /** Which registration of this PAN in this state (1–9, then A–Z). */
    public char entityCode() {
        return value.charAt(12);
    }

    public char checkCharacter() {
        return value.charAt(14);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gstin other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
