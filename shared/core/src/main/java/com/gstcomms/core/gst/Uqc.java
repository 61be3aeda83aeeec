package com.gstcomms.core.gst;

import com.gstcomms.core.validation.HsnSac;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GSTN's unit quantity codes (UQC), the units GST returns accept (GSTR-1 Table 12, e-invoice
 * {@code Unit}): the 45 codes of the portal's list, each with its name and the words merchants write
 * for it. {@link #of} turns what a merchant wrote ("pcs", "Piece", "kg", "litre") into a code; text
 * that is neither a code nor a known word is {@link #OTH} (others), so free text like "box of 6"
 * never fails an import. Services have no unit: {@link #forSummary} gives {@value #SERVICE} for a SAC.
 */
public enum Uqc {
    BAG("Bags", "bags", "sack", "sacks"),
    BAL("Bale", "bale", "bales"),
    BDL("Bundles", "bundle", "bundles"),
    BKL("Buckles", "buckle", "buckles"),
    BOU("Billion of units"),
    BOX("Box", "boxes"),
    BTL("Bottles", "bottle", "bottles", "btls"),
    BUN("Bunches", "bunch", "bunches"),
    CAN("Cans", "cans", "tin", "tins"),
    CBM("Cubic metres", "m3", "cubic metre", "cubic meter", "cubic metres", "cubic meters", "cum"),
    CCM("Cubic centimetres", "cc", "cm3", "cubic centimetre", "cubic centimeter"),
    CMS("Centimetres", "cm", "centimetre", "centimeter", "centimetres", "centimeters"),
    CTN("Cartons", "carton", "cartons"),
    DOZ("Dozens", "dozen", "dozens", "dz"),
    DRM("Drums", "drum", "drums"),
    GGK("Great gross"),
    GMS("Grammes", "g", "gm", "gms", "gram", "grams", "gramme", "grammes", "grm"),
    GRS("Gross", "gross"),
    GYD("Gross yards"),
    KGS("Kilograms", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme"),
    KLR("Kilolitre", "kl", "kilolitre", "kiloliter", "kilolitres"),
    KME("Kilometre", "km", "kilometre", "kilometer", "kilometres", "kilometers"),
    LTR("Litres", "l", "lt", "ltr", "ltrs", "litre", "litres", "liter", "liters"),
    MLT("Millilitre", "ml", "millilitre", "milliliter", "millilitres", "milliliters"),
    MTR("Metres", "m", "mtr", "mtrs", "metre", "metres", "meter", "meters"),
    MTS("Metric ton", "metric ton", "metric tons", "mt"),
    NOS("Numbers", "no", "nos", "number", "numbers", "num", "ea", "each"),
    OTH("Others", "other", "others"),
    PAC("Packs", "pack", "packs", "packet", "packets", "pkt", "pkts", "pck"),
    PCS("Pieces", "pc", "pcs", "piece", "pieces"),
    PRS("Pairs", "pair", "pairs", "pr"),
    QTL("Quintal", "quintal", "quintals"),
    ROL("Rolls", "roll", "rolls"),
    SET("Sets", "sets"),
    SQF("Square feet", "sqft", "sq ft", "square foot", "square feet", "ft2"),
    SQM("Square metres", "sqm", "sq m", "m2", "square metre", "square meter", "square metres", "square meters"),
    SQY("Square yards", "sqyd", "sq yd", "square yard", "square yards"),
    TBS("Tablets", "tablet", "tablets", "tab", "tabs"),
    TGM("Ten gross"),
    THD("Thousands", "thousand", "thousands"),
    TON("Tonnes", "t", "tonne", "tonnes", "ton", "tons"),
    TUB("Tubes", "tube", "tubes"),
    UGS("US gallons", "gallon", "gallons", "us gallon", "us gallons"),
    UNT("Units", "unit", "units"),
    YDS("Yards", "yd", "yard", "yards");

    /** The UQC of a service (SAC 99…) in the HSN summary and GSTR-1 Table 12: services have no quantity. */
    public static final String SERVICE = "NA";

    private static final Map<String, Uqc> BY_WORD = new HashMap<>();

    static {
        for (Uqc uqc : values()) {
            BY_WORD.put(uqc.name().toLowerCase(Locale.ROOT), uqc);
            for (String alias : uqc.aliases) {
                Uqc before = BY_WORD.put(alias, uqc);
                if (before != null && before != uqc) {
                    throw new IllegalStateException("'" + alias + "' means both " + before + " and " + uqc);
                }
            }
        }
    }

    private final String title;
    private final List<String> aliases;

    Uqc(String title, String... aliases) {
        this.title = title;
        this.aliases = List.of(aliases);
    }

    /** GSTN's name of the unit, e.g. "Kilograms". */
    public String title() {
        return title;
    }

    /**
     * The code for what a merchant wrote: a code in any case ("kgs"), a known word ("Piece", "litres",
     * "sq. ft"), else {@link #OTH}; empty text is {@link #NOS}, the unit of goods counted in numbers.
     */
    public static Uqc of(String unit) {
        if (unit == null || unit.isBlank()) {
            return NOS;
        }
        return known(unit).orElse(OTH);
    }

    /** The code only when the text is a code or a known word for one (case, dots and spaces aside). */
    public static Optional<Uqc> known(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String word = unit.strip().toLowerCase(Locale.ROOT).replace(".", "").replaceAll("\\s+", " ");
        Uqc uqc = BY_WORD.get(word);
        if (uqc == null && word.endsWith("s") && word.length() > 3) {
            uqc = BY_WORD.get(word.substring(0, word.length() - 1));
        }
        return Optional.ofNullable(uqc);
    }

    /** The UQC of a line in the HSN summary: {@value #SERVICE} for a SAC, else the code of its unit. */
    public static String forSummary(String hsnSac, String unit) {
        return HsnSac.isService(hsnSac) ? SERVICE : of(unit).name();
    }
}
