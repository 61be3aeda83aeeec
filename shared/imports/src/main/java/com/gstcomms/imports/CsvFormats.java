package com.gstcomms.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.gstcomms.imports.Column.optional;
import static com.gstcomms.imports.Column.required;

/**
 * The import layouts: Shopify's customer and order exports exactly as Shopify writes them, our own
 * simple template for customers and orders, and the product catalogue (SKU → HSN/SAC, GST rate).
 *
 * <p>A file's header is matched ignoring case, spacing and punctuation. Without a named format the
 * layout is chosen from the header: among the formats of the import's kind whose required columns are
 * all present, the one that recognises the most headings (Shopify's first on a tie).
 */
public final class CsvFormats {

    public static final CsvFormat SHOPIFY_CUSTOMERS = new CsvFormat("shopify-customers", ImportKind.CUSTOMERS,
            "Shopify customer export",
            List.of(
                    required(CustomerRows.SHOPIFY_ID, "Customer ID"),
                    optional(CustomerRows.FIRST_NAME, "First Name"),
                    optional(CustomerRows.LAST_NAME, "Last Name"),
                    required(CustomerRows.EMAIL, "Email"),
                    optional(CustomerRows.EMAIL_OPT_IN, "Accepts Email Marketing", "Accepts Marketing"),
                    // Shopify's 2023 layout writes "Default Address …"; the older one the bare names.
                    optional(CustomerRows.COMPANY, "Default Address Company", "Company"),
                    optional(CustomerRows.ADDRESS1, "Default Address Address1", "Address1"),
                    optional(CustomerRows.ADDRESS2, "Default Address Address2", "Address2"),
                    optional(CustomerRows.CITY, "Default Address City", "City"),
                    optional(CustomerRows.STATE, "Default Address Province Code", "Province Code"),
                    optional(CustomerRows.COUNTRY, "Default Address Country Code", "Country Code"),
                    optional(CustomerRows.PIN, "Default Address Zip", "Zip"),
                    optional(CustomerRows.ADDRESS_PHONE, "Default Address Phone"),
                    optional(CustomerRows.PHONE, "Phone"),
                    optional(CustomerRows.TAGS, "Tags")),
            List.of("Accepts SMS Marketing", "Total Spent", "Total Orders", "Note", "Tax Exempt", "Province",
                    "Country"));

    public static final CsvFormat CUSTOMERS = new CsvFormat("customers", ImportKind.CUSTOMERS,
            "customer template",
            List.of(
                    optional(CustomerRows.SHOPIFY_ID, "Shopify ID", "Shopify Customer ID", "Customer ID"),
                    optional(CustomerRows.FIRST_NAME, "First Name"),
                    optional(CustomerRows.LAST_NAME, "Last Name"),
                    required(CustomerRows.EMAIL, "Email", "Email Address"),
                    optional(CustomerRows.PHONE, "Phone", "Mobile", "Phone Number", "WhatsApp Number"),
                    optional(CustomerRows.COMPANY, "Company", "Business Name"),
                    optional(CustomerRows.GSTIN, "GSTIN", "GST Number", "GST No"),
                    optional(CustomerRows.ADDRESS1, "Address Line 1", "Address1", "Address"),
                    optional(CustomerRows.ADDRESS2, "Address Line 2", "Address2"),
                    optional(CustomerRows.CITY, "City"),
                    optional(CustomerRows.STATE, "State", "State Code", "Province", "Province Code"),
                    optional(CustomerRows.PIN, "PIN", "PIN Code", "Pincode", "Postal Code", "Zip"),
                    optional(CustomerRows.COUNTRY, "Country Code", "Country"),
                    optional(CustomerRows.TAGS, "Tags"),
                    optional(CustomerRows.EMAIL_OPT_IN, "Email Opt In", "Email Marketing"),
                    optional(CustomerRows.WHATSAPP_OPT_IN, "WhatsApp Opt In", "WhatsApp Marketing"),
                    optional(CustomerRows.LOCALE, "Language", "Locale")),
            // Our customer export adds these; importing an export back should not report them.
            List.of("Created At", "Updated At"));

    public static final CsvFormat PRODUCTS = new CsvFormat("products", ImportKind.PRODUCTS,
            "product catalogue template",
            List.of(
                    required(ProductRows.SKU, "SKU", "Item Code"),
                    required(ProductRows.NAME, "Name", "Product Name", "Title", "Description"),
                    required(ProductRows.HSN_SAC, "HSN/SAC", "HSN", "SAC", "HSN Code", "HSN/SAC Code"),
                    required(ProductRows.GST_RATE, "GST Rate", "GST Rate %", "GST %", "Tax Rate"),
                    optional(ProductRows.CESS_RATE, "Cess Rate", "Cess %", "Cess"),
                    optional(ProductRows.UNIT, "Unit", "UQC", "UOM")),
            List.of());

    public static final CsvFormat SHOPIFY_ORDERS = new CsvFormat("shopify-orders", ImportKind.ORDERS,
            "Shopify order export",
            List.of(
                    required(OrderRows.ORDER, "Name"),
                    optional(OrderRows.EMAIL, "Email"),
                    optional(OrderRows.FINANCIAL_STATUS, "Financial Status"),
                    optional(OrderRows.CURRENCY, "Currency"),
                    optional(OrderRows.SHIPPING, "Shipping"),
                    optional(OrderRows.TOTAL, "Total"),
                    optional(OrderRows.DISCOUNT, "Discount Amount"),
                    required(OrderRows.DATE, "Created at"),
                    required(OrderRows.QUANTITY, "Lineitem quantity"),
                    required(OrderRows.ITEM, "Lineitem name"),
                    required(OrderRows.PRICE, "Lineitem price"),
                    required(OrderRows.SKU, "Lineitem sku"),
                    optional(OrderRows.LINE_DISCOUNT, "Lineitem discount"),
                    optional(OrderRows.BILLING_NAME, "Billing Name"),
                    optional(OrderRows.BILLING_ADDRESS1, "Billing Address1"),
                    optional(OrderRows.BILLING_ADDRESS2, "Billing Address2"),
                    optional(OrderRows.BILLING_COMPANY, "Billing Company"),
                    optional(OrderRows.BILLING_CITY, "Billing City"),
                    optional(OrderRows.BILLING_PIN, "Billing Zip"),
                    optional(OrderRows.BILLING_STATE, "Billing Province"),
                    optional(OrderRows.BILLING_COUNTRY, "Billing Country"),
                    optional(OrderRows.BILLING_PHONE, "Billing Phone"),
                    optional(OrderRows.SHIPPING_NAME, "Shipping Name"),
                    optional(OrderRows.SHIPPING_ADDRESS1, "Shipping Address1"),
                    optional(OrderRows.SHIPPING_ADDRESS2, "Shipping Address2"),
                    optional(OrderRows.SHIPPING_COMPANY, "Shipping Company"),
                    optional(OrderRows.SHIPPING_CITY, "Shipping City"),
                    optional(OrderRows.SHIPPING_PIN, "Shipping Zip"),
                    optional(OrderRows.SHIPPING_STATE, "Shipping Province"),
                    optional(OrderRows.SHIPPING_COUNTRY, "Shipping Country"),
                    optional(OrderRows.SHIPPING_PHONE, "Shipping Phone"),
                    optional(OrderRows.PHONE, "Phone"),
                    optional(OrderRows.CANCELLED_AT, "Cancelled at")),
            List.of("Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Subtotal", "Taxes",
                    "Discount Code", "Shipping Method", "Lineitem compare at price", "Lineitem requires shipping",
                    "Lineitem taxable", "Lineitem fulfillment status", "Billing Street", "Shipping Street", "Notes",
                    "Note Attributes", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
                    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source",
                    "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value",
                    "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Receipt Number", "Duties",
                    "Billing Province Name", "Shipping Province Name", "Payment ID", "Payment Terms Name",
                    "Next Payment Due At", "Payment References"));

    public static final CsvFormat ORDERS = new CsvFormat("orders", ImportKind.ORDERS,
            "order template",
            List.of(
                    required(OrderRows.ORDER, "Order", "Order Number", "Order No"),
                    required(OrderRows.DATE, "Date", "Order Date", "Invoice Date"),
                    optional(OrderRows.BILLING_NAME, "Customer Name", "Customer", "Billing Name"),
                    optional(OrderRows.EMAIL, "Email"),
                    optional(OrderRows.PHONE, "Phone", "Mobile"),
                    optional(OrderRows.GSTIN, "GSTIN", "Customer GSTIN", "GST Number"),
                    optional(OrderRows.BILLING_ADDRESS1, "Address", "Address Line 1", "Billing Address"),
                    optional(OrderRows.BILLING_CITY, "City"),
                    required(OrderRows.BILLING_STATE, "State", "Place of Supply", "State Code"),
                    optional(OrderRows.BILLING_PIN, "PIN", "PIN Code", "Pincode"),
                    required(OrderRows.SKU, "SKU", "Item Code"),
                    optional(OrderRows.ITEM, "Description", "Item", "Product"),
                    required(OrderRows.QUANTITY, "Quantity", "Qty"),
                    required(OrderRows.PRICE, "Unit Price", "Price"),
                    optional(OrderRows.LINE_DISCOUNT, "Discount"),
                    optional(OrderRows.SHIPPING, "Shipping"),
                    optional(OrderRows.TOTAL, "Order Total", "Total"),
                    optional(OrderRows.FINANCIAL_STATUS, "Payment Status")),
            List.of());

    /** Every format, Shopify's first within a kind (they win a tie when the layout is detected). */
    public static final List<CsvFormat> ALL = List.of(SHOPIFY_CUSTOMERS, CUSTOMERS, SHOPIFY_ORDERS, ORDERS, PRODUCTS);

    private CsvFormats() {
    }

    public static Optional<CsvFormat> byName(String name) {
        return ALL.stream().filter(f -> f.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    public static List<CsvFormat> of(ImportKind kind) {
        return ALL.stream().filter(f -> f.kind() == kind).toList();
    }

    /**
     * Matches a header to the named format, or to the best format of the kind.
     *
     * @throws ImportRefused naming the missing required columns (the file is refused before any row is
     *                       written), a heading that appears twice, or a format of another kind
     */
    public static HeaderMatch match(ImportKind kind, Optional<String> formatName, List<String> header) {
        if (formatName.isPresent() && !formatName.get().isBlank()) {
            CsvFormat format = byName(formatName.get()).orElseThrow(() -> new ImportRefused(
                    "Unknown import format '" + formatName.get() + "'; known formats: "
                            + ALL.stream().map(CsvFormat::name).collect(Collectors.joining(", ")) + "."));
            if (format.kind() != kind) {
                throw new ImportRefused("The format '" + format.name() + "' imports " + format.kind().name().toLowerCase()
                        + ", not " + kind.name().toLowerCase() + ".");
            }
            return matchOrRefuse(format, header);
        }
        HeaderMatch best = null;
        int bestScore = -1;
        CsvFormat closest = null;
        int closestMissing = Integer.MAX_VALUE;
        for (CsvFormat format : of(kind)) {
            Attempt attempt = attempt(format, header);
            if (attempt.missing.isEmpty()) {
                int score = attempt.match.positions().size() + attempt.ignoredCount;
                if (score > bestScore) {
                    best = attempt.match;
                    bestScore = score;
                }
            } else if (attempt.missing.size() < closestMissing) {
                closest = format;
                closestMissing = attempt.missing.size();
            }
        }
        if (best != null) {
            return best;
        }
        return matchOrRefuse(closest, header);
    }

    private static HeaderMatch matchOrRefuse(CsvFormat format, List<String> header) {
        Attempt attempt = attempt(format, header);
        if (!attempt.missing.isEmpty()) {
            throw new ImportRefused("The file is missing " + (attempt.missing.size() == 1 ? "the required column " : "the required columns ")
                    + attempt.missing.stream().map(c -> "'" + c.heading() + "'").collect(Collectors.joining(", "))
                    + " of the " + format.description() + " layout (headings found: "
                    + String.join(", ", header.stream().filter(h -> !h.isBlank()).toList()) + ").");
        }
        return attempt.match;
    }

    private record Attempt(HeaderMatch match, List<Column> missing, int ignoredCount) {
    }

    private static Attempt attempt(CsvFormat format, List<String> header) {
        Map<String, String> keyByHeading = new HashMap<>();
        for (Column column : format.columns()) {
            for (String heading : column.headings()) {
                keyByHeading.putIfAbsent(Columns.normalise(heading), column.key());
            }
        }
        Set<String> ignored = format.ignoredHeadings().stream().map(Columns::normalise).collect(Collectors.toSet());
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        int ignoredCount = 0;
        int lastNamed = -1;
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).isBlank()) {
                lastNamed = i;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            String heading = header.get(i);
            String normalised = Columns.normalise(heading);
            if (normalised.isEmpty()) {
                // Spreadsheets often leave empty headings after the last column: not worth a report.
                if (i < lastNamed) {
                    unknown.add("(column " + Columns.letter(i) + ", no heading)");
                }
                continue;
            }
            String key = keyByHeading.get(normalised);
            if (key != null) {
                Integer earlier = positions.putIfAbsent(key, i);
                if (earlier != null) {
                    throw new ImportRefused("The column '" + heading + "' appears twice (columns "
                            + Columns.letter(earlier) + " and " + Columns.letter(i) + "); keep one of them.");
                }
            } else if (ignored.contains(normalised)) {
                ignoredCount++;
            } else {
                unknown.add(heading);
            }
        }
        List<Column> missing = format.requiredColumns().stream().filter(c -> !positions.containsKey(c.key())).toList();
        return new Attempt(new HeaderMatch(format, header, positions, unknown), missing, ignoredCount);
    }
}
