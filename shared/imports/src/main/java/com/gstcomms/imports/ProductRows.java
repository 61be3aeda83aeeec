package com.gstcomms.imports;

import com.gstcomms.core.gst.Uqc;
import com.gstcomms.core.money.Rate;
import com.gstcomms.core.validation.Bounded;
import com.gstcomms.core.validation.HsnSac;

import java.util.List;

/**
 * Reads the product catalogue (SKU, name, HSN/SAC, GST rate, unit). HSN/SAC follows the core's rules
 * (4, 6 or 8 digits; SAC starts 99); the unit is stored as GSTN's unit quantity code ({@link Uqc}: NOS,
 * KGS, MTR …, from the code or a word such as "pcs" or "litre"), NOS when empty, OTH when unknown.
 */
public final class ProductRows {

    public static final String SKU = "sku";
    public static final String NAME = "name";
    public static final String HSN_SAC = "hsnSac";
    public static final String GST_RATE = "gstRate";
    public static final String CESS_RATE = "cessRate";
    public static final String UNIT = "unit";

    private ProductRows() {
    }

    /** {@code sku:<SKU>}: a SKU appears once in a catalogue. */
    public static List<String> identityKeys(HeaderMatch match, SourceRecord record) {
        String sku = match.value(record, SKU);
        return sku.isEmpty() ? List.of() : List.of("sku:" + sku);
    }

    public static RowResult<ProductRecord> read(HeaderMatch match, SourceRecord record) {
        RowCheck check = new RowCheck(match, record);
        String sku = check.requiredText(SKU, 100);
        String name = check.requiredText(NAME, 255);
        String hsn = check.text(HSN_SAC).isEmpty()
                ? requiredMissing(check, HSN_SAC)
                : check.validated(HSN_SAC, HsnSac.validate(check.text(HSN_SAC)));
        Rate rate = check.rate(GST_RATE, true, Bounded.GST_RATE);
        Rate cess = check.rate(CESS_RATE, false, Bounded.CESS_RATE);
        // A GSTN unit code, from a code or a word for one ("pcs", "litre"); free text such as "box of 6"
        // is OTH rather than a failed row: the unit decides no tax, only the HSN summary's UQC.
        String unit = Uqc.of(check.text(UNIT)).name();
        return check.ok()
                ? new RowResult.Accepted<>(record.row(), new ProductRecord(record.row(), sku, name, hsn, rate, cess, unit))
                : new RowResult.Rejected<>(record.row(), check.problems());
    }

    private static String requiredMissing(RowCheck check, String key) {
        check.problem(key, "HSN/SAC code is required.");
        return null;
    }
}
