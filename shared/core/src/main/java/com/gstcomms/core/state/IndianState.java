package com.gstcomms.core.state;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The states and union territories of India with their GST state codes (the first two digits
 * of a GSTIN, and the "place of supply" code printed on a tax invoice under CGST Rule 46(n)),
 * plus the two special GST codes 96 (Foreign Country) and 97 (Other Territory).
 *
 * <p>Decisions:
 * <ul>
 *   <li><b>25 Daman and Diu</b> merged with 26 Dadra and Nagar Haveli into one union territory
 *       on 26 January 2020; GST uses 26 for it. There is one constant,
 *       {@link #DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU} with code 26; {@code byCode("25")}
 *       also resolves to it so old GSTINs and records still map to a place, but new invoices
 *       print 26.</li>
 *   <li><b>28 Andhra Pradesh (before the 2014 division)</b> is not issued in GSTINs (GST began
 *       in 2017; Andhra Pradesh is 37), so there is no constant for it and
 *       {@code byCode("28")} is empty.</li>
 *   <li><b>99 Centre Jurisdiction</b> (non-resident OIDAR registrations) is not a place of
 *       supply and is not modelled.</li>
 * </ul>
 *
 * <p>Province codes: {@link #isoCode()} is the ISO 3166-2:IN subdivision code (without
 * {@code IN-}) after the 2023 revision (Telangana TG, Chhattisgarh CG, Uttarakhand UK, Odisha OD,
 * the merged UT DH). {@link #provinceCodes()} also holds the older or alternate codes that
 * Shopify and other systems write (TS, CT, UT, OR, DN, DD …), all accepted by
 * {@link #byProvinceCode(String)}.
 *
 * <p>Union territories without a legislature levy UTGST instead of SGST (UTGST Act 2017, s.7);
 * {@link #stateTaxName()} says which to print. The arithmetic is the same.
 */
public enum IndianState {
    JAMMU_AND_KASHMIR("01", "Jammu and Kashmir", false, List.of("JK")),
    HIMACHAL_PRADESH("02", "Himachal Pradesh", false, List.of("HP")),
    PUNJAB("03", "Punjab", false, List.of("PB")),
    CHANDIGARH("04", "Chandigarh", true, List.of("CH")),
    UTTARAKHAND("05", "Uttarakhand", false, List.of("UK", "UT", "UL"), "Uttaranchal"),
    HARYANA("06", "Haryana", false, List.of("HR")),
    DELHI("07", "Delhi", false, List.of("DL"), "NCT of Delhi", "National Capital Territory of Delhi", "New Delhi"),
    RAJASTHAN("08", "Rajasthan", false, List.of("RJ")),
    UTTAR_PRADESH("09", "Uttar Pradesh", false, List.of("UP")),
    BIHAR("10", "Bihar", false, List.of("BR")),
    SIKKIM("11", "Sikkim", false, List.of("SK")),
    ARUNACHAL_PRADESH("12", "Arunachal Pradesh", false, List.of("AR")),
    NAGALAND("13", "Nagaland", false, List.of("NL")),
    MANIPUR("14", "Manipur", false, List.of("MN")),
    MIZORAM("15", "Mizoram", false, List.of("MZ")),
    TRIPURA("16", "Tripura", false, List.of("TR")),
    MEGHALAYA("17", "Meghalaya", false, List.of("ML")),
    ASSAM("18", "Assam", false, List.of("AS")),
    WEST_BENGAL("19", "West Bengal", false, List.of("WB")),
    JHARKHAND("20", "Jharkhand", false, List.of("JH")),
    ODISHA("21", "Odisha", false, List.of("OD", "OR"), "Orissa"),
    CHHATTISGARH("22", "Chhattisgarh", false, List.of("CG", "CT")),
    MADHYA_PRADESH("23", "Madhya Pradesh", false, List.of("MP")),
    GUJARAT("24", "Gujarat", false, List.of("GJ")),
    DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU("26", "Dadra and Nagar Haveli and Daman and Diu", true,
            List.of("DH", "DN", "DD"), "Dadra and Nagar Haveli", "Daman and Diu"),
    MAHARASHTRA("27", "Maharashtra", false, List.of("MH")),
    KARNATAKA("29", "Karnataka", false, List.of("KA")),
    GOA("30", "Goa", false, List.of("GA")),
    LAKSHADWEEP("31", "Lakshadweep", true, List.of("LD")),
    KERALA("32", "Kerala", false, List.of("KL")),
    TAMIL_NADU("33", "Tamil Nadu", false, List.of("TN")),
    PUDUCHERRY("34", "Puducherry", false, List.of("PY"), "Pondicherry"),
    ANDAMAN_AND_NICOBAR_ISLANDS("35", "Andaman and Nicobar Islands", true, List.of("AN"), "Andaman and Nicobar"),
    TELANGANA("36", "Telangana", false, List.of("TG", "TS")),
    ANDHRA_PRADESH("37", "Andhra Pradesh", false, List.of("AP"), "Andhra Pradesh (New)"),
    LADAKH("38", "Ladakh", true, List.of("LA")),
    /** Foreign country: place of supply for exports and supplies outside India (code 96). */
    FOREIGN_COUNTRY("96", "Foreign Country", false, List.of()),
    /** Other Territory (code 97): continental shelf and exclusive economic zone, e.g. offshore rigs. */
    OTHER_TERRITORY("97", "Other Territory", true, List.of());

    /** Superseded GST codes that still resolve to a place: 25 Daman and Diu → 26. */
    private static final Map<String, IndianState> LEGACY_CODES =
            Map.of("25", DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU);

    private static final Map<String, IndianState> BY_CODE = new HashMap<>();
    private static final Map<String, IndianState> BY_PROVINCE = new HashMap<>();
    private static final Map<String, IndianState> BY_NAME = new HashMap<>();

    static {
        for (IndianState state : values()) {
            BY_CODE.put(state.code, state);
            state.provinceCodes.forEach(c -> BY_PROVINCE.put(c, state));
            BY_NAME.put(nameKey(state.displayName), state);
            state.otherNames.forEach(n -> BY_NAME.put(nameKey(n), state));
        }
        BY_CODE.putAll(LEGACY_CODES);
    }

    private final String code;
    private final String displayName;
    private final boolean leviesUtgst;
    private final List<String> provinceCodes;
    private final List<String> otherNames;

    IndianState(String code, String displayName, boolean leviesUtgst, List<String> provinceCodes,
                String... otherNames) {
        this.code = code;
        this.displayName = displayName;
        this.leviesUtgst = leviesUtgst;
        this.provinceCodes = provinceCodes;
        this.otherNames = List.of(otherNames);
    }

    /** The two-digit GST state code, e.g. {@code "27"}. */
    public String code() {
        return code;
    }

    /** The name to print on an invoice, e.g. {@code "Maharashtra"}. */
    public String displayName() {
        return displayName;
    }

    /** ISO 3166-2:IN code without the {@code IN-} prefix; empty for codes 96 and 97. */
    public Optional<String> isoCode() {
        return provinceCodes.isEmpty() ? Optional.empty() : Optional.of(provinceCodes.getFirst());
    }

    /** Every province code accepted for this place, ISO code first. */
    public List<String> provinceCodes() {
        return provinceCodes;
    }

    /** True for Other Territory and the union territories that have no legislature. */
    public boolean leviesUtgst() {
        return leviesUtgst;
    }

    /** {@code "UTGST"} or {@code "SGST"}: the name of the state half of intra-state tax. */
    public String stateTaxName() {
        return leviesUtgst ? "UTGST" : "SGST";
    }

    /** Whether this is a place in India (every code except 96). */
    public boolean isInIndia() {
        return this != FOREIGN_COUNTRY;
    }

    /** "Maharashtra (27)", the form CGST Rule 46(n) asks for the place of supply. */
    public String withCode() {
        return displayName + " (" + code + ")";
    }

    /** By GST state code: {@code "27"}, also {@code "7"} for 07; {@code "25"} gives code 26. */
    public static Optional<IndianState> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String trimmed = code.strip();
        if (trimmed.length() == 1) {
            trimmed = "0" + trimmed;
        }
        return Optional.ofNullable(BY_CODE.get(trimmed));
    }

    /** By ISO 3166-2:IN or Shopify province code: {@code "MH"}, {@code "IN-MH"}, {@code "ts"}. */
    public static Optional<IndianState> byProvinceCode(String provinceCode) {
        if (provinceCode == null) {
            return Optional.empty();
        }
        String key = provinceCode.strip().toUpperCase(Locale.ROOT);
        if (key.startsWith("IN-")) {
            key = key.substring(3);
        }
        return Optional.ofNullable(BY_PROVINCE.get(key));
    }

    /**
     * By name, ignoring case, spaces, punctuation and '&amp;' versus "and":
     * {@code "maharashtra"}, {@code "Jammu & Kashmir"}, {@code "TAMIL  NADU"}, also a few old
     * names (Orissa, Pondicherry, Uttaranchal).
     */
    public static Optional<IndianState> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(nameKey(name)));
    }

    private static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replaceAll("[^a-z]", "");
    }
}
